import type { SignKeyPair, StaffKeys } from '$lib/crypto';
import type { StaffKeyMaterial } from '$lib/server/staff/me';
import { api, ApiError } from './api';
import { utcDay } from './reporter/requests';

/**
 * A signed-in person's unwrapped private keys live here: in this tab's memory only, never in
 * storage. A reload forgets them (the page asks for the password again); signing out wipes them.
 */
class StaffKeyring {
  material = $state<StaffKeyMaterial | null>(null);
  keys = $state.raw<StaffKeys | null>(null);
  unitSigningKey = $state.raw<SignKeyPair | null>(null);

  get unlocked(): boolean {
    return this.keys !== null;
  }

  async open(material: StaffKeyMaterial, password: string, onPhase?: (phase: string) => void) {
    const crypto = await import('$lib/crypto');
    const { derivePasswordSecretsInWorker } = await import('$lib/crypto/client');
    await crypto.ready();
    const { keyEncryptionKey } = await derivePasswordSecretsInWorker(
      password,
      crypto.fromBase64(material.passwordSalt),
      { onPhase }
    );
    const keys = crypto.unwrapStaffKeys(
      crypto.fromBase64(material.passwordWrappedKeys),
      keyEncryptionKey
    );
    this.adopt(material, keys, crypto);
  }

  adopt(material: StaffKeyMaterial, keys: StaffKeys, crypto: typeof import('$lib/crypto')) {
    this.material = material;
    this.keys = keys;
    this.unitSigningKey = material.sealedSigningKey
      ? crypto.openUnitSigningKey(crypto.fromBase64(material.sealedSigningKey), keys.box)
      : null;
  }

  /** After a reload: the session is still valid, the keys must be unwrapped again. */
  async unlock(password: string, onPhase?: (phase: string) => void) {
    const material = await api.get<StaffKeyMaterial>('/staff/api/keys');
    await this.open(material, password, onPhase);
  }

  forget() {
    this.material = null;
    this.keys = null;
    this.unitSigningKey = null;
  }
}

export const keyring = new StaffKeyring();

/** Derives the login secret in a worker, signs in, and unwraps the keys in this tab. */
export async function signIn(
  email: string,
  password: string,
  code: string,
  onPhase?: (phase: string) => void
): Promise<void> {
  const crypto = await import('$lib/crypto');
  const { derivePasswordSecretsInWorker } = await import('$lib/crypto/client');
  await crypto.ready();
  const { passwordSalt } = await api.post<{ passwordSalt: string }>('/staff/api/sign-in/salt', {
    email
  });
  const secrets = await derivePasswordSecretsInWorker(password, crypto.fromBase64(passwordSalt), {
    onPhase
  });
  const body = {
    email,
    loginSecret: crypto.toBase64(secrets.loginSecret),
    ...(code.trim() ? { code: code.trim() } : {})
  };
  let material: StaffKeyMaterial;
  try {
    material = await api.post<StaffKeyMaterial>('/staff/api/sign-in', body);
  } catch (error) {
    // After several wrong attempts on this account, each try costs some work: do it, once.
    if (!(error instanceof ApiError) || error.code !== 'pow_required' || !error.difficulty) {
      throw error;
    }
    onPhase?.('working');
    const { solvePowInWorker } = await import('$lib/crypto/pow-client');
    const challenge = {
      purpose: 'sign-in' as const,
      path: '/staff/api/sign-in',
      day: utcDay(),
      binding: crypto.sha256(crypto.utf8(email)),
      difficulty: error.difficulty
    };
    const nonce = await solvePowInWorker(challenge);
    material = await api.post<StaffKeyMaterial>('/staff/api/sign-in', body, {
      'x-candour-pow': crypto.formatPowToken(error.difficulty, nonce)
    });
  }
  const keys = crypto.unwrapStaffKeys(
    crypto.fromBase64(material.passwordWrappedKeys),
    secrets.keyEncryptionKey
  );
  keyring.adopt(material, keys, crypto);
}

export async function signOut(everywhere = false): Promise<void> {
  keyring.forget();
  await api.post(everywhere ? '/staff/api/sign-out-everywhere' : '/staff/api/sign-out');
}

/** The enrolment body the server accepts, from what the browser made. */
export async function enrolmentBody(password: string) {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const enrolment = await crypto.enrolStaff(password);
  return { enrolment, body: enrolmentToBody(crypto, enrolment.server) };
}

function enrolmentToBody(
  crypto: typeof import('$lib/crypto'),
  s: import('$lib/crypto').StaffEnrolment['server']
) {
  return {
    boxPublicKey: crypto.toBase64(s.boxPublicKey),
    signPublicKey: crypto.toBase64(s.signPublicKey),
    passwordSalt: crypto.toBase64(s.passwordSalt),
    passwordWrappedKeys: crypto.toBase64(s.passwordWrappedKeys),
    recoveryWrappedKeys: crypto.toBase64(s.recoveryWrappedKeys),
    loginSecret: crypto.toBase64(s.loginSecret),
    recoveryProof: crypto.toBase64(s.recoveryProof)
  };
}

/** The recovery code unwraps the same keys; they are rewrapped under a new password and code. */
export async function recoverWithCode(
  email: string,
  code: string,
  newPassword: string,
  totpCode = ''
) {
  const crypto = await import('$lib/crypto');
  const { recoverySecretsFromCodeInWorker } = await import('$lib/crypto/client');
  await crypto.ready();
  const { recoveryKey, recoveryProof } = await recoverySecretsFromCodeInWorker(code);
  const proof = crypto.toBase64(recoveryProof);
  const secondFactor = totpCode.trim() ? { code: totpCode.trim() } : {};
  const { recoveryWrappedKeys } = await api.post<{ recoveryWrappedKeys: string }>(
    '/staff/api/recovery/start',
    { email, recoveryProof: proof, ...secondFactor }
  );
  const keys = crypto.unwrapStaffKeysWithRecovery(
    crypto.fromBase64(recoveryWrappedKeys),
    recoveryKey
  );
  const enrolment = await crypto.reenrolStaff(keys, newPassword);
  await api.post('/staff/api/recovery/finish', {
    email,
    recoveryProof: proof,
    ...secondFactor,
    enrolment: enrolmentToBody(crypto, enrolment.server)
  });
  return { keys, recoveryCode: enrolment.recoveryCode };
}

/** Same key pairs, new password: the server swaps its hash after checking the current one. */
export async function changeOwnPassword(currentPassword: string, newPassword: string) {
  const crypto = await import('$lib/crypto');
  const { derivePasswordSecretsInWorker } = await import('$lib/crypto/client');
  await crypto.ready();
  const material = keyring.material;
  const keys = keyring.keys;
  if (!material || !keys) throw new Error('locked');
  const current = await derivePasswordSecretsInWorker(
    currentPassword,
    crypto.fromBase64(material.passwordSalt)
  );
  const change = await crypto.changePassword(keys, newPassword);
  await api.post('/staff/api/password', {
    currentLoginSecret: crypto.toBase64(current.loginSecret),
    passwordSalt: crypto.toBase64(change.passwordSalt),
    passwordWrappedKeys: crypto.toBase64(change.passwordWrappedKeys),
    loginSecret: crypto.toBase64(change.loginSecret)
  });
  keyring.material = await api.get<StaffKeyMaterial>('/staff/api/keys');
}

/** The login secret of the signed-in person's password, to prove it is them for a change. */
export async function currentLoginSecretB64(password: string): Promise<string> {
  const crypto = await import('$lib/crypto');
  const { derivePasswordSecretsInWorker } = await import('$lib/crypto/client');
  await crypto.ready();
  const material = keyring.material;
  if (!material) throw new Error('locked');
  const secrets = await derivePasswordSecretsInWorker(
    password,
    crypto.fromBase64(material.passwordSalt)
  );
  return crypto.toBase64(secrets.loginSecret);
}
