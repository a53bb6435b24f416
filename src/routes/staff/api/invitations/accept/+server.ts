import { json } from '@sveltejs/kit';
import { acceptInvitationSchema } from '$lib/schemas/staff';
import { createSession, setSessionCookie } from '$lib/server/auth/sessions';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { acceptInvitation } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
  const { token, enrolment, founding } = await readJson(request, acceptInvitationSchema, 4096);
  const database = await db();
  const personId = await acceptInvitation(database, token, enrolment, founding);
  setSessionCookie(cookies, await createSession(database, personId));
  return json({ ok: true }, { status: 201 });
};
