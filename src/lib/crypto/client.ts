// The browser-facing async API for Argon2id derivations: runs them in a module worker when
// `Worker` exists, in-thread otherwise (Node, tests, or a worker that failed). Evidence files
// have a worker of their own (file-worker-client.ts).
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
import { ready } from './sodium';
import {
  derivePasswordSecretsSync,
  recoveryKeyFromCodeSync,
  recoverySecretsFromCodeSync,
  type PasswordSecrets,
  type RecoverySecrets
} from './staff';
import type { CaseKeyBytes, RecoveryKey, ReporterKeys } from './types';
import type { DerivationPhase, DerivationRequest, WorkerResponse } from './worker-protocol';

export type { DerivationPhase } from './worker-protocol';

export interface DerivationOptions {
  onPhase?: (phase: DerivationPhase) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Job = DistributiveOmit<DerivationRequest, 'id'>;

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onPhase?: (phase: DerivationPhase) => void;
}

let worker: Worker | undefined;
let workerBroken = false;
let nextId = 1;
const pending = new Map<number, Pending>();

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
  const p = pending.get(id);
  if (!p) return;
  if (message.type === 'phase') {
    p.onPhase?.(message.phase);
  } else if (message.type === 'result') {
    pending.delete(id);
    p.resolve(message.result);
  } else if (message.type === 'error') {
    pending.delete(id);
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
    for (const p of stranded) runInThread(p.job, p.onPhase).then(p.resolve, p.reject);
  };
  return worker;
}

async function runInThread(job: Job, onPhase?: (phase: DerivationPhase) => void): Promise<unknown> {
  onPhase?.('loading');
  await ready();
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

async function dispatch(job: Job, options: DerivationOptions): Promise<{ value: unknown }> {
  const w = getWorker();
  if (!w) return { value: await runInThread(job, options.onPhase) };
  const id = nextId++;
  const value = await new Promise((resolve, reject) => {
    pending.set(id, { job, resolve, reject, ...options });
    w.postMessage({ ...job, id } as DerivationRequest);
  });
  return { value };
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

/** Frees the worker's memory (Argon2 keeps 64 MiB) once the slow work is over. */
export function terminateCryptoWorker(): void {
  worker?.terminate();
  worker = undefined;
  const error = new CryptoError('Crypto worker terminated');
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}
