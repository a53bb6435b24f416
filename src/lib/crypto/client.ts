// The browser-facing async API for slow derivations: runs them in a module worker when
// `Worker` exists, in-thread otherwise (Node, tests, or a worker that failed to start).
import { deriveCaseKeysSync } from './case-key';
import {
  CaseKeyTypoError,
  CryptoError,
  CryptoFormatError,
  DecryptionError,
  RecoveryCodeTypoError,
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
import type { DerivationPhase, WorkerRequest, WorkerResponse } from './worker-protocol';

export type { DerivationPhase } from './worker-protocol';

export interface DerivationOptions {
  onPhase?: (phase: DerivationPhase) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Job = DistributiveOmit<WorkerRequest, 'id'>;

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
    case 'DecryptionError':
      return new DecryptionError(message);
    default:
      return new CryptoError(`${name}: ${message}`);
  }
}

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function getWorker(): Worker | undefined {
  if (worker || workerBroken || typeof Worker === 'undefined') return worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    workerBroken = true;
    return undefined;
  }
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    const p = pending.get(message.id);
    if (!p) return;
    if (message.type === 'phase') {
      p.onPhase?.(message.phase);
    } else if (message.type === 'result') {
      pending.delete(message.id);
      p.resolve(message.result);
    } else {
      pending.delete(message.id);
      p.reject(rebuildError(message.name, message.message, message.reason));
    }
  };
  // A worker that cannot start (blocked, or no module-worker support) must not strand the
  // user: finish its jobs in-thread and stop using workers.
  worker.onerror = (event) => {
    event.preventDefault();
    workerBroken = true;
    worker?.terminate();
    worker = undefined;
    const stranded = [...pending.values()];
    pending.clear();
    for (const p of stranded) {
      runWithPhases(p.job, p.onPhase).then(p.resolve, p.reject);
    }
  };
  return worker;
}

function runInThread(job: Job): unknown {
  switch (job.op) {
    case 'deriveCaseKeys':
      return deriveCaseKeysSync(job.caseKey, job.organisationId);
    case 'derivePasswordSecrets':
      return derivePasswordSecretsSync(job.password, job.salt);
    case 'recoveryKeyFromCode':
      return recoveryKeyFromCodeSync(job.code);
    case 'recoverySecretsFromCode':
      return recoverySecretsFromCodeSync(job.code);
  }
}

async function runWithPhases(
  job: Job,
  onPhase?: (phase: DerivationPhase) => void
): Promise<unknown> {
  onPhase?.('loading');
  await ready();
  onPhase?.('deriving');
  const result = runInThread(job);
  onPhase?.('done');
  return result;
}

async function dispatch(job: Job, options: DerivationOptions): Promise<unknown> {
  const w = getWorker();
  if (!w) return runWithPhases(job, options.onPhase);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { job, resolve, reject, onPhase: options.onPhase });
    w.postMessage({ ...job, id } as WorkerRequest);
  });
}

/** True when derivations run off the main thread. */
export function usesWorker(): boolean {
  return getWorker() !== undefined;
}

export async function deriveCaseKeysInWorker(
  caseKey: CaseKeyBytes,
  organisationId: string,
  options: DerivationOptions = {}
): Promise<ReporterKeys> {
  return (await dispatch(
    { op: 'deriveCaseKeys', caseKey, organisationId },
    options
  )) as ReporterKeys;
}

export async function derivePasswordSecretsInWorker(
  password: string,
  salt: Uint8Array,
  options: DerivationOptions = {}
): Promise<PasswordSecrets> {
  return (await dispatch(
    { op: 'derivePasswordSecrets', password, salt },
    options
  )) as PasswordSecrets;
}

export async function recoveryKeyFromCodeInWorker(
  code: string,
  options: DerivationOptions = {}
): Promise<RecoveryKey> {
  return (await dispatch({ op: 'recoveryKeyFromCode', code }, options)) as RecoveryKey;
}

export async function recoverySecretsFromCodeInWorker(
  code: string,
  options: DerivationOptions = {}
): Promise<RecoverySecrets> {
  return (await dispatch({ op: 'recoverySecretsFromCode', code }, options)) as RecoverySecrets;
}

/** Frees the worker's memory (Argon2 keeps 64 MiB) once the slow work is over. */
export function terminateCryptoWorker(): void {
  worker?.terminate();
  worker = undefined;
  failAll(new CryptoError('Crypto worker terminated'));
}
