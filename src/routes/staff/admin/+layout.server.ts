import { adminOrHome } from '$lib/server/auth/redirects';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
  adminOrHome(locals);
  return {};
}) satisfies LayoutServerLoad;
