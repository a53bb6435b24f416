import { fromBase64, randomBytes, ready, sha256, toBase64 } from '$lib/crypto';

/** A random bearer token (session cookie, invitation link) and the hash the database keeps. */
export async function newToken(): Promise<{ token: string; hash: Uint8Array }> {
  await ready();
  const bytes = randomBytes(32);
  return { token: toBase64(bytes), hash: sha256(bytes) };
}

/** The stored hash of a presented token, or null when it is not a well-formed token. */
export async function hashToken(token: string): Promise<Uint8Array | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  await ready();
  try {
    return sha256(fromBase64(token));
  } catch {
    return null;
  }
}
