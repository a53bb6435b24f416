import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { staffOrSignIn } from '$lib/server/auth/redirects';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
  if (!staffOrSignIn(locals).isHost) redirect(303, paths.staff);
  return {};
}) satisfies PageServerLoad;
