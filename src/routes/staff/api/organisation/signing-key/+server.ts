import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { signingKeyReplacementSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { replaceSigningKey } from '$lib/server/staff/unit-trust';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const input = await readJson(request, signingKeyReplacementSchema, 800 * 1024);
  await replaceSigningKey(await db(), admin, {
    signingPublicKey: fromBase64(input.signingPublicKey),
    transition: fromBase64(input.transition),
    sealedSigningKey: fromBase64(input.sealedSigningKey),
    rosterList: fromBase64(input.rosterList)
  });
  return json({ ok: true });
};
