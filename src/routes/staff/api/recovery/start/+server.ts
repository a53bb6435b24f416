import { json } from '@sveltejs/kit';
import { toBase64 } from '$lib/crypto';
import { recoveryStartSchema } from '$lib/schemas/staff';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { startRecovery } from '$lib/server/staff/recovery';
import type { RequestHandler } from './$types';

/** Proof of the recovery code gets back the keys wrapped under it, to rewrap with a new password. */
export const POST: RequestHandler = async ({ request }) => {
  const input = await readJson(request, recoveryStartSchema, 1024);
  return json({ recoveryWrappedKeys: toBase64(await startRecovery(await db(), input)) });
};
