import { error, json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { referSchema } from '$lib/client/cases/schemas';
import { addHolders, eligibleHolderIds, storeErrorToHttp } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

/**
 * Refers the case to the next tier inside the organisation or to an external body. The holder's
 * browser sealed the case keys to the newcomers after checking their roster signatures; this
 * stores the bundles and records a system entry the reporter sees too.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, referSchema, 64 * 1024);
  const units = await eligibleHolderIds(
    database,
    record.organisationId,
    body.holders.map((h) => h.personId)
  );
  const wanted = body.target.kind === 'tier' ? 'organisation' : body.target.body;
  const kinds = [...new Set(body.holders.map((h) => h.personId))].map(
    (id) => units.get(id)?.unitKind
  );
  if (kinds.some((k) => k !== wanted)) {
    error(400, {
      message:
        body.target.kind === 'tier'
          ? 'A referral to the next tier goes to people inside the organisation.'
          : 'Everyone added must belong to that body.',
      code: 'invalid'
    });
  }
  const result = await addHolders(database, {
    caseId: record.id,
    actor: { kind: 'staff', personId: staff.personId },
    action: 'refer',
    holders: body.holders.map((h) => ({ ...h, sealedKey: fromBase64(h.sealedKey) })),
    detail: { body: body.target.kind === 'body' ? body.target.body : 'next_tier' },
    event: { ...body.event, ciphertext: fromBase64(body.event.ciphertext) }
  }).catch(storeErrorToHttp);
  if (result.created) notifyCaseEvent(record.id, { by: 'staff', personId: staff.personId });
  return json({ status: result.case.status }, { status: result.created ? 201 : 200 });
};
