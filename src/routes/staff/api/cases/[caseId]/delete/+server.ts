import { json } from '@sveltejs/kit';
import { deleteCaseSchema } from '$lib/schemas/records';
import { storeErrorToHttp } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { deleteCaseAtReview } from '$lib/server/records/deletion';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * A holder's decision, at review, to delete a closed case whose retention period has ended:
 * every row of it goes and the decision is recorded on the audit trail (docs/RECORDS.md). 404 for
 * anyone who does not hold it; 409 for a case not due for review or under legal hold.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, deleteCaseSchema, 1024);
  if (body.caseId !== record.id) {
    return json({ message: 'Confirm with the id of this case.', code: 'invalid' }, { status: 400 });
  }
  await deleteCaseAtReview(database, record.id, { kind: 'staff', personId: staff.personId }).catch(
    storeErrorToHttp
  );
  return json({ deleted: true });
};
