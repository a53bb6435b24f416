import { json } from '@sveltejs/kit';
import { statusSchema } from '$lib/client/cases/schemas';
import { storeErrorToHttp, today, updateCase } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Changes the status; closing records the day, reopening clears it. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const { status } = await readJson(request, statusSchema, 1024);
  const day = today();
  const updated = await updateCase(database, {
    caseId: record.id,
    actor: { kind: 'staff', personId: staff.personId },
    status,
    ...(status === 'closed' && !record.closedOn ? { closedOn: day } : {}),
    ...(status !== 'closed' && record.closedOn ? { closedOn: null } : {}),
    ...(status === 'acknowledged' && !record.acknowledgedOn ? { acknowledgedOn: day } : {}),
    ...(status === 'responded' && !record.respondedOn ? { respondedOn: day } : {})
  }).catch(storeErrorToHttp);
  return json({ status: updated.status });
};
