import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { personParamsSchema, signingKeyGrantSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { grantSigningKey } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

/** An admin's browser seals the unit signing key to another admin. */
export const POST: RequestHandler = async ({ locals, request, params }) => {
  const admin = requireAdmin(locals);
  const { personId } = validateParams(personParamsSchema, params);
  const { sealedSigningKey } = await readJson(request, signingKeyGrantSchema, 1024);
  await grantSigningKey(await db(), admin, personId, fromBase64(sealedSigningKey));
  return json({ ok: true });
};
