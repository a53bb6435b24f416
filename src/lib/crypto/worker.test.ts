// Runs in both projects: in Chromium the derivation goes through the module worker,
// in Node it falls back to the same code in-thread. Both must match the vectors.
import { describe, expect, it } from 'vitest';
import caseKeyDerivation from '../../../tests/vectors/case-key-derivation.json';
import staffKeys from '../../../tests/vectors/staff-keys.json';
import { parseCaseKey } from './case-key';
import {
  decryptFileInWorker,
  deriveCaseKeysInWorker,
  derivePasswordSecretsInWorker,
  encryptFileInWorker,
  terminateCryptoWorker,
  usesWorker,
  type DerivationPhase
} from './client';
import { fromHex, toHex } from './encoding';
import { newCaseKeys } from './envelope';
import { CryptoFormatError, DecryptionError, TruncatedStreamError } from './errors';
import { readAllBytes } from './files';
import { ready } from './sodium';

await ready();

describe('crypto worker client', () => {
  it('uses a worker exactly when the platform has one', () => {
    expect(usesWorker()).toBe(typeof Worker !== 'undefined');
  });

  it('derives case keys with phases reported', async () => {
    const v = caseKeyDerivation[0]!;
    const phases: DerivationPhase[] = [];
    const keys = await deriveCaseKeysInWorker(parseCaseKey(v.caseKey), v.organisationId, {
      onPhase: (p) => phases.push(p)
    });
    expect(toHex(keys.lookupToken)).toBe(v.lookupToken);
    expect(toHex(keys.box.publicKey)).toBe(v.boxPublicKey);
    expect(toHex(keys.sign.publicKey)).toBe(v.signPublicKey);
    expect(phases).toEqual(['loading', 'deriving', 'done']);
  });

  it('derives password secrets', async () => {
    const v = staffKeys.password;
    const secrets = await derivePasswordSecretsInWorker(v.password, fromHex(v.salt));
    expect(toHex(secrets.keyEncryptionKey)).toBe(v.keyEncryptionKey);
    expect(toHex(secrets.loginSecret)).toBe(v.loginSecret);
  });

  it('encrypts and decrypts files chunk by chunk, with progress', async () => {
    const { contentKey } = newCaseKeys();
    const plaintext = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const ctx = { caseId: 'case-w', fileId: 'file-w' };
    const seen: number[] = [];
    const file = await encryptFileInWorker(
      contentKey,
      new Blob([plaintext]),
      { name: 'scan.pdf', type: 'application/pdf' },
      { ...ctx, chunkSize: 65536, onProgress: (n) => seen.push(n) }
    );
    const ciphertext = await readAllBytes(file.chunks);
    expect(ciphertext.length).toBe(300_000 + 5 * 17);
    expect(seen.at(-1)).toBe(300_000);
    const opened = await decryptFileInWorker(
      contentKey,
      file.header,
      new Blob([ciphertext as Uint8Array<ArrayBuffer>]),
      ctx
    );
    expect(opened.meta).toEqual({ name: 'scan.pdf', type: 'application/pdf' });
    expect(await readAllBytes(opened.stream)).toEqual(plaintext);

    const truncated = ciphertext.slice(0, 2 * (65536 + 17));
    const cut = await decryptFileInWorker(contentKey, file.header, new Blob([truncated]), ctx);
    await expect(readAllBytes(cut.stream)).rejects.toBeInstanceOf(TruncatedStreamError);
    await expect(
      decryptFileInWorker(
        newCaseKeys().contentKey,
        file.header,
        new Blob([ciphertext as Uint8Array<ArrayBuffer>]),
        ctx
      )
    ).rejects.toBeInstanceOf(DecryptionError);
    // Still the worker: it did not fail over to in-thread on the way.
    expect(usesWorker()).toBe(typeof Worker !== 'undefined');
  });

  it('brings typed errors back from the worker', async () => {
    await expect(derivePasswordSecretsInWorker('pw', new Uint8Array(3))).rejects.toBeInstanceOf(
      CryptoFormatError
    );
    terminateCryptoWorker();
  });
});
