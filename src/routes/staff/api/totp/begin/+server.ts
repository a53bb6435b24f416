import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { newTotpSecret } from '$lib/server/auth/login';
import type { RequestHandler } from './$types';

/** A new secret to show; nothing is stored until a code from it is confirmed. */
export const POST: RequestHandler = async ({ locals }) => {
  const staff = requireStaff(locals, { beforeTotp: true });
  return json(newTotpSecret(staff.email));
};
