import { ledOrganisation } from '$lib/server/cases/staff-queries';
import { db } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals }) => {
  if (!locals.staff) return { staff: null };
  return {
    staff: {
      displayName: locals.staff.displayName,
      isAdmin: locals.staff.isAdmin,
      isHost: locals.staff.isHost,
      /** The organisation's lead sees late-case counts (never the cases) on the overdue page. */
      leads: (await ledOrganisation(await db(), locals.staff)) !== null
    }
  };
}) satisfies LayoutServerLoad;
