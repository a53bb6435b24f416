import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { totpConfirmSchema } from '$lib/schemas/staff';
import { requireStaff } from '$lib/server/auth/guards';
import { replaceTotpSecret } from '$lib/server/auth/second-factor';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  const input = await readJson(request, totpConfirmSchema, 1024);
  await replaceTotpSecret(await db(), staff.personId, {
    ...input,
    currentLoginSecret: fromBase64(input.currentLoginSecret)
  });
  return json({ ok: true });
};
