import { staffOrSignIn } from '$lib/server/auth/redirects';
import type { PageServerLoad } from './$types';

/** The list itself is fetched and decrypted in the browser; the server renders no case here. */
export const load = (({ locals }) => {
  staffOrSignIn(locals);
  return {};
}) satisfies PageServerLoad;
