import { json } from '@sveltejs/kit';
import { acknowledgeSchema } from '$lib/client/cases/schemas';
import { storeErrorToHttp, today, updateCase } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Records the acknowledgement: the date starts the reply clock where the policy says so. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  await readJson(request, acknowledgeSchema, 1024);
  if (record.acknowledgedOn) return json({ acknowledgedOn: record.acknowledgedOn });
  const updated = await updateCase(database, {
    caseId: record.id,
    actor: { kind: 'staff', personId: staff.personId },
    acknowledgedOn: today(),
    ...(record.status === 'new' ? { status: 'acknowledged' as const } : {})
  }).catch(storeErrorToHttp);
  return json({ acknowledgedOn: updated.acknowledgedOn, status: updated.status });
};
