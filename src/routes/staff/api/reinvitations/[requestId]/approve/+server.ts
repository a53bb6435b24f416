import { json } from '@sveltejs/kit';
import { reinviteParamsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { approveReinvite } from '$lib/server/staff/accounts';
import { runtimeStaffMail } from '$lib/server/staff/mail';
import type { RequestHandler } from './$types';

/** A second admin approves a re-invite; the link goes to the person's own address. */
export const POST: RequestHandler = async ({ locals, params }) => {
  const admin = requireAdmin(locals);
  const { requestId } = validateParams(reinviteParamsSchema, params);
  return json(await approveReinvite(await db(), admin, requestId, runtimeStaffMail()));
};
