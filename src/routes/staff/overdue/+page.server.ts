import { staffOrSignIn } from '$lib/server/auth/redirects';
import { ledOrganisation, overdueCounts } from '$lib/server/cases/staff-queries';
import { notFound } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/**
 * For the organisation's lead: how many of the cases they hold are late, by track and by which
 * deadline. Cases they cannot read never change it; everyone else gets 404.
 */
export const load = (async ({ locals }) => {
  const staff = staffOrSignIn(locals);
  const database = await db();
  const organisation = await ledOrganisation(database, staff);
  if (!organisation) notFound();
  const counts = await overdueCounts(
    database,
    organisation.id,
    organisation.policy,
    staff.personId
  );
  return { organisation: organisation.name, counts };
}) satisfies PageServerLoad;
