// The browser-facing async API for slow work (Argon2id, large files): runs it in a module
// worker when `Worker` exists, in-thread otherwise (Node, tests, or a worker that failed).
import { deriveCaseKeysSync } from './case-key';
import {
  CaseKeyTypoError,
  CryptoError,
  CryptoFormatError,
  DecryptionError,
  RecoveryCodeTypoError,
  SignatureError,
  TruncatedStreamError,
  type TypoReason
} from './errors';
import {
  decryptFile,
  encryptFile,
  type DecryptedFile,
  type EncryptedFile,
  type EncryptFileOptions,
  type FileContext,
  type FileMeta
} from './files';
import { ready } from './sodium';
import {
  derivePasswordSecretsSync,
  recoveryKeyFromCodeSync,
  recoverySecretsFromCodeSync,
  type PasswordSecrets,
  type RecoverySecrets
} from './staff';
import type { CaseKeyBytes, ContentKey, RecoveryKey, ReporterKeys } from './types';
import type {
  DerivationPhase,
  DerivationRequest,
  FileRequest,
  WorkerRequest,
  WorkerResponse
} from './worker-protocol';

export type { DerivationPhase } from './worker-protocol';

export interface DerivationOptions {
  onPhase?: (phase: DerivationPhase) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Job = DistributiveOmit<DerivationRequest | FileRequest, 'id'>;

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onPhase?: (phase: DerivationPhase) => void;
  onProgress?: (bytes: number) => void;
}

interface PendingPull {
  controller: ReadableStreamDefaultController<Uint8Array>;
  done: () => void;
}

let worker: Worker | undefined;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, Pending>();
const pulls = new Map<number, PendingPull>();
const progress = new Map<number, (bytes: number) => void>();

function rebuildError(name: string, message: string, reason?: string): Error {
  switch (name) {
    case 'CaseKeyTypoError':
      return new CaseKeyTypoError(message, reason as TypoReason);
    case 'RecoveryCodeTypoError':
      return new RecoveryCodeTypoError(message, reason as TypoReason);
    case 'CryptoFormatError':
      return new CryptoFormatError(message);
    case 'TruncatedStreamError':
      return new TruncatedStreamError(message);
    case 'DecryptionError':
      return new DecryptionError(message);
    case 'SignatureError':
      return new SignatureError(message);
    default:
      return new CryptoError(`${name}: ${message}`);
  }
}

function onWorkerMessage(message: WorkerResponse): void {
  const { id } = message;
  if (message.type === 'progress') {
    progress.get(id)?.(message.bytes);
    return;
  }
  const pull = pulls.get(id);
  if (pull) {
    pulls.delete(id);
    if (message.type === 'chunk') pull.controller.enqueue(message.chunk);
    else if (message.type === 'end') pull.controller.close();
    else if (message.type === 'error') {
      pull.controller.error(rebuildError(message.name, message.message, message.reason));
    }
    if (message.type !== 'chunk') progress.delete(id);
    pull.done();
    return;
  }
  const p = pending.get(id);
  if (!p) return;
  if (message.type === 'phase') {
    p.onPhase?.(message.phase);
  } else if (message.type === 'result') {
    pending.delete(id);
    p.resolve(message.result);
  } else if (message.type === 'error') {
    pending.delete(id);
    progress.delete(id);
    p.reject(rebuildError(message.name, message.message, message.reason));
  }
}

function getWorker(): Worker | undefined {
  if (worker || workerBroken || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    workerBroken = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => onWorkerMessage(event.data);
  // A worker that cannot start (blocked, or no module-worker support) must not strand the
  // user: finish waiting jobs in-thread and stop using workers.
  worker.onerror = (event) => {
    event.preventDefault();
    workerBroken = true;
    worker?.terminate();
    worker = undefined;
    const stranded = [...pending.values()];
    pending.clear();
    for (const p of stranded) runInThread(p.job, p.onPhase, p.onProgress).then(p.resolve, p.reject);
    for (const pull of pulls.values()) {
      pull.controller.error(new CryptoError('Crypto worker failed'));
      pull.done();
    }
    pulls.clear();
    progress.clear();
  };
  return worker;
}

async function runInThread(
  job: Job,
  onPhase?: (phase: DerivationPhase) => void,
  onProgress?: (bytes: number) => void
): Promise<unknown> {
  onPhase?.('loading');
  await ready();
  switch (job.op) {
    case 'encryptFile': {
      const { caseId, fileId, chunkSize } = job;
      return encryptFile(job.contentKey, job.source, job.meta, {
        caseId,
        fileId,
        chunkSize,
        onProgress
      });
    }
    case 'decryptFile':
      return decryptFile(job.contentKey, job.header, job.source, {
        caseId: job.caseId,
        fileId: job.fileId,
        onProgress
      });
  }
  onPhase?.('deriving');
  let result: unknown;
  switch (job.op) {
    case 'deriveCaseKeys':
      result = deriveCaseKeysSync(job.caseKey, job.organisationId);
      break;
    case 'derivePasswordSecrets':
      result = derivePasswordSecretsSync(job.password, job.salt);
      break;
    case 'recoveryKeyFromCode':
      result = recoveryKeyFromCodeSync(job.code);
      break;
    case 'recoverySecretsFromCode':
      result = recoverySecretsFromCodeSync(job.code);
      break;
  }
  onPhase?.('done');
  return result;
}

function post(w: Worker, request: WorkerRequest): void {
  w.postMessage(request);
}

async function dispatch(
  job: Job,
  options: DerivationOptions & { onProgress?: (bytes: number) => void }
): Promise<{ value: unknown; remoteId?: number }> {
  const w = getWorker();
  if (!w) return { value: await runInThread(job, options.onPhase, options.onProgress) };
  const id = nextId++;
  if (options.onProgress) progress.set(id, options.onProgress);
  const value = await new Promise((resolve, reject) => {
    pending.set(id, { job, resolve, reject, ...options });
    post(w, { ...job, id } as WorkerRequest);
  });
  return { value, remoteId: id };
}

/** A stream whose chunks are produced in the worker, one per read (constant memory). */
function remoteStream(id: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const w = worker;
        if (!w) {
          controller.error(new CryptoError('Crypto worker is gone'));
          return;
        }
        return new Promise<void>((done) => {
          pulls.set(id, { controller, done });
          post(w, { id, op: 'pull' });
        });
      },
      cancel() {
        pulls.delete(id);
        progress.delete(id);
        if (worker) post(worker, { id, op: 'cancel' });
      }
    },
    { highWaterMark: 1 }
  );
}

/** True when slow work runs off the main thread. */
export function usesWorker(): boolean {
  return getWorker() !== undefined;
}

export async function deriveCaseKeysInWorker(
  caseKey: CaseKeyBytes,
  organisationId: string,
  options: DerivationOptions = {}
): Promise<ReporterKeys> {
  const { value } = await dispatch({ op: 'deriveCaseKeys', caseKey, organisationId }, options);
  return value as ReporterKeys;
}

export async function derivePasswordSecretsInWorker(
  password: string,
  salt: Uint8Array,
  options: DerivationOptions = {}
): Promise<PasswordSecrets> {
  const { value } = await dispatch({ op: 'derivePasswordSecrets', password, salt }, options);
  return value as PasswordSecrets;
}

export async function recoveryKeyFromCodeInWorker(
  code: string,
  options: DerivationOptions = {}
): Promise<RecoveryKey> {
  const { value } = await dispatch({ op: 'recoveryKeyFromCode', code }, options);
  return value as RecoveryKey;
}

export async function recoverySecretsFromCodeInWorker(
  code: string,
  options: DerivationOptions = {}
): Promise<RecoverySecrets> {
  const { value } = await dispatch({ op: 'recoverySecretsFromCode', code }, options);
  return value as RecoverySecrets;
}

/** encryptFile, with the reading and encrypting done in the worker. */
export async function encryptFileInWorker(
  contentKey: ContentKey,
  source: Blob,
  meta: FileMeta,
  options: EncryptFileOptions
): Promise<EncryptedFile> {
  const { caseId, fileId, chunkSize, onProgress } = options;
  const job: Job = { op: 'encryptFile', contentKey, source, meta, caseId, fileId, chunkSize };
  const { value, remoteId } = await dispatch(job, { onProgress });
  if (remoteId === undefined) return value as EncryptedFile;
  return { header: (value as { header: Uint8Array }).header, chunks: remoteStream(remoteId) };
}

/** decryptFile, with the reading and decrypting done in the worker. */
export async function decryptFileInWorker(
  contentKey: ContentKey,
  header: Uint8Array,
  source: Blob,
  context: FileContext
): Promise<DecryptedFile> {
  const { caseId, fileId, onProgress } = context;
  const job: Job = { op: 'decryptFile', contentKey, header, source, caseId, fileId };
  const { value, remoteId } = await dispatch(job, { onProgress });
  if (remoteId === undefined) return value as DecryptedFile;
  const { meta, chunkSize } = value as { meta: FileMeta; chunkSize: number };
  return { meta, chunkSize, stream: remoteStream(remoteId) };
}

/** Frees the worker's memory (Argon2 keeps 64 MiB) once the slow work is over. */
export function terminateCryptoWorker(): void {
  worker?.terminate();
  worker = undefined;
  const error = new CryptoError('Crypto worker terminated');
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  for (const pull of pulls.values()) {
    pull.controller.error(error);
    pull.done();
  }
  pulls.clear();
  progress.clear();
}
