import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { personParamsSchema, rosterSignatureSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { storeRosterSignature } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request, params }) => {
  const admin = requireAdmin(locals);
  const { personId } = validateParams(personParamsSchema, params);
  const { signature } = await readJson(request, rosterSignatureSchema, 1024);
  await storeRosterSignature(await db(), admin, personId, fromBase64(signature));
  return json({ ok: true });
};
