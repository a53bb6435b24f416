/** Human-comparable fingerprint of base64 public keys, loading the crypto module on demand. */
export async function fingerprintOf(...publicKeysB64: string[]): Promise<string> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return crypto.fingerprint(...publicKeysB64.map((key) => crypto.fromBase64(key)));
}
