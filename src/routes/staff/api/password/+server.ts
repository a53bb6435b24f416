import argon2 from 'argon2';
import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { fromBase64 } from '$lib/crypto';
import { changePasswordSchema } from '$lib/schemas/staff';
import { requireStaff } from '$lib/server/auth/guards';
import { hashLoginSecret } from '$lib/server/auth/login';
import { credentials } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The browser rewrapped the same keys under a new password; the server swaps the hash. */
export const POST: RequestHandler = async ({ locals, request }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  const input = await readJson(request, changePasswordSchema, 4096);
  const database = await db();
  const [row] = await database
    .select()
    .from(credentials)
    .where(eq(credentials.personId, staff.personId));
  if (
    !row ||
    !(await argon2.verify(row.loginHash, Buffer.from(fromBase64(input.currentLoginSecret))))
  ) {
    error(401, { message: 'Your current password is not right.', code: 'rejected' });
  }
  await database
    .update(credentials)
    .set({
      passwordSalt: fromBase64(input.passwordSalt),
      passwordWrappedKeys: fromBase64(input.passwordWrappedKeys),
      loginHash: await hashLoginSecret(fromBase64(input.loginSecret)),
      updatedAt: new Date()
    })
    .where(eq(credentials.personId, staff.personId));
  return json({ ok: true });
};
