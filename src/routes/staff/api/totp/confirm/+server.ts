import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { totpConfirmSchema } from '$lib/schemas/staff';
import { requireStaff } from '$lib/server/auth/guards';
import { verifyTotp } from '$lib/server/auth/login';
import { credentials } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  const { secret, code } = await readJson(request, totpConfirmSchema, 1024);
  if (!verifyTotp(secret, code)) {
    error(400, {
      message: 'That code does not match. Check the time on your device and try again.',
      code: 'bad_code'
    });
  }
  await (
    await db()
  )
    .update(credentials)
    .set({ totpSecret: secret })
    .where(eq(credentials.personId, staff.personId));
  return json({ ok: true });
};
