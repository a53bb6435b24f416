import { statisticsQuerySchema } from '$lib/schemas/records';
import { staffOrSignIn } from '$lib/server/auth/redirects';
import { ledOrganisation } from '$lib/server/cases/staff-queries';
import { notFound, validateQuery } from '$lib/server/http';
import { organisationStatistics } from '$lib/server/records/statistics';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/**
 * For the organisation's lead (coordinator, chair or admin; 404 for anyone else): counts from
 * metadata only, small counts suppressed before they leave the server.
 */
export const load = (async ({ locals, url }) => {
  const staff = staffOrSignIn(locals);
  const database = await db();
  const organisation = await ledOrganisation(database, staff);
  if (!organisation) notFound();
  const { year } = validateQuery(statisticsQuerySchema, url);
  return {
    organisation: { id: organisation.id, name: organisation.name },
    year: year ?? null,
    statistics: await organisationStatistics(database, organisation.id, organisation.policy, year)
  };
}) satisfies PageServerLoad;
