import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { clearSessionCookie, endAllSessions } from '$lib/server/auth/sessions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  await endAllSessions(await db(), staff.personId);
  clearSessionCookie(cookies);
  return json({ ok: true });
};
