import { json } from '@sveltejs/kit';
import { fromBase64 } from '$lib/crypto';
import { REPORTER_BODY_LIMIT, storeReceiptSchema } from '$lib/schemas/cases';
import { reporterCaseRequest } from '$lib/server/cases';
import { storeSealedReceipt } from '$lib/server/receipts';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * Keeps the reporter's proof of filing, sealed in their browser to their own box key: the server
 * stores bytes it cannot open. The first one stored stays; a replay changes nothing.
 */
export const POST: RequestHandler = async (event) => {
  const database = await db();
  const { body, case: record } = await reporterCaseRequest(
    database,
    event,
    storeReceiptSchema,
    REPORTER_BODY_LIMIT
  );
  await storeSealedReceipt(database, record.id, fromBase64(body.sealedReceipt));
  return json({ stored: true });
};
