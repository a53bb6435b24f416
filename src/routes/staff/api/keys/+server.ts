import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { db } from '$lib/server/runtime';
import { staffKeyMaterial } from '$lib/server/staff/me';
import type { RequestHandler } from './$types';

/** Wrapped keys for a signed-in tab that was reloaded and must unlock again with the password. */
export const GET: RequestHandler = async ({ locals }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  return json(await staffKeyMaterial(await db(), staff.personId));
};
