import { error, json } from '@sveltejs/kit';
import { fromBase64, lookupHash, utf8, verifyRequest, type SignPublicKey } from '$lib/crypto';
import { tracksOffered } from '$lib/routing';
import { REPORTER_BODY_LIMIT, submitCaseSchema } from '$lib/schemas/cases';
import {
  DAY_HEADER,
  SIGNATURE_HEADER,
  reporterOrganisation,
  storeErrorToHttp,
  submitCase,
  today
} from '$lib/server/cases';
import { parseJsonBytes, readBodyBytes } from '$lib/server/http';
import {
  dayCount,
  newCaseNoticeAllowed,
  POW_HEADER,
  requirePow,
  submitDifficulty
} from '$lib/server/pow';
import { receiptFor } from '$lib/server/receipts';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { notifyCaseEvent } from '$lib/server/notify';

/**
 * Files a report. The body is signed with the new case's reporter key (proving the sender holds
 * it); a retry with the same submissionId answers with the case already filed.
 */
export const POST: RequestHandler = async ({ params, request, url }) => {
  const database = await db();
  // The organisation and the cases it received today (the work asked for), in one round trip.
  const count = dayCount(params.slug, today());
  const organisation = await reporterOrganisation(database, params, count);
  const received = count.of(organisation);
  const bytes = await readBodyBytes(request, REPORTER_BODY_LIMIT);
  const body = parseJsonBytes(bytes, submitCaseSchema);
  const day = request.headers.get(DAY_HEADER) ?? '';
  const signed = verifyRequest(
    fromBase64(body.reporterSignPublicKey) as SignPublicKey,
    request.headers.get(SIGNATURE_HEADER) ?? '',
    { method: 'POST', path: url.pathname, body: bytes, day }
  );
  if (!signed || day !== today()) {
    error(400, { message: 'The request signature is not valid.', code: 'bad_signature' });
  }
  // One hash to check; the work asked for grows when the organisation is being flooded.
  requirePow(
    request.headers.get(POW_HEADER),
    { purpose: 'submit', path: url.pathname, day, binding: utf8(body.caseId) },
    await submitDifficulty(database, organisation.id, day, received)
  );
  if (!tracksOffered(organisation.policy).includes(body.track)) {
    error(400, {
      message: 'This organisation does not take that kind of report.',
      code: 'invalid'
    });
  }
  const result = await submitCase(database, {
    organisationId: organisation.id,
    caseId: body.caseId,
    submissionId: body.submissionId,
    lookupHash: lookupHash(fromBase64(body.lookupToken)),
    reporterSignPublicKey: fromBase64(body.reporterSignPublicKey),
    reporterBoxPublicKey: fromBase64(body.reporterBoxPublicKey),
    track: body.track,
    reportCiphertext: fromBase64(body.reportCiphertext),
    recipients: body.recipients.map((r) => ({
      personId: r.personId,
      sealedKey: fromBase64(r.sealedKey)
    })),
    reporterSealedKey: fromBase64(body.reporterSealedKey)
  }).catch(storeErrorToHttp);
  // Past the day's allowance, a burst of new cases adds no more notices; the cases are kept.
  if (result.created && (await newCaseNoticeAllowed(database, organisation.id, day, received))) {
    notifyCaseEvent(result.case.id, { by: 'reporter' });
  }
  // The proof of filing: signed after the write, over what was stored (docs/PROTOCOL.md §13).
  const receipt = await receiptFor(database, result.case);
  return json(
    {
      caseId: result.case.id,
      receivedOn: result.case.receivedOn,
      stage: result.case.stage,
      created: result.created,
      receipt
    },
    { status: result.created ? 201 : 200 }
  );
};
