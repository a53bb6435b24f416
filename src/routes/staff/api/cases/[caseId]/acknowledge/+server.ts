import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { acknowledgeSchema } from '$lib/client/cases/schemas';
import { appendEntry, storeErrorToHttp, today, updateCase } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Records the acknowledgement: the holder's signed event goes into the case's chain, and the
 * date starts the reply clock where the policy says so.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const { event } = await readJson(request, acknowledgeSchema, 16 * 1024);
  if (record.acknowledgedOn) return json({ acknowledgedOn: record.acknowledgedOn });
  const actor = { kind: 'staff' as const, personId: staff.personId };
  await appendEntry(database, {
    caseId: record.id,
    ...event,
    ciphertext: fromBase64(event.ciphertext),
    kind: 'action',
    actor
  }).catch(storeErrorToHttp);
  const updated = await updateCase(database, {
    caseId: record.id,
    actor,
    acknowledgedOn: today(),
    ...(record.status === 'new' ? { status: 'acknowledged' as const } : {})
  }).catch(storeErrorToHttp);
  return json({ acknowledgedOn: updated.acknowledgedOn, status: updated.status });
};
