import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({
  staff: locals.staff
    ? {
        displayName: locals.staff.displayName,
        isAdmin: locals.staff.isAdmin,
        isHost: locals.staff.isHost
      }
    : null
})) satisfies LayoutServerLoad;
