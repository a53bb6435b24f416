import { json } from '@sveltejs/kit';
import { noticeSettingsSchema } from '$lib/schemas/notices';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { noticeHealth, noticeInterval, setNoticeInterval } from '$lib/server/notify';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The organisation's notice interval and how its people's notices are faring (no addresses). */
export const GET: RequestHandler = async ({ locals }) => {
  const admin = requireAdmin(locals);
  const database = await db();
  return json({
    intervalMinutes: await noticeInterval(database, admin.organisationId),
    ...(await noticeHealth(database, admin.organisationId))
  });
};

export const PUT: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const { intervalMinutes } = await readJson(request, noticeSettingsSchema, 1024);
  await setNoticeInterval(await db(), admin.organisationId, intervalMinutes);
  return json({ ok: true });
};
