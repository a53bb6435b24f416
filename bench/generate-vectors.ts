// Writes the known-answer vectors in tests/vectors/. Run once when a format is added
// (`npx tsx bench/generate-vectors.ts`), then check the files in; the vector spec
// recomputes every value, so a silent change to a derivation or format fails the tests.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveCaseKeysSync, formatCaseKey, lookupHash } from '../src/lib/crypto/case-key';
import { chainGenesis, chainOf, entryLink } from '../src/lib/crypto/chain';
import { encodeCaseKeyBundle, encryptReportWithNonce } from '../src/lib/crypto/envelope';
import { encryptEntryWithNonce, type EncryptEntryInput } from '../src/lib/crypto/entries';
import { canonical, fromHex, toBase64, toHex, utf8 } from '../src/lib/crypto/encoding';
import { receiptKeyFingerprint, signReceipt } from '../src/lib/crypto/receipts';
import { FileDigests, FileEncryptor } from '../src/lib/crypto/file-stream';
import { domainHash, signKeyPairFromSeed, boxKeyPairFromSeed } from '../src/lib/crypto/primitives';
import { signRequest } from '../src/lib/crypto/requests';
import { fingerprint, signRosterEntry, signRosterList } from '../src/lib/crypto/roster';
import { signUnitKeyTransition, signUnitLink } from '../src/lib/crypto/unit-keys';
import { ready } from '../src/lib/crypto/sodium';
import {
  derivePasswordSecretsSync,
  formatRecoveryCode,
  recoverySecretsFromCodeSync,
  wrapStaffKeysWithNonce
} from '../src/lib/crypto/staff';
import type {
  CaseKeyBytes,
  ContentKey,
  RecoveryCodeBytes,
  StaffOnlyKey
} from '../src/lib/crypto/types';

await ready();

const dir = fileURLToPath(new URL('../tests/vectors/', import.meta.url));
const fixed = (label: string, n = 32) => domainHash('candour/test-vector', utf8(label), n);
const hex = toHex;
const write = (name: string, value: unknown) =>
  writeFileSync(dir + name, JSON.stringify(value, null, 2) + '\n');

// Human codes
const codeBytes = [
  new Uint8Array(15),
  new Uint8Array(15).fill(0xff),
  fixed('case-key-1', 15),
  fixed('case-key-2', 15)
];
write('human-codes.json', {
  caseKeys: codeBytes.map((b) => ({ bytes: hex(b), formatted: formatCaseKey(b as CaseKeyBytes) })),
  recoveryCodes: codeBytes.map((b) => ({
    bytes: hex(b),
    formatted: formatRecoveryCode(b as RecoveryCodeBytes)
  }))
});

// Case-key derivation
const caseKeyDerivations = [
  { bytes: fixed('case-key-1', 15), organisationId: 'riverside-ccc' },
  { bytes: fixed('case-key-1', 15), organisationId: 'naccc' }
].map(({ bytes, organisationId }) => {
  const keys = deriveCaseKeysSync(bytes as CaseKeyBytes, organisationId);
  return {
    caseKey: formatCaseKey(bytes as CaseKeyBytes),
    organisationId,
    lookupToken: hex(keys.lookupToken),
    lookupHash: hex(lookupHash(keys.lookupToken)),
    signPublicKey: hex(keys.sign.publicKey),
    boxPublicKey: hex(keys.box.publicKey)
  };
});
write('case-key-derivation.json', caseKeyDerivations);

// Staff: password secrets, recovery key, wrapped keys
const password = 'correct horse battery staple ✓';
const salt = fixed('password-salt', 16);
const secrets = derivePasswordSecretsSync(password, salt);
const recoveryCode = formatRecoveryCode(fixed('recovery', 15) as RecoveryCodeBytes);
const recoverySecrets = recoverySecretsFromCodeSync(recoveryCode);
const staffKeys = {
  box: boxKeyPairFromSeed(fixed('staff-box')),
  sign: signKeyPairFromSeed(fixed('staff-sign'))
};
const wrapNonce = fixed('wrap-nonce', 24);
write('staff-keys.json', {
  password: {
    password,
    salt: hex(salt),
    keyEncryptionKey: hex(secrets.keyEncryptionKey),
    loginSecret: hex(secrets.loginSecret)
  },
  recovery: {
    code: recoveryCode,
    recoveryKey: hex(recoverySecrets.recoveryKey),
    recoveryProof: hex(recoverySecrets.recoveryProof)
  },
  wrapped: {
    boxSeed: hex(fixed('staff-box')),
    signSeed: hex(fixed('staff-sign')),
    boxPublicKey: hex(staffKeys.box.publicKey),
    signPublicKey: hex(staffKeys.sign.publicKey),
    keyEncryptionKey: hex(secrets.keyEncryptionKey),
    nonce: hex(wrapNonce),
    wrapped: hex(wrapStaffKeysWithNonce(staffKeys, secrets.keyEncryptionKey, 'password', wrapNonce))
  }
});

// Case envelope and entries
const contentKey = fixed('content-key') as ContentKey;
const staffKey = fixed('staff-only-key') as StaffOnlyKey;
const reporterSign = signKeyPairFromSeed(fixed('reporter-sign'));
const caseId = '7f1c2d9e-0000-4000-8000-000000000001';
const report = {
  track: 'whistleblowing',
  what: 'Child left alone with a parent whose contact must be supervised.',
  involved: ['coordinator']
};
const reportNonce = fixed('report-nonce', 24);
const entryInputs: (Omit<EncryptEntryInput, 'signer'> & { signerSeed: string })[] = [
  {
    kind: 'message',
    key: contentKey,
    caseId,
    entryId: 'e-1',
    senderRole: 'reporter',
    body: { text: 'Any news?' },
    signerSeed: 'reporter-sign'
  },
  {
    kind: 'message',
    key: contentKey,
    caseId,
    entryId: 'e-2',
    senderRole: 'staff',
    body: { text: 'We have opened an investigation.' },
    signerSeed: 'staff-sign'
  },
  {
    kind: 'note',
    key: staffKey,
    caseId,
    entryId: 'e-3',
    senderRole: 'staff',
    body: { text: 'Spoke to the chair.' },
    signerSeed: 'staff-sign'
  },
  {
    kind: 'action',
    key: contentKey,
    caseId,
    entryId: 'e-4',
    senderRole: 'staff',
    body: { action: 'acknowledged' },
    signerSeed: 'staff-sign'
  }
];
// envelope.json holds format 1 (reports without the reporter's box key, entries without a
// chain link), frozen since format 2; this writes format 2, whose entries chain in order.
const reporterBox = boxKeyPairFromSeed(fixed('reporter-box'));
const links: Record<string, Uint8Array> = {};
write('envelope-v2.json', {
  contentKey: hex(contentKey),
  staffKey: hex(staffKey),
  caseId,
  bundles: [
    {
      epoch: 0,
      includeStaffKey: true,
      bytes: hex(encodeCaseKeyBundle({ epoch: 0, contentKey, staffKey }, true))
    },
    {
      epoch: 3,
      includeStaffKey: false,
      bytes: hex(encodeCaseKeyBundle({ epoch: 3, contentKey, staffKey }, false))
    }
  ],
  report: {
    body: report,
    reporterSignSeed: hex(fixed('reporter-sign')),
    reporterSignPublicKey: hex(reporterSign.publicKey),
    reporterBoxPublicKey: hex(reporterBox.publicKey),
    nonce: hex(reportNonce),
    ciphertext: hex(
      encryptReportWithNonce(
        contentKey,
        caseId,
        report,
        reporterSign,
        reporterBox.publicKey,
        reportNonce
      )
    )
  },
  entries: entryInputs.map(({ signerSeed, ...e }) => {
    const signer = signKeyPairFromSeed(fixed(signerSeed));
    const nonce = fixed(`entry-nonce-${e.entryId}`, 24);
    const chain = chainOf(e.kind);
    const prev = links[chain] ?? chainGenesis(caseId, chain);
    const ciphertext = encryptEntryWithNonce({ ...e, signer, prev } as EncryptEntryInput, nonce);
    links[chain] = entryLink(ciphertext);
    return {
      kind: e.kind,
      senderRole: e.senderRole,
      entryId: e.entryId,
      body: e.body,
      signerSeed: hex(fixed(signerSeed)),
      senderSignPublicKey: hex(signer.publicKey),
      nonce: hex(nonce),
      prev: hex(prev),
      ciphertext: hex(ciphertext),
      link: hex(entryLink(ciphertext))
    };
  })
});

// Evidence file, format 3 (decryption direction: libsodium picks the file key and stream header
// itself, so this file changes on every run; keep the checked-in one unless the format changes).
// tests/vectors/file-v2.json was written by the format-2 code and stays as it is.
const fileContext = { caseId, fileId: '3b9f7a10-0000-4000-8000-000000000003' };
const filePlaintext = utf8('Evidence file, format 3: a photo of the sign-in sheet.\n');
const fileEncryptor = new FileEncryptor(fileContext, filePlaintext.length);
const fileChunk = fileEncryptor.push(0, filePlaintext);
const fileDigests = new FileDigests(1);
fileDigests.add(0, fileChunk);
const fileKeys = fileEncryptor.finish();
write('file-v3.json', {
  note: 'Evidence file format 3: hash = BLAKE2b-256 over the chunks’ BLAKE2b-256 digests.',
  ...fileContext,
  size: fileKeys.size,
  key: toBase64(fileKeys.key),
  header: toBase64(fileKeys.header),
  hash: toBase64(fileDigests.finish()),
  plaintext: toBase64(filePlaintext),
  chunks: [toBase64(fileChunk)]
});

// Roster, fingerprints and request signatures
const unit = signKeyPairFromSeed(fixed('unit-signing-key'));
const rosterEntry = {
  unitId: 'riverside-ccc',
  personId: 'person-chair',
  roles: ['committee_member', 'chair'],
  boxPublicKey: staffKeys.box.publicKey,
  signPublicKey: staffKeys.sign.publicKey
};
const requestBody = utf8('{"message":"hello"}');
write('roster.json', {
  unitSignSeed: hex(fixed('unit-signing-key')),
  unitSignPublicKey: hex(unit.publicKey),
  entry: {
    ...rosterEntry,
    boxPublicKey: hex(rosterEntry.boxPublicKey),
    signPublicKey: hex(rosterEntry.signPublicKey)
  },
  signature: hex(signRosterEntry(unit.privateKey, rosterEntry)),
  fingerprints: [
    { keys: [hex(staffKeys.box.publicKey)], fingerprint: fingerprint(staffKeys.box.publicKey) },
    {
      keys: [hex(staffKeys.box.publicKey), hex(staffKeys.sign.publicKey)],
      fingerprint: fingerprint(staffKeys.box.publicKey, staffKeys.sign.publicKey)
    }
  ],
  request: {
    signSeed: hex(fixed('reporter-sign')),
    method: 'POST',
    path: '/api/report/messages',
    body: hex(requestBody),
    day: '2026-11-26',
    signature: signRequest(reporterSign, {
      method: 'POST',
      path: '/api/report/messages',
      body: requestBody,
      day: '2026-11-26'
    })
  }
});

// Signed roster list, unit key transition, unit link
const nextUnit = signKeyPairFromSeed(fixed('next-unit-signing-key'));
const bodyUnit = signKeyPairFromSeed(fixed('body-unit-signing-key'));
const rosterList = {
  unitId: 'riverside-ccc',
  version: 3,
  members: [
    {
      personId: 'person-chair',
      displayName: 'Margaret Ellis',
      status: 'active' as const,
      roles: ['committee_member', 'chair'],
      boxPublicKey: staffKeys.box.publicKey,
      signPublicKey: staffKeys.sign.publicKey
    },
    {
      personId: 'person-coordinator',
      displayName: 'Priya Shah',
      status: 'on_leave' as const,
      roles: ['coordinator'],
      boxPublicKey: boxKeyPairFromSeed(fixed('coordinator-box')).publicKey,
      signPublicKey: reporterSign.publicKey
    }
  ]
};
const unitLink = {
  organisationId: 'riverside-ccc',
  organisationKey: unit.publicKey,
  bodyId: 'riverside-lado',
  bodyKind: 'lado',
  bodyName: 'Riverside Council LADO',
  bodyKey: bodyUnit.publicKey
};
write('unit-trust.json', {
  unitSignSeed: hex(fixed('unit-signing-key')),
  nextUnitSignSeed: hex(fixed('next-unit-signing-key')),
  bodyUnitSignSeed: hex(fixed('body-unit-signing-key')),
  rosterList: {
    unitId: rosterList.unitId,
    version: rosterList.version,
    members: rosterList.members.map((m) => ({
      ...m,
      boxPublicKey: hex(m.boxPublicKey),
      signPublicKey: hex(m.signPublicKey)
    })),
    signed: hex(signRosterList(unit.privateKey, rosterList))
  },
  transition: {
    unitId: 'riverside-ccc',
    signed: hex(signUnitKeyTransition('riverside-ccc', unit, nextUnit.publicKey))
  },
  link: {
    organisationId: unitLink.organisationId,
    bodyId: unitLink.bodyId,
    bodyKind: unitLink.bodyKind,
    bodyName: unitLink.bodyName,
    organisationSignature: hex(signUnitLink(unit.privateKey, unitLink)),
    bodySignature: hex(signUnitLink(bodyUnit.privateKey, unitLink))
  }
});

// Receipts (proof of filing)
const receiptKey = signKeyPairFromSeed(fixed('receipt-signing-key'));
const receiptFacts = {
  organisationId: '3b0e6c1a-0000-4000-8000-00000000000a',
  caseId: '7f1c2d9e-0000-4000-8000-000000000001',
  day: '2026-11-27',
  reportCiphertext: fixed('report-ciphertext', 64)
};
const receipt = signReceipt(receiptKey, receiptFacts);
write('receipt.json', {
  serverSignSeed: hex(fixed('receipt-signing-key')),
  serverPublicKey: hex(receiptKey.publicKey),
  fingerprint: receiptKeyFingerprint(receiptKey.publicKey),
  organisationId: receiptFacts.organisationId,
  caseId: receiptFacts.caseId,
  day: receiptFacts.day,
  reportCiphertext: hex(receiptFacts.reportCiphertext),
  signedMessage: hex(
    canonical(
      'candour/receipt/v1',
      new Uint8Array([1]),
      receiptFacts.organisationId,
      receiptFacts.caseId,
      receiptFacts.day,
      fromHex(receipt.reportHash)
    )
  ),
  receipt
});
console.log('vectors written to', dir);
