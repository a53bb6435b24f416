// Candour's crypto next to the raw libsodium calls it wraps.
import {
  ARGON2_MEMLIMIT_BYTES,
  ARGON2_OPSLIMIT,
  decryptChunks,
  derivePasswordSecrets,
  encryptBlob,
  FILE_CHUNK_BYTES,
  FileDigests,
  newCaseKeys,
  openSealedCaseKeys,
  parseCaseKey,
  deriveCaseKeys,
  ready,
  sealCaseKeysFor,
  generateCaseKey,
  newPasswordSalt,
  VERSION,
  type FileSecrets
} from '../src/lib/crypto/index';
import { canonical, concatBytes, utf8 } from '../src/lib/crypto/encoding';
import { POW_DOMAIN, POW_NONCE_BYTES, solvePow } from '../src/lib/crypto/pow';
import { domainMessage, generateBoxKeyPair } from '../src/lib/crypto/primitives';
import { SUBMIT_BASE_DIFFICULTY } from '../src/lib/server/pow';
import { lib, type Sodium } from '../src/lib/crypto/sodium';
import { medianMs, pairedMibPerSecond, perSecond, round, type Bench, type Figure } from './harness';

// The raw comparisons use the same libsodium instance the module loaded.
let sodium: Sodium;

const STREAM_BYTES = 32 * 1024 * 1024;
const CHUNK = FILE_CHUNK_BYTES;

async function argon2(): Promise<Figure[]> {
  await ready();
  sodium = lib();
  const params = { opslimit: ARGON2_OPSLIMIT, memlimitMiB: ARGON2_MEMLIMIT_BYTES / 1024 / 1024 };
  const raw = medianMs(
    () =>
      sodium.crypto_pwhash(
        32,
        'password',
        new Uint8Array(16),
        ARGON2_OPSLIMIT,
        ARGON2_MEMLIMIT_BYTES,
        sodium.crypto_pwhash_ALG_ARGON2ID13
      ),
    5
  );
  const caseKey = parseCaseKey(generateCaseKey());
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await deriveCaseKeys(caseKey, 'bench-org');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const salt = newPasswordSalt();
  const pwTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await derivePasswordSecrets('correct horse battery staple', salt);
    pwTimes.push(performance.now() - start);
  }
  pwTimes.sort((a, b) => a - b);
  return [
    {
      figure: 'argon2id deriveCaseKeys',
      unit: 'ms (median of 5)',
      candour: round(times[2]!),
      raw: round(raw),
      params
    },
    {
      figure: 'argon2id derivePasswordSecrets',
      unit: 'ms (median of 5)',
      candour: round(pwTimes[2]!),
      raw: round(raw),
      params
    }
  ];
}

async function sealing(): Promise<Figure[]> {
  await ready();
  sodium = lib();
  const keys = newCaseKeys();
  const recipient = generateBoxKeyPair();
  const bundleSize = 1 + 1 + 4 + 32 + 32;
  const message = new Uint8Array(bundleSize + 2);
  const sealed = sealCaseKeysFor(recipient.publicKey, keys, { includeStaffKey: true });
  const rawSealed = sodium.crypto_box_seal(message, recipient.publicKey);
  return [
    {
      figure: 'seal case keys per recipient',
      unit: 'ops/s',
      candour: round(
        perSecond(() => sealCaseKeysFor(recipient.publicKey, keys, { includeStaffKey: true })),
        0
      ),
      raw: round(
        perSecond(() => sodium.crypto_box_seal(message, recipient.publicKey)),
        0
      )
    },
    {
      figure: 'open sealed case keys',
      unit: 'ops/s',
      candour: round(
        perSecond(() => openSealedCaseKeys(sealed, recipient)),
        0
      ),
      raw: round(
        perSecond(() =>
          sodium.crypto_box_seal_open(rawSealed, recipient.publicKey, recipient.privateKey)
        ),
        0
      )
    }
  ];
}

/**
 * Evidence files as Candour encrypts them (src/lib/crypto/file-jobs.ts: a Blob read a chunk at a
 * time, padded, pushed with the file's AD) and decrypts them (every chunk's digest and the signed
 * hash checked), next to bare secretstream calls over the same chunks.
 */
async function streams(): Promise<Figure[]> {
  await ready();
  sodium = lib();
  // Bulk data need not be random for a throughput figure (randombytes_buf is slow in bulk).
  const plaintext = new Uint8Array(STREAM_BYTES).map((_, i) => i & 0xff);
  const blob = new Blob([plaintext]);
  const ctx = { caseId: 'bench', fileId: 'bench' };
  let chunks: Uint8Array[] = [];
  let secrets: FileSecrets | undefined;
  const encrypt = async (digest: boolean) => {
    const job = await encryptBlob(blob, ctx);
    const digests = new FileDigests(job.chunkCount);
    chunks = [];
    for (let i = 0; i < job.chunkCount; i++) {
      const chunk = await job.next();
      if (digest) digests.add(i, chunk);
      chunks.push(chunk);
    }
    const keys = await job.finish();
    if (digest) secrets = { ...keys, hash: digests.finish(), format: VERSION.file };
  };
  const decrypt = async () => {
    const job = await decryptChunks(ctx, secrets!);
    for (const [i, c] of chunks.entries()) await job.pull(i, c);
    await job.finish();
  };

  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const rawChunks: Uint8Array[] = [];
  let rawHeader: Uint8Array = new Uint8Array(0);
  const rawEncrypt = () => {
    const { state, header: h } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    rawHeader = h;
    rawChunks.length = 0;
    for (let off = 0; off < STREAM_BYTES; off += CHUNK) {
      const last = off + CHUNK >= STREAM_BYTES;
      rawChunks.push(
        sodium.crypto_secretstream_xchacha20poly1305_push(
          state,
          plaintext.subarray(off, off + CHUNK),
          null,
          last
            ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
        )
      );
    }
  };
  const rawDecrypt = () => {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(rawHeader, key);
    for (const c of rawChunks) sodium.crypto_secretstream_xchacha20poly1305_pull(state, c, null);
  };
  const encrypted = await pairedMibPerSecond(STREAM_BYTES, () => encrypt(false), rawEncrypt);
  const digested = await pairedMibPerSecond(STREAM_BYTES, () => encrypt(true), rawEncrypt);
  const decrypted = await pairedMibPerSecond(STREAM_BYTES, decrypt, rawDecrypt);
  const params = { chunkBytes: CHUNK, totalMiB: STREAM_BYTES / 1024 / 1024, format: VERSION.file };
  return [
    {
      // What the file worker does while the page digests and sends the chunks it made.
      figure: 'secretstream encrypt',
      unit: 'MiB/s',
      candour: round(encrypted.a),
      raw: round(encrypted.b),
      params
    },
    {
      // The same with each chunk's digest taken in the same thread (no second core).
      figure: 'secretstream encrypt and digest, one thread',
      unit: 'MiB/s',
      candour: round(digested.a),
      raw: round(digested.b),
      params
    },
    {
      figure: 'secretstream decrypt',
      unit: 'MiB/s',
      candour: round(decrypted.a),
      raw: round(decrypted.b),
      params
    }
  ];
}

/**
 * The proof-of-work search a reporter's browser runs before each request: hashes a second over
 * submissions at the base difficulty (each solve tries nonce + 1 hashes), beside the bare
 * BLAKE2b call on a message of the same length.
 */
async function proofOfWork(): Promise<Figure[]> {
  await ready();
  sodium = lib();
  const day = new Date().toISOString().slice(0, 10);
  const challenge = (i: number) => ({
    purpose: 'submit' as const,
    path: '/o/riverside/api/cases',
    day,
    binding: utf8(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    difficulty: SUBMIT_BASE_DIFFICULTY
  });
  let hashes = 0;
  const start = performance.now();
  for (let i = 0; i < 12; i++) {
    const nonce = solvePow(challenge(i));
    hashes += Number(new DataView(nonce.buffer, nonce.byteOffset).getBigUint64(0)) + 1;
  }
  const candour = hashes / ((performance.now() - start) / 1000);
  // The hashed message: the domain, a zero byte, the challenge and the nonce (PROTOCOL.md §12).
  const c = challenge(0);
  const message = domainMessage(
    POW_DOMAIN,
    concatBytes(
      canonical(c.purpose, c.path, c.day, c.binding, String(c.difficulty)),
      new Uint8Array(POW_NONCE_BYTES)
    )
  );
  const raw =
    perSecond(() => {
      for (let i = 0; i < 100; i++) sodium.crypto_generichash(32, message, null);
    }) * 100;
  return [
    {
      figure: 'proof-of-work search',
      unit: 'hashes/s',
      candour: Math.round(candour),
      raw: Math.round(raw),
      params: { difficulty: SUBMIT_BASE_DIFFICULTY, solves: 12, hashes }
    }
  ];
}

export const cryptoBenches: Bench[] = [
  { name: 'argon2id', run: argon2 },
  { name: 'sealing', run: sealing },
  { name: 'secretstream', run: streams },
  { name: 'pow', run: proofOfWork }
];
