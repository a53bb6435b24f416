import { json } from '@sveltejs/kit';
import { unitLinkSchema } from '$lib/schemas/staff';
import { requireHost } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { setUnitLink } from '$lib/server/staff/host';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
  requireHost(locals);
  await setUnitLink(await db(), await readJson(request, unitLinkSchema, 1024));
  return json({ ok: true });
};
