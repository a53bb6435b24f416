import { eq } from 'drizzle-orm';
import { adminOrHome } from '$lib/server/auth/redirects';
import { organisations } from '$lib/server/db/schema';
import { publicRoster } from '$lib/server/roster';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const admin = adminOrHome(locals);
  const database = await db();
  const [unit] = await database
    .select({ slug: organisations.slug, policy: organisations.policy })
    .from(organisations)
    .where(eq(organisations.id, admin.organisationId));
  const roster = unit ? await publicRoster(database, unit.slug) : null;
  return {
    policy: unit?.policy ?? null,
    units: roster ? [roster.organisation, ...roster.bodies] : []
  };
}) satisfies PageServerLoad;
