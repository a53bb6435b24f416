import { json } from '@sveltejs/kit';
import { clearSessionCookie, endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies }) => {
  await endSession(await db(), cookies.get(SESSION_COOKIE));
  clearSessionCookie(cookies);
  return json({ ok: true });
};
