import { error, json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { revokeSchema } from '$lib/client/cases/schemas';
import { holdersOf, revokeHolder, storeErrorToHttp } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Removes a holder and rotates: the browser made the next epoch's keys and sealed them to every
 * remaining holder, the reporter included. The removed person reads nothing written afterwards.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, revokeSchema, 64 * 1024);
  if (body.personId === staff.personId) {
    error(400, { message: 'Ask another holder to remove you.', code: 'invalid' });
  }
  const staffLeft = (await holdersOf(database, record.id)).filter(
    (h) => h.personId !== null && h.personId !== body.personId
  );
  if (staffLeft.length === 0) {
    error(400, { message: 'Someone must still be able to read the case.', code: 'invalid' });
  }
  const updated = await revokeHolder(database, {
    caseId: record.id,
    actor: { kind: 'staff', personId: staff.personId },
    personId: body.personId,
    newEpoch: body.newEpoch,
    sealedKeys: body.sealedKeys.map((k) => ({
      personId: k.personId,
      sealedKey: fromBase64(k.sealedKey)
    })),
    event: { entryId: body.event.entryId, ciphertext: fromBase64(body.event.ciphertext) }
  }).catch(storeErrorToHttp);
  return json({ keyEpoch: updated.keyEpoch });
};
