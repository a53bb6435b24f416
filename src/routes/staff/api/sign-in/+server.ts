import { error, json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { signInSchema } from '$lib/schemas/staff';
import { checkSignIn } from '$lib/server/auth/login';
import { createSession, setSessionCookie } from '$lib/server/auth/sessions';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { staffKeyMaterial } from '$lib/server/staff/me';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies }) => {
  const input = await readJson(request, signInSchema, 2048);
  const database = await db();
  const result = await checkSignIn(database, {
    email: input.email,
    loginSecret: fromBase64(input.loginSecret),
    code: input.code
  });
  if (!result.ok) {
    if (result.reason === 'locked') {
      error(429, {
        message: `Too many attempts. Please wait ${Math.ceil(result.retryAfter / 60)} minutes and try again.`,
        code: 'locked'
      });
    }
    error(401, {
      message: 'Those details are not right. Check them and try again.',
      code: 'rejected'
    });
  }
  setSessionCookie(cookies, await createSession(database, result.personId));
  return json(await staffKeyMaterial(database, result.personId));
};
