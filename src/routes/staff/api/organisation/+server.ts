import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { organisationSettingsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { changeSecondFactorSettings } from '$lib/server/auth/second-factor-policy';
import { organisations } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const { requireTotp, safeguardingTotpOff, ...rest } = await readJson(
    request,
    organisationSettingsSchema,
    4096
  );
  const database = await db();
  if (Object.keys(rest).length > 0) {
    await database
      .update(organisations)
      .set(rest)
      .where(eq(organisations.id, admin.organisationId));
  }
  // Second-factor settings are audited.
  await changeSecondFactorSettings(database, admin, { requireTotp, safeguardingTotpOff });
  return json({ ok: true });
};
