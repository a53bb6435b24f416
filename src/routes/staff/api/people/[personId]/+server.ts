import { json } from '@sveltejs/kit';
import { personParamsSchema, updatePersonSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { updatePerson } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ locals, request, params }) => {
  const admin = requireAdmin(locals);
  const { personId } = validateParams(personParamsSchema, params);
  await updatePerson(
    await db(),
    admin,
    personId,
    await readJson(request, updatePersonSchema, 2048)
  );
  return json({ ok: true });
};
