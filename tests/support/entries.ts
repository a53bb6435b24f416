import { randomUUID } from 'node:crypto';
import {
  chainOf,
  encryptEntry,
  type ContentKey,
  type EncryptEntryInput,
  type SignKeyPair
} from '../../src/lib/crypto';
import type { CaseEvent } from '../../src/lib/client/cases/events';
import { chainHeadOf } from '../../src/lib/server/cases';
import type { Database } from '../../src/lib/server/db';

type Unlinked = EncryptEntryInput extends infer T
  ? T extends unknown
    ? Omit<T, 'prev'>
    : never
  : never;

/** An entry linked to its chain's head as stored, as a browser that just read the case makes it. */
export async function linkedEntry(db: Database, input: Unlinked): Promise<Uint8Array> {
  const prev = await chainHeadOf(db, input.caseId, chainOf(input.kind));
  return encryptEntry({ ...input, prev } as EncryptEntryInput);
}

/** The signed event a browser sends with a referral, grant, escalation or revocation. */
export async function signedEvent(
  db: Database,
  input: {
    caseId: string;
    signer: SignKeyPair;
    key: ContentKey;
    senderRole: 'reporter' | 'staff';
    event: CaseEvent;
    epoch?: number;
  }
): Promise<{ entryId: string; epoch: number; ciphertext: Uint8Array }> {
  const entryId = randomUUID();
  const ciphertext = await linkedEntry(db, {
    caseId: input.caseId,
    entryId,
    senderRole: input.senderRole,
    kind: input.senderRole === 'reporter' ? 'message' : 'action',
    key: input.key,
    body: { text: '', event: input.event },
    signer: input.signer
  });
  return { entryId, epoch: input.epoch ?? 0, ciphertext };
}
