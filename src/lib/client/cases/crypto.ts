type Crypto = typeof import('$lib/crypto');

/** The crypto module, loaded on first use so pages without cases do not download it. */
export async function loadCrypto(): Promise<Crypto> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return crypto;
}
