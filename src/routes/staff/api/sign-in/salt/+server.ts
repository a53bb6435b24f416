import { json } from '@sveltejs/kit';
import { toBase64 } from '$lib/crypto';
import { signInSaltSchema } from '$lib/schemas/staff';
import { passwordSaltFor } from '$lib/server/auth/login';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The salt to derive keys with; a decoy for unknown emails, so it reveals nothing. */
export const POST: RequestHandler = async ({ request }) => {
  const { email } = await readJson(request, signInSaltSchema, 1024);
  return json({ passwordSalt: toBase64(await passwordSaltFor(await db(), email)) });
};
