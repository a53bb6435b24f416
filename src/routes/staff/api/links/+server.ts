import { json } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guards';
import { db } from '$lib/server/runtime';
import { linksOf } from '$lib/server/staff/unit-trust';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const admin = requireAdmin(locals);
  return json({ links: await linksOf(await db(), admin.organisationId) });
};
