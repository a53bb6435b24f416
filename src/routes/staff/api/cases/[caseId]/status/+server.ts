import { json } from '@sveltejs/kit';
import { statusSchema } from '$lib/client/cases/schemas';
import { fromBase64 } from '$lib/crypto';
import { appendEntry, storeErrorToHttp, today, updateCase } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Changes the status; closing records the day, reopening clears it. The holder's signed event
 * goes into the case's chain first, so readers see who changed it.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const { status, event } = await readJson(request, statusSchema, 16 * 1024);
  const day = today();
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
    status,
    ...(status === 'closed' && !record.closedOn ? { closedOn: day } : {}),
    ...(status !== 'closed' && record.closedOn ? { closedOn: null } : {}),
    ...(status === 'acknowledged' && !record.acknowledgedOn ? { acknowledgedOn: day } : {}),
    ...(status === 'responded' && !record.respondedOn ? { respondedOn: day } : {})
  }).catch(storeErrorToHttp);
  return json({ status: updated.status });
};
