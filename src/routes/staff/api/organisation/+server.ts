import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { organisationSettingsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { organisations } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const input = await readJson(request, organisationSettingsSchema, 4096);
  await (
    await db()
  )
    .update(organisations)
    .set(input)
    .where(eq(organisations.id, admin.organisationId));
  return json({ ok: true });
};
