import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { STAFF_BODY_LIMIT, staffEntrySchema } from '$lib/client/cases/schemas';
import { appendEntry, storeErrorToHttp, today, updateCase } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

const KIND = {
  reply: 'message',
  ask: 'message',
  final: 'message',
  note: 'note',
  action: 'action'
} as const;

/**
 * A reply, a request for more information, the stage's final response, an internal note or a
 * recorded action: ciphertext made and signed in the browser. Asking waits on the reporter; the
 * final response records the date the next stage's window counts from.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, staffEntrySchema, STAFF_BODY_LIMIT);
  const actor = { kind: 'staff' as const, personId: staff.personId };
  const result = await appendEntry(database, {
    caseId: record.id,
    entryId: body.entryId,
    kind: KIND[body.purpose],
    actor,
    epoch: body.epoch,
    ciphertext: fromBase64(body.ciphertext),
    fileIds: body.fileIds
  }).catch(storeErrorToHttp);
  if (result.created && body.purpose === 'ask') {
    await updateCase(database, { caseId: record.id, actor, status: 'awaiting_reporter' }).catch(
      storeErrorToHttp
    );
  } else if (result.created && body.purpose === 'final') {
    await updateCase(database, {
      caseId: record.id,
      actor,
      status: 'responded',
      respondedOn: today()
    }).catch(storeErrorToHttp);
  }
  if (result.created) notifyCaseEvent(record.id, { by: 'staff', personId: staff.personId });
  return json(
    { entryId: result.entry.id, createdOn: result.entry.createdOn },
    { status: result.created ? 201 : 200 }
  );
};
