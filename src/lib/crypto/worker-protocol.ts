// Messages between client.ts and worker.ts. Bytes travel by structured clone.
import type {
  CaseKeyBytes,
  KeyEncryptionKey,
  LoginSecret,
  RecoveryKey,
  RecoveryProof,
  ReporterKeys
} from './types';

export type DerivationPhase = 'loading' | 'deriving' | 'done';

export type DerivationRequest =
  | { id: number; op: 'deriveCaseKeys'; caseKey: CaseKeyBytes; organisationId: string }
  | { id: number; op: 'derivePasswordSecrets'; password: string; salt: Uint8Array }
  | { id: number; op: 'recoveryKeyFromCode'; code: string }
  | { id: number; op: 'recoverySecretsFromCode'; code: string };

export interface WorkerResults {
  deriveCaseKeys: ReporterKeys;
  derivePasswordSecrets: { keyEncryptionKey: KeyEncryptionKey; loginSecret: LoginSecret };
  recoveryKeyFromCode: RecoveryKey;
  recoverySecretsFromCode: { recoveryKey: RecoveryKey; recoveryProof: RecoveryProof };
}

export type WorkerResponse =
  | { id: number; type: 'phase'; phase: DerivationPhase }
  | { id: number; type: 'result'; result: WorkerResults[keyof WorkerResults] }
  | { id: number; type: 'error'; name: string; message: string; reason?: string };
