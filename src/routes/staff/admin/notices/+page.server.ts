import { adminOrHome } from '$lib/server/auth/redirects';
import { noticeHealth, noticeInterval } from '$lib/server/notify';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const admin = adminOrHome(locals);
  const database = await db();
  return {
    intervalMinutes: await noticeInterval(database, admin.organisationId),
    health: await noticeHealth(database, admin.organisationId)
  };
}) satisfies PageServerLoad;
