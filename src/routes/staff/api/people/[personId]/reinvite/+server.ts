import { json } from '@sveltejs/kit';
import { personParamsSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { requestReinvite } from '$lib/server/staff/accounts';
import { runtimeStaffMail } from '$lib/server/staff/mail';
import type { RequestHandler } from './$types';

/** Asks for a new link, emailed to the person; never returns a link for someone with keys. */
export const POST: RequestHandler = async ({ locals, params }) => {
  const admin = requireAdmin(locals);
  const { personId } = validateParams(personParamsSchema, params);
  return json(await requestReinvite(await db(), admin, personId, runtimeStaffMail()), {
    status: 201
  });
};
