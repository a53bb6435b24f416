import { json } from '@sveltejs/kit';
import { recoveryFinishSchema } from '$lib/schemas/staff';
import { createSession, endAllSessions, setSessionCookie } from '$lib/server/auth/sessions';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { finishRecovery } from '$lib/server/staff/recovery';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
  const input = await readJson(request, recoveryFinishSchema, 4096);
  const database = await db();
  const personId = await finishRecovery(database, input);
  await endAllSessions(database, personId);
  setSessionCookie(cookies, await createSession(database, personId));
  return json({ ok: true });
};
