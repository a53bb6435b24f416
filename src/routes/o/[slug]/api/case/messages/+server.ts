import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { REPORTER_BODY_LIMIT, reporterMessageSchema } from '$lib/schemas/cases';
import { appendEntryTo, reporterCaseRequest, storeErrorToHttp } from '$lib/server/cases';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

/** A reply or more information from the reporter; the client-chosen entry id makes it idempotent. */
export const POST: RequestHandler = async (event) => {
  const database = await db();
  const { body, case: record } = await reporterCaseRequest(
    database,
    event,
    reporterMessageSchema,
    REPORTER_BODY_LIMIT
  );
  // The case was read to check the signature: no need to read it again.
  const result = await appendEntryTo(database, record, {
    caseId: record.id,
    entryId: body.entryId,
    kind: 'message',
    actor: { kind: 'reporter' },
    epoch: body.epoch,
    ciphertext: fromBase64(body.ciphertext),
    fileIds: body.fileIds
  }).catch(storeErrorToHttp);
  if (result.created) notifyCaseEvent(record.id, { by: 'reporter' });
  return json(
    { entryId: result.entry.id, createdOn: result.entry.createdOn },
    { status: result.created ? 201 : 200 }
  );
};
