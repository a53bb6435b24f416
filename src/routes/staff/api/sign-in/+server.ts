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
    code: input.code,
    pow: request.headers.get('x-candour-pow')
  });
  if (!result.ok) {
    if (result.reason === 'pow_required') {
      error(428, {
        message: 'There were several wrong attempts: your browser does a little work first.',
        code: 'pow_required',
        difficulty: result.difficulty
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
