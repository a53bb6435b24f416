import { describe, expect, it } from 'vitest';
import { CryptoFormatError, DecryptionError } from './errors';
import { ready } from './sodium';
import {
  changePassword,
  derivePasswordSecrets,
  enrolStaff,
  recoverySecretsFromCode,
  reenrolStaff,
  unwrapStaffKeys,
  unwrapStaffKeysWithRecovery
} from './staff';
import type { KeyEncryptionKey, RecoveryKey } from './types';

await ready();

// Seven Argon2id derivations in total (~0.2 s each).
describe('staff enrolment, log-in, recovery and password change', async () => {
  const enrolment = await enrolStaff('a long passphrase for the chair');
  const { server } = enrolment;

  it('stores only public keys, salt, wrapped keys and the login secret', () => {
    expect(Object.keys(server).sort()).toEqual(
      [
        'boxPublicKey',
        'loginSecret',
        'passwordSalt',
        'passwordWrappedKeys',
        'recoveryWrappedKeys',
        'recoveryProof',
        'signPublicKey'
      ].sort()
    );
    expect(server.boxPublicKey).toEqual(enrolment.keys.box.publicKey);
  });

  it('unwraps with the password, and not with a wrong one', async () => {
    const secrets = await derivePasswordSecrets(
      'a long passphrase for the chair',
      server.passwordSalt
    );
    expect(secrets.loginSecret).toEqual(server.loginSecret);
    expect(secrets.keyEncryptionKey).not.toEqual(secrets.loginSecret);
    expect(unwrapStaffKeys(server.passwordWrappedKeys, secrets.keyEncryptionKey)).toEqual(
      enrolment.keys
    );
    const wrong = new Uint8Array(32) as KeyEncryptionKey;
    expect(() => unwrapStaffKeys(server.passwordWrappedKeys, wrong)).toThrow(DecryptionError);
  });

  it('unwraps with the recovery code; the two wrappings are not interchangeable', async () => {
    const { recoveryKey, recoveryProof } = await recoverySecretsFromCode(
      enrolment.recoveryCode.toLowerCase()
    );
    expect(recoveryProof).toEqual(server.recoveryProof);
    expect(recoveryProof).not.toEqual(recoveryKey);
    expect(unwrapStaffKeysWithRecovery(server.recoveryWrappedKeys, recoveryKey)).toEqual(
      enrolment.keys
    );
    // Same bytes used as the other kind of key: the associated data differs.
    expect(() =>
      unwrapStaffKeys(server.recoveryWrappedKeys, recoveryKey as unknown as KeyEncryptionKey)
    ).toThrow(DecryptionError);
    expect(() =>
      unwrapStaffKeysWithRecovery(server.passwordWrappedKeys, new Uint8Array(32) as RecoveryKey)
    ).toThrow(DecryptionError);
  });

  it('rewraps the same keys on a password change', async () => {
    const change = await changePassword(enrolment.keys, 'a new passphrase');
    expect(change.passwordSalt).not.toEqual(server.passwordSalt);
    expect(change.loginSecret).not.toEqual(server.loginSecret);
    expect(change.passwordWrappedKeys).not.toEqual(server.passwordWrappedKeys);
  });

  it('re-enrols the same key pairs under a new password and recovery code', async () => {
    const again = await reenrolStaff(enrolment.keys, 'after recovery');
    expect(again.keys).toEqual(enrolment.keys);
    expect(again.server.boxPublicKey).toEqual(server.boxPublicKey);
    expect(again.recoveryCode).not.toBe(enrolment.recoveryCode);
    expect(again.server.recoveryProof).not.toEqual(server.recoveryProof);
  });

  it('rejects an altered version byte and trailing bytes', () => {
    const altered = server.passwordWrappedKeys.slice();
    altered[0] = 9;
    const wrong = new Uint8Array(32) as KeyEncryptionKey;
    expect(() => unwrapStaffKeys(altered, wrong)).toThrow(CryptoFormatError);
    expect(() => unwrapStaffKeys(altered.subarray(0, 10), wrong)).toThrow(CryptoFormatError);
  });

  it('rejects a salt of the wrong length and an empty password', async () => {
    await expect(derivePasswordSecrets('pw', new Uint8Array(8))).rejects.toThrow(CryptoFormatError);
    await expect(derivePasswordSecrets('', new Uint8Array(16))).rejects.toThrow(CryptoFormatError);
  });
});
