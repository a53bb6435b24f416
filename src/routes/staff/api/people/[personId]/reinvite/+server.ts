import { json } from '@sveltejs/kit';
import { personParamsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { reinvitePerson } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
  const admin = requireAdmin(locals);
  const { personId } = validateParams(personParamsSchema, params);
  return json(await reinvitePerson(await db(), admin, personId), { status: 201 });
};
