// Proof-of-work for reporter requests (docs/PROTOCOL.md §12): solved in a worker before a
// request is sent; pages may show progress through `onPowProgress`.

type Listener = (share: number) => void;
const listeners = new Set<Listener>();

/** Subscribes to the progress (0…1 of the expected work) of the proof being solved. */
export function onPowProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The organisation's reporter API prefix (`/o/<slug>/api`) of a request path. */
function apiPrefix(path: string): string {
  return /^\/o\/[^/]+\/api/.exec(path)?.[0] ?? '';
}

async function currentDifficulty(path: string, purpose: 'lookup' | 'submit'): Promise<number> {
  const response = await fetch(`${apiPrefix(path)}/pow`, {
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer'
  });
  const body = (await response.json()) as { lookup: number; submit: number };
  return body[purpose];
}

/**
 * The `x-candour-pow` header for a reporter request. A submission is bound to its case id, a
 * look-up to the hash of its lookup token; `difficulty` is what the server last asked for.
 */
export async function powHeader(
  path: string,
  body: unknown,
  day: string,
  difficulty?: number
): Promise<string> {
  const crypto = await import('$lib/crypto');
  const { solvePowInWorker } = await import('$lib/crypto/pow-client');
  await crypto.ready();
  const fields = body as { caseId?: string; lookupToken?: string };
  const purpose = path.endsWith('/api/cases') ? 'submit' : 'lookup';
  const binding =
    purpose === 'submit'
      ? crypto.utf8(fields.caseId ?? '')
      : crypto.lookupHash(crypto.fromBase64(fields.lookupToken ?? ''));
  const required = difficulty ?? (await currentDifficulty(path, purpose));
  const nonce = await solvePowInWorker(
    { purpose, path, day, binding, difficulty: required },
    (share) => listeners.forEach((listener) => listener(share))
  );
  listeners.forEach((listener) => listener(1));
  return crypto.formatPowToken(required, nonce);
}
