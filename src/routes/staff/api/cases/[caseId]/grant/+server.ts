import { error, json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { grantSchema } from '$lib/client/cases/schemas';
import { addHolders, storeErrorToHttp } from '$lib/server/cases';
import { panelRefusal } from '$lib/server/cases/procedure';
import { heldCase, organisationsById } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

/**
 * Gives a colleague (or a stage-3 panel) access. Whether someone is named as involved is known
 * only to browsers that read the report: the holder's browser refuses those before sealing, and
 * the server, which cannot know, checks only that newcomers may receive cases here at all.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, grantSchema, 64 * 1024);
  if (body.purpose === 'panel') {
    const [organisation] = await organisationsById(database, [record.organisationId]);
    const refusal = await panelRefusal(
      database,
      organisation?.policy,
      record,
      body.holders.map((h) => h.personId)
    );
    if (refusal) error(400, refusal);
  }
  const result = await addHolders(database, {
    caseId: record.id,
    actor: { kind: 'staff', personId: staff.personId },
    action: 'grant',
    holders: body.holders.map((h) => ({ ...h, sealedKey: fromBase64(h.sealedKey) })),
    detail: { purpose: body.purpose },
    event: { ...body.event, ciphertext: fromBase64(body.event.ciphertext) }
  }).catch(storeErrorToHttp);
  if (result.created) notifyCaseEvent(record.id, { by: 'staff', personId: staff.personId });
  return json({ status: result.case.status }, { status: result.created ? 201 : 200 });
};
