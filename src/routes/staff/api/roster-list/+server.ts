import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { rosterListSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { rosterListOf, storeRosterList } from '$lib/server/staff/unit-trust';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const admin = requireAdmin(locals);
  return json(await rosterListOf(await db(), admin.organisationId));
};

export const POST: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const { rosterList } = await readJson(request, rosterListSchema, 800 * 1024);
  return json(await storeRosterList(await db(), admin, fromBase64(rosterList)));
};
