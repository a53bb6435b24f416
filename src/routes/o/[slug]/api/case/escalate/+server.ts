import { error, json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { escalationRefusal } from '$lib/server/cases/procedure';
import { escalateSchema } from '$lib/schemas/cases';
import {
  addHolders,
  eligibleHolderIds,
  reporterCaseRequest,
  storeErrorToHttp,
  today
} from '$lib/server/cases';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

function refuse(message: string): never {
  error(400, { message, code: 'invalid' });
}

/**
 * The reporter takes the case further: to the next complaint stage within its window, or to an
 * external body the policy offers at this stage (some only once the stage has been answered).
 * Their browser sealed the content key to the newcomers; this stores those bundles, records it
 * for everyone on the case and moves the stage.
 */
export const POST: RequestHandler = async (event) => {
  const database = await db();
  const {
    organisation,
    body,
    case: record
  } = await reporterCaseRequest(database, event, escalateSchema, 32 * 1024);
  const policy = organisation.policy;
  const target = body.target;
  // The procedure first: a closed window or a stage not yet answered is explained, not hidden.
  const refusal = escalationRefusal(policy, record, target, today());
  if (refusal) error(400, refusal);
  const units = await eligibleHolderIds(
    database,
    organisation.id,
    body.holders.map((h) => h.personId)
  );
  const kinds = [...units.values()].map((u) => u.unitKind);
  let toStage: number | undefined;
  if (target.kind === 'next_stage') {
    if (kinds.length !== body.holders.length || kinds.some((k) => k !== 'organisation')) {
      refuse('The next stage goes to people inside the organisation.');
    }
    toStage = record.stage + 1;
  } else if (
    body.holders.length === 0 ||
    kinds.length !== body.holders.length ||
    kinds.some((k) => k !== target.body)
  ) {
    refuse('Everyone added must belong to that body.');
  }
  const result = await addHolders(database, {
    caseId: record.id,
    actor: { kind: 'reporter' },
    action: 'escalate',
    holders: body.holders.map((h) => ({
      personId: h.personId,
      epoch: h.epoch,
      sealedKey: fromBase64(h.sealedKey)
    })),
    ...(toStage !== undefined ? { toStage } : {}),
    detail: target.kind === 'body' ? { body: target.body } : { body: 'next_stage' },
    event: { ...body.event, ciphertext: fromBase64(body.event.ciphertext) }
  }).catch(storeErrorToHttp);
  // Newcomers and everyone already on the case hear that it moved.
  if (result.created) notifyCaseEvent(record.id, { by: 'reporter' });
  return json(
    { stage: result.case.stage, status: result.case.status },
    { status: result.created ? 201 : 200 }
  );
};
