import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { inboxFor } from '$lib/server/cases/staff-queries';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The signed-in person's inbox: only cases they hold a live key for, as ciphertext. */
export const GET: RequestHandler = async ({ locals }) => {
  const staff = requireStaff(locals);
  const inbox = await inboxFor(await db(), staff.personId);
  return json(inbox, { headers: { 'cache-control': 'no-store' } });
};
