/**
 * How file chunks travel: a staff holder's requests (session cookie) or the reporter's signed
 * requests (case key, proof-of-work, no cookie). The upload and download code is the same.
 */
import { ApiError, api } from '$lib/client/api';
import type { SignKeyPair } from '$lib/crypto';

export interface UploadStatus {
  fileId: string;
  paddedSize: number;
  chunkCount: number;
  stored: number[];
  attached: boolean;
}

export interface FileTransport {
  /** Starts an upload, or says which chunks the server has (to resume). */
  start(fileId: string, paddedSize: number): Promise<UploadStatus>;
  /** `digest`: the chunk's `fileChunkDigest` if the caller has it (a signed request covers it). */
  put(fileId: string, index: number, chunk: Uint8Array, digest?: Uint8Array): Promise<void>;
  get(fileId: string, index: number): Promise<Uint8Array>;
}

async function failure(response: Response): Promise<ApiError> {
  const p = ((await response.json().catch(() => null)) ?? {}) as {
    message?: string;
    code?: string;
    difficulty?: number;
  };
  return new ApiError(
    response.status,
    p.message ?? 'Something went wrong. Please try again.',
    p.code,
    undefined,
    p.difficulty
  );
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', ...init });
  } catch {
    throw new ApiError(0, 'Candour could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw await failure(response);
  return response;
}

export function staffTransport(caseId: string): FileTransport {
  const base = `/staff/api/cases/${encodeURIComponent(caseId)}/files`;
  return {
    start: (fileId, paddedSize) => api.post<UploadStatus>(base, { fileId, paddedSize }),
    async put(fileId, index, chunk) {
      await send(`${base}/${fileId}/${index}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: chunk as Uint8Array<ArrayBuffer>,
        credentials: 'same-origin'
      });
    },
    async get(fileId, index) {
      const response = await send(`${base}/${fileId}/${index}`, { credentials: 'same-origin' });
      return new Uint8Array(await response.arrayBuffer());
    }
  };
}

/** Solves the proof-of-work a reporter request needs (the browser: in a worker). */
export type PowSolver = (input: {
  path: string;
  day: string;
  binding: Uint8Array;
  difficulty: number;
}) => Promise<string>;

/**
 * The reporter's signed requests, as follow-ups make them (docs/PROTOCOL.md §7): a chunk upload
 * is a PUT whose signed body is the chunk, with the lookup token in `x-candour-lookup`.
 */
export function reporterTransport(
  slug: string,
  lookupToken: Uint8Array,
  sign: SignKeyPair,
  solve: PowSolver,
  difficulty = 12
): FileTransport {
  const base = `/o/${encodeURIComponent(slug)}/api/case/files`;
  let level = difficulty;
  /** One proof per path, day and level: a file's chunks share their file's path (§12). */
  const proofs = new Map<string, Promise<string>>();
  async function signed(
    path: string,
    method: 'POST' | 'PUT',
    body: Uint8Array,
    extra: Record<string, string>,
    powPath = path,
    bodyDigest?: Uint8Array
  ): Promise<Response> {
    const crypto = await import('$lib/crypto');
    await crypto.ready();
    for (let attempt = 0; ; attempt++) {
      const day = new Date().toISOString().slice(0, 10);
      const kind = method === 'PUT' ? ('chunk' as const) : ('json' as const);
      const signature = crypto.signRequest(sign, { method, path, body, day, kind, bodyDigest });
      const proofKey = `${powPath} ${day} ${level}`;
      let proof = proofs.get(proofKey);
      if (!proof) {
        proof = solve({
          path: powPath,
          day,
          binding: crypto.lookupHash(lookupToken as never),
          difficulty: level
        });
        proofs.set(proofKey, proof);
        proof.catch(() => proofs.delete(proofKey));
      }
      const pow = await proof;
      try {
        return await send(path, {
          method,
          headers: {
            ...extra,
            'x-candour-signature': signature,
            'x-candour-day': day,
            'x-candour-pow': pow
          },
          body: body as Uint8Array<ArrayBuffer>,
          credentials: 'omit',
          referrerPolicy: 'no-referrer'
        });
      } catch (error) {
        // The work asked for went up: solve again, once, at the level the server names.
        if (
          attempt === 0 &&
          error instanceof ApiError &&
          error.code === 'pow_required' &&
          error.difficulty !== undefined
        ) {
          level = error.difficulty;
          continue;
        }
        throw error;
      }
    }
  }
  async function json(path: string, body: unknown, powPath?: string): Promise<Response> {
    const crypto = await import('$lib/crypto');
    return signed(
      path,
      'POST',
      crypto.utf8(JSON.stringify(body)),
      { 'content-type': 'application/json' },
      powPath
    );
  }
  const token = async () => (await import('$lib/crypto')).toBase64(lookupToken);
  return {
    async start(fileId, paddedSize) {
      const response = await json(base, { lookupToken: await token(), fileId, paddedSize });
      return (await response.json()) as UploadStatus;
    },
    async put(fileId, index, chunk, digest) {
      await signed(
        `${base}/${fileId}/${index}`,
        'PUT',
        chunk,
        { 'content-type': 'application/octet-stream', 'x-candour-lookup': await token() },
        `${base}/${fileId}`,
        digest
      );
    },
    async get(fileId, index) {
      const response = await json(
        `${base}/${fileId}/${index}`,
        { lookupToken: await token() },
        `${base}/${fileId}`
      );
      return new Uint8Array(await response.arrayBuffer());
    }
  };
}

/**
 * The browser's solver for chunk requests: in this thread, as a look-up's proof (12 bits, a few
 * thousand hashes) takes milliseconds, less than starting a proof-of-work worker per chunk.
 */
export const browserPowSolver: PowSolver = async (input) => {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const nonce = crypto.solvePow({ purpose: 'lookup', ...input });
  return crypto.formatPowToken(input.difficulty, nonce);
};
