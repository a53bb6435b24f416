import { json } from '@sveltejs/kit';
import { newUnitSchema } from '$lib/schemas/staff';
import { requireHost } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { createUnit, listUnits } from '$lib/server/staff/host';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  requireHost(locals);
  return json({ units: await listUnits(await db()) });
};

export const POST: RequestHandler = async ({ locals, request }) => {
  const host = requireHost(locals);
  const input = await readJson(request, newUnitSchema, 4096);
  return json(await createUnit(await db(), host, input), { status: 201 });
};
