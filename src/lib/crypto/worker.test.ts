// Runs in both projects: in Chromium derivations and evidence files go through the module
// workers, in Node they fall back to the same code in-thread. Both must match the vectors.
import { describe, expect, it } from 'vitest';
import caseKeyDerivation from '../../../tests/vectors/case-key-derivation.json';
import staffKeys from '../../../tests/vectors/staff-keys.json';
import { parseCaseKey } from './case-key';
import {
  deriveCaseKeysInWorker,
  derivePasswordSecretsInWorker,
  terminateCryptoWorker,
  usesWorker,
  type DerivationPhase
} from './client';
import { fromHex, toHex } from './encoding';
import { CryptoFormatError, TruncatedStreamError } from './errors';
import { FileIntegrityError } from './file-stream';
import { decryptChunksInWorker, encryptBlobInWorker } from './file-worker-client';
import { ready } from './sodium';
import { decryptWhole, encryptWhole } from '../../../tests/support/files';

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

  it('encrypts and decrypts an evidence file chunk by chunk in the file worker', async () => {
    const plaintext = new Uint8Array(2_300_000).map((_, i) => (i * 7) & 0xff);
    const ctx = { caseId: 'case-w', fileId: 'file-w' };
    const { chunks, secrets } = await encryptWhole(
      await encryptBlobInWorker(new Blob([plaintext]), ctx)
    );
    expect(secrets.size).toBe(plaintext.length);
    const open = (parts: Uint8Array[]) => decryptWhole(decryptChunksInWorker, ctx, secrets, parts);
    expect(toHex(await open(chunks))).toBe(toHex(plaintext));
    await expect(open(chunks.slice(0, 2))).rejects.toBeInstanceOf(TruncatedStreamError);
    const altered = chunks.map((c) => c.slice());
    altered[1]![9] = altered[1]![9]! ^ 1;
    await expect(open(altered)).rejects.toBeInstanceOf(FileIntegrityError);
  });

  it('brings typed errors back from the worker', async () => {
    await expect(derivePasswordSecretsInWorker('pw', new Uint8Array(3))).rejects.toBeInstanceOf(
      CryptoFormatError
    );
    terminateCryptoWorker();
  });
});
