import { ApiError } from '$lib/client/api';
import type { SignKeyPair } from '$lib/crypto';
import { powHeader } from './pow';

/** UTC day, the only time a reporter request carries. */
export function utcDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A reporter request: POST, JSON, no cookies sent or kept, signed with the case's Ed25519 key
 * over (method, path, day, SHA-256 of the exact body bytes). See docs/PROTOCOL.md §7.
 */
export async function signedPost<T>(
  path: string,
  body: unknown,
  sign: SignKeyPair,
  difficulty?: number
): Promise<T> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const text = JSON.stringify(body);
  const bytes = crypto.utf8(text);
  const day = utcDay();
  const signature = crypto.signRequest(sign, { method: 'POST', path, body: bytes, day });
  const pow = await powHeader(path, body, day, difficulty);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-candour-signature': signature,
        'x-candour-day': day,
        'x-candour-pow': pow
      },
      body: text,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
  } catch {
    throw new ApiError(0, 'offline');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const p = (payload ?? {}) as { message?: string; code?: string; difficulty?: number };
    // The work asked for went up while this one was solved: solve again, once, at the new level.
    if (p.code === 'pow_required' && p.difficulty !== undefined && difficulty === undefined) {
      return signedPost(path, body, sign, p.difficulty);
    }
    throw new ApiError(response.status, p.message ?? 'error', p.code);
  }
  return payload as T;
}

/** Retries only what may not have arrived (no answer, or a server error); ids make it safe. */
export async function withRetry<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      if (!(error instanceof ApiError) || (error.status !== 0 && error.status < 500)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 400 * (i + 1)));
    }
  }
  throw last;
}
