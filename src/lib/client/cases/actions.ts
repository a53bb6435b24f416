/**
 * What a holder does to a case, made in the browser: every entry and every event is encrypted,
 * signed and linked to the head of its chain here; every sealed bundle goes only to a key the
 * browser verified (the roster for staff, the signed report for the reporter).
 */
import { api, ApiError } from '$lib/client/api';
import { RosterTrustError, UnverifiedMemberError, type VerifiedKeys } from '$lib/client/roster';
import type { BoxPublicKey, ChainName, ContentKey, StaffKeys } from '$lib/crypto';
import { loadCrypto } from './crypto';
import type { CaseEvent } from './events';
import { fetchCase, type CaseDetail, type EntryBody, type OpenedCase } from './open';
import type { EntryPurpose } from './schemas';

function caseUrl(caseId: string, action: string): string {
  return `/staff/api/cases/${encodeURIComponent(caseId)}/${action}`;
}

/** The head of a chain as this browser was served it: what a new entry commits to. */
async function headOf(detail: CaseDetail, chain: ChainName): Promise<Uint8Array> {
  const crypto = await loadCrypto();
  return crypto.chainHead(
    detail.case.caseId,
    chain,
    detail.entries
      .filter((e) => crypto.chainOf(e.kind) === chain)
      .map((e) => crypto.fromBase64(e.ciphertext))
  );
}

/**
 * Writes with the chain head this browser saw; if someone wrote in between (409), reads the
 * case again and writes once more with the new head (and a new entry id, as nothing was stored).
 */
async function linked<T>(
  opened: OpenedCase,
  chain: ChainName,
  write: (prev: Uint8Array) => Promise<T>
): Promise<T> {
  try {
    return await write(await headOf(opened.detail, chain));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    return write(await headOf(await fetchCase(opened.detail.case.caseId), chain));
  }
}

/** An event entry (an action under the content key of `epoch`), signed by this person. */
async function signedEvent(
  opened: OpenedCase,
  keys: StaffKeys,
  event: CaseEvent,
  prev: Uint8Array,
  epoch = opened.detail.case.keyEpoch,
  contentKey?: ContentKey
) {
  const crypto = await loadCrypto();
  const c = opened.detail.case;
  const key = contentKey ?? opened.contentKeys.get(epoch);
  if (!key) throw new Error('no content key for the current epoch');
  const entryId = globalThis.crypto.randomUUID();
  const body: EntryBody = { text: '', stage: c.stage, writtenAt: new Date().toISOString(), event };
  const ciphertext = crypto.encryptEntry({
    caseId: c.caseId,
    entryId,
    senderRole: 'staff',
    kind: 'action',
    key,
    body,
    signer: keys.sign,
    prev
  });
  return { entryId, epoch, ciphertext: crypto.toBase64(ciphertext) };
}

/** Encrypts and signs an entry under the current epoch (notes under its staff-only key). */
export async function sendEntry(
  opened: OpenedCase,
  keys: StaffKeys,
  purpose: EntryPurpose,
  body: EntryBody
): Promise<void> {
  const crypto = await loadCrypto();
  const c = opened.detail.case;
  const epoch = c.keyEpoch;
  const full: EntryBody = {
    ...body,
    purpose,
    stage: c.stage,
    writtenAt: new Date().toISOString()
  };
  const kind = purpose === 'note' ? 'note' : purpose === 'action' ? 'action' : 'message';
  await linked(opened, crypto.chainOf(kind), async (prev) => {
    const entryId = globalThis.crypto.randomUUID();
    const context = { caseId: c.caseId, entryId, senderRole: 'staff' as const, prev };
    let ciphertext: Uint8Array;
    if (kind === 'note') {
      const key = opened.staffKeys.get(epoch);
      if (!key) throw new Error('no staff-only key for the current epoch');
      ciphertext = crypto.encryptEntry({ ...context, kind, key, body: full, signer: keys.sign });
    } else {
      const key = opened.contentKeys.get(epoch);
      if (!key) throw new Error('no content key for the current epoch');
      ciphertext = crypto.encryptEntry({ ...context, kind, key, body: full, signer: keys.sign });
    }
    await api.post(caseUrl(c.caseId, 'entries'), {
      entryId,
      purpose,
      epoch,
      ciphertext: crypto.toBase64(ciphertext),
      ...(body.files?.length ? { fileIds: body.files.map((f) => f.id) } : {})
    });
  });
}

export async function acknowledge(opened: OpenedCase, keys: StaffKeys): Promise<void> {
  await linked(opened, 'case', async (prev) =>
    api.post(caseUrl(opened.detail.case.caseId, 'acknowledge'), {
      event: await signedEvent(opened, keys, { event: 'acknowledged', personIds: [] }, prev)
    })
  );
}

export async function changeStatus(
  opened: OpenedCase,
  keys: StaffKeys,
  status: string
): Promise<void> {
  await linked(opened, 'case', async (prev) =>
    api.post(caseUrl(opened.detail.case.caseId, 'status'), {
      status,
      event: await signedEvent(opened, keys, { event: 'status', personIds: [], status }, prev)
    })
  );
}

/** Thrown before anything is sealed: the report names this person as involved. */
export class NamedAsInvolvedError extends Error {
  override name = 'NamedAsInvolvedError';
  constructor(readonly personIds: string[]) {
    super('named as involved');
  }
}

export { RosterTrustError, UnverifiedMemberError };

/** The verified keys, or the reason the roster was refused: nothing is sealed without them. */
function trusted(opened: OpenedCase): VerifiedKeys {
  if (!opened.keys) throw opened.rosterProblem ?? new RosterTrustError('', 'unsigned');
  return opened.keys;
}

/**
 * Thrown before a rotation when the reporter's box key the server serves is not the one the
 * reporter's signed report binds: the new keys would go to whoever swapped it.
 */
export class ReporterKeyMismatchError extends Error {
  override name = 'ReporterKeyMismatchError';
  constructor() {
    super("The reporter's key does not match the signed report");
  }
}

/**
 * Every epoch's keys (content and staff-only) sealed to each newcomer's roster-verified box key.
 * Refuses anyone the report names as involved: the server cannot know, so this is the check.
 */
async function sealForNewcomers(opened: OpenedCase, personIds: string[]) {
  const named = personIds.filter((id) => opened.involved.has(id));
  if (named.length > 0) throw new NamedAsInvolvedError(named);
  const crypto = await loadCrypto();
  const verified = trusted(opened);
  return personIds.flatMap((personId) => {
    const box = verified.boxKey(personId);
    return [...opened.contentKeys].map(([epoch, contentKey]) => {
      const staffKey = opened.staffKeys.get(epoch);
      return {
        personId,
        epoch,
        sealedKey: crypto.toBase64(
          crypto.sealCaseKeysFor(
            box,
            staffKey ? { epoch, contentKey, staffKey } : { epoch, contentKey },
            { includeStaffKey: Boolean(staffKey) }
          )
        )
      };
    });
  });
}

export async function refer(
  opened: OpenedCase,
  keys: StaffKeys,
  target: { kind: 'tier' } | { kind: 'body'; body: string },
  personIds: string[]
): Promise<void> {
  const holders = await sealForNewcomers(opened, personIds);
  const body = target.kind === 'body' ? target.body : 'next_tier';
  await linked(opened, 'case', async (prev) =>
    api.post(caseUrl(opened.detail.case.caseId, 'refer'), {
      event: await signedEvent(opened, keys, { event: 'referred', personIds, body }, prev),
      target,
      holders
    })
  );
}

export async function grant(
  opened: OpenedCase,
  keys: StaffKeys,
  personIds: string[],
  purpose: 'colleague' | 'panel'
): Promise<void> {
  const holders = await sealForNewcomers(opened, personIds);
  await linked(opened, 'case', async (prev) =>
    api.post(caseUrl(opened.detail.case.caseId, 'grant'), {
      event: await signedEvent(opened, keys, { event: 'granted', personIds, purpose }, prev),
      purpose,
      holders
    })
  );
}

/**
 * Removes a holder: new epoch keys, sealed to every remaining holder (staff get the staff-only
 * key too, the reporter only the content key, to the box key its signed report binds). What is
 * written afterwards is under keys the removed person never receives.
 */
export async function revoke(opened: OpenedCase, keys: StaffKeys, personId: string): Promise<void> {
  const crypto = await loadCrypto();
  const c = opened.detail.case;
  if (opened.reporterKeyMismatch) throw new ReporterKeyMismatchError();
  // Old reports (format 1) bound no box key: only the served one exists for them.
  const reporterBox =
    opened.reporterBoxPublicKey ?? (crypto.fromBase64(c.reporterBoxPublicKey) as BoxPublicKey);
  const verified = trusted(opened);
  const next = crypto.rotateCaseKeys({ epoch: c.keyEpoch });
  const sealedKeys = opened.detail.holders
    .filter((h) => h.personId !== personId)
    .map((h) => {
      if (h.personId === null) {
        return {
          personId: null,
          sealedKey: crypto.toBase64(
            crypto.sealCaseKeysFor(reporterBox, next, { includeStaffKey: false })
          )
        };
      }
      return {
        personId: h.personId,
        sealedKey: crypto.toBase64(
          crypto.sealCaseKeysFor(verified.boxKey(h.personId), next, { includeStaffKey: true })
        )
      };
    });
  const prev = await headOf(opened.detail, 'case');
  const { entryId, ciphertext } = await signedEvent(
    opened,
    keys,
    { event: 'revoked', personIds: [personId] },
    prev,
    next.epoch,
    next.contentKey
  );
  await api.post(caseUrl(c.caseId, 'revoke'), {
    personId,
    newEpoch: next.epoch,
    sealedKeys,
    event: { entryId, ciphertext }
  });
}

/**
 * The stage-2 investigator: whoever sent stage 2's final response, else the first staff member
 * who wrote to the reporter at stage 2. Never on the stage-3 panel.
 */
export function stage2Investigator(opened: OpenedCase): string | null {
  const stage2 = opened.entries.filter(
    (e) => e.state === 'ok' && e.from === 'staff' && e.kind === 'message' && e.body.stage === 2
  );
  const final = stage2.find((e) => e.state === 'ok' && e.body.purpose === 'final');
  return (final ?? stage2[0])?.senderPersonId ?? null;
}
