/**
 * The deployment's receipt key and the receipts it signs (docs/PROTOCOL.md §13). The key is made
 * at first use and kept in `instance_secrets`; its public half is published at
 * `/.well-known/candour-receipts`. A receipt says only what the server already knows: which
 * organisation, which case, which day, and the hash of the ciphertext it stored.
 */
import { eq } from 'drizzle-orm';
import {
  newReceiptSeed,
  ready,
  receiptKeyFingerprint,
  receiptKeyPair,
  signReceipt,
  toBase64,
  type Receipt,
  type SignKeyPair
} from '$lib/crypto';
import type { Database } from './db';
import { caseReceipts, instanceSecrets } from './db/schema';

const SECRET_NAME = 'receipt-signing-seed';

const cache = new WeakMap<Database, SignKeyPair>();

/** The receipt signing key: read, or made once (a racing instance's key wins for both). */
export async function receiptKey(db: Database): Promise<SignKeyPair> {
  const cached = cache.get(db);
  if (cached) return cached;
  await ready();
  const read = async () =>
    (await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, SECRET_NAME)))[0];
  let row = await read();
  if (!row) {
    await db
      .insert(instanceSecrets)
      .values({ name: SECRET_NAME, value: newReceiptSeed() })
      .onConflictDoNothing();
    row = await read();
  }
  const key = receiptKeyPair(row!.value);
  cache.set(db, key);
  return key;
}

/** What `/.well-known/candour-receipts` publishes. */
export async function publishedReceiptKeys(db: Database) {
  const key = await receiptKey(db);
  return {
    format: 'candour-receipts/1',
    keys: [
      {
        algorithm: 'Ed25519',
        publicKey: toBase64(key.publicKey),
        fingerprint: receiptKeyFingerprint(key.publicKey)
      }
    ]
  };
}

/** The receipt for a filed case: deterministic, so a retried submission gets the same one. */
export async function receiptFor(
  db: Database,
  filed: { id: string; organisationId: string; receivedOn: string; reportCiphertext: Uint8Array }
): Promise<Receipt> {
  return signReceipt(await receiptKey(db), {
    organisationId: filed.organisationId,
    caseId: filed.id,
    day: filed.receivedOn,
    reportCiphertext: filed.reportCiphertext
  });
}

/** Keeps the reporter's sealed receipt; the first one stored stays (a replay changes nothing). */
export async function storeSealedReceipt(
  db: Database,
  caseId: string,
  sealedReceipt: Uint8Array
): Promise<void> {
  await db.insert(caseReceipts).values({ caseId, sealedReceipt }).onConflictDoNothing();
}

export async function sealedReceiptOf(db: Database, caseId: string): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ sealed: caseReceipts.sealedReceipt })
    .from(caseReceipts)
    .where(eq(caseReceipts.caseId, caseId));
  return row?.sealed ?? null;
}
