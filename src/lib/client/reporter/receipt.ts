/**
 * The reporter's proof of filing (docs/PROTOCOL.md §13): checked against the published receipt
 * key, sealed to the reporter's own box key and kept with the case, opened again with the case key.
 */
import type { BoxKeyPair, Receipt, ReceiptCheck, ReporterKeys } from '$lib/crypto';
import { signedPost, withRetry } from './requests';

export const RECEIPT_KEYS_PATH = '/.well-known/candour-receipts';

export interface CheckedReceipt {
  receipt: Receipt | null;
  check: ReceiptCheck;
  /** Fingerprint of the published key the receipt was checked against. */
  keyFingerprint: string | null;
}

/** The published receipt key, fetched without cookies. */
async function publishedKey(): Promise<Uint8Array | null> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  try {
    const response = await fetch(RECEIPT_KEYS_PATH, {
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
    const body = (await response.json()) as { keys?: { publicKey?: unknown }[] };
    const key = body.keys?.[0]?.publicKey;
    return typeof key === 'string' ? crypto.fromBase64(key) : null;
  } catch {
    return null;
  }
}

/** Checks a receipt against the published key and what this browser knows of the case. */
export async function checkFiledReceipt(
  receipt: unknown,
  expected: { organisationId: string; caseId: string; reportCiphertext: Uint8Array }
): Promise<CheckedReceipt | null> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  if (typeof receipt !== 'object' || receipt === null) return null;
  const key = await publishedKey();
  const check: ReceiptCheck = key
    ? crypto.checkReceipt(receipt, { publicKey: key, ...expected })
    : { ok: false, reason: 'key' };
  return {
    receipt: receipt as Receipt,
    check,
    keyFingerprint: key ? crypto.receiptKeyFingerprint(key) : null
  };
}

/** Seals a checked receipt to the reporter's box key and stores it with the case. */
export async function keepReceipt(
  slug: string,
  keys: ReporterKeys,
  receipt: Receipt
): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const sealed = crypto.sealReceipt(receipt, keys.box.publicKey);
  await withRetry(() =>
    signedPost(
      `/o/${encodeURIComponent(slug)}/api/case/receipt`,
      { lookupToken: crypto.toBase64(keys.lookupToken), sealedReceipt: crypto.toBase64(sealed) },
      keys.sign
    )
  );
}

/** Opens the case's kept receipt with the case key and checks it again. */
export async function openKeptReceipt(
  sealedReceipt: string | null,
  box: BoxKeyPair,
  expected: { organisationId: string; caseId: string; reportCiphertext: Uint8Array }
): Promise<CheckedReceipt | null> {
  if (!sealedReceipt) return null;
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  let receipt: Receipt;
  try {
    receipt = crypto.openReceipt(crypto.fromBase64(sealedReceipt), box);
  } catch {
    return { receipt: null, check: { ok: false, reason: 'format' }, keyFingerprint: null };
  }
  return checkFiledReceipt(receipt, expected);
}
