import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { unitLinkSignatureSchema, unitParamsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { storeLinkSignature } from '$lib/server/staff/unit-trust';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request, params }) => {
  const admin = requireAdmin(locals);
  const { unitId } = validateParams(unitParamsSchema, params);
  const { signature } = await readJson(request, unitLinkSignatureSchema, 1024);
  await storeLinkSignature(await db(), admin, unitId, fromBase64(signature));
  return json({ ok: true });
};
