import { staffOrSignIn } from '$lib/server/auth/redirects';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
  staffOrSignIn(locals);
  return {};
}) satisfies PageServerLoad;
