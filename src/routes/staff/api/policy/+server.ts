import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { policySchema } from '$lib/routing';
import { requireAdmin, requireStaff } from '$lib/server/auth/guards';
import { organisations } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const staff = requireStaff(locals);
  const [row] = await (
    await db()
  )
    .select({ policy: organisations.policy })
    .from(organisations)
    .where(eq(organisations.id, staff.organisationId));
  return json({ policy: row?.policy ?? null });
};

export const PUT: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const policy = await readJson(request, policySchema, 32 * 1024);
  await (
    await db()
  )
    .update(organisations)
    .set({ policy })
    .where(eq(organisations.id, admin.organisationId));
  return json({ ok: true });
};
