import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { ledOrganisation } from '$lib/server/cases/staff-queries';
import { organisations } from '$lib/server/db/schema';
import { db } from '$lib/server/runtime';
import { paths } from '$lib/paths';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  if (!locals.staff) return { staff: null };
  // Someone who must sign in with a second factor and has none sets it up before anything else
  // (reading the path makes this run on every navigation, not only the first).
  if (locals.staff.mustEnrolTotp && url.pathname !== paths.security) {
    redirect(303, paths.security);
  }
  const database = await db();
  const [unit] = locals.staff.isAdmin
    ? await database
        .select({ name: organisations.name, off: organisations.safeguardingTotpOff })
        .from(organisations)
        .where(eq(organisations.id, locals.staff.organisationId))
    : [];
  return {
    staff: {
      displayName: locals.staff.displayName,
      isAdmin: locals.staff.isAdmin,
      isHost: locals.staff.isHost,
      mustEnrolTotp: locals.staff.mustEnrolTotp,
      /** Admins see, on every staff page, that the safeguarding second factor is turned off. */
      secondFactorOffIn: unit?.off ? unit.name : null,
      /** The organisation's lead sees late-case counts (never the cases) on the overdue page. */
      leads: (await ledOrganisation(database, locals.staff)) !== null
    }
  };
}) satisfies LayoutServerLoad;
