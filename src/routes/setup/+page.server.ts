import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { db } from '$lib/server/runtime';
import { organisationCount } from '$lib/server/staff/accounts';
import type { PageServerLoad } from './$types';

export const load = (async () => {
  if ((await organisationCount(await db())) > 0) redirect(303, paths.signIn);
  return {};
}) satisfies PageServerLoad;
