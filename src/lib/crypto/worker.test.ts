// Runs in both projects: in Chromium the derivation goes through the module worker,
// in Node it falls back to the same code in-thread. Both must match the vectors.
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
import { CryptoFormatError } from './errors';
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

  it('brings typed errors back from the worker', async () => {
    await expect(derivePasswordSecretsInWorker('pw', new Uint8Array(3))).rejects.toBeInstanceOf(
      CryptoFormatError
    );
    terminateCryptoWorker();
  });
});
