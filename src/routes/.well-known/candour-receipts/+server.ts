import { json } from '@sveltejs/kit';
import { publishedReceiptKeys } from '$lib/server/receipts';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The public half of the key that signs proofs of filing (docs/PROTOCOL.md §13). */
export const GET: RequestHandler = async () => {
  return json(await publishedReceiptKeys(await db()), {
    headers: { 'cache-control': 'no-store' }
  });
};
