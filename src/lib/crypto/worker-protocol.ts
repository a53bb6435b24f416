// Messages between client.ts and worker.ts. Bytes travel by structured clone.
import type { FileMeta } from './files';
import type {
  CaseKeyBytes,
  ContentKey,
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

/** Files are read from a Blob inside the worker and come back one chunk per `pull`. */
export type FileRequest =
  | {
      id: number;
      op: 'encryptFile';
      contentKey: ContentKey;
      source: Blob;
      meta: FileMeta;
      caseId: string;
      fileId: string;
      chunkSize?: number;
    }
  | {
      id: number;
      op: 'decryptFile';
      contentKey: ContentKey;
      header: Uint8Array;
      source: Blob;
      caseId: string;
      fileId: string;
    };

export type StreamControl = { id: number; op: 'pull' } | { id: number; op: 'cancel' };

export type WorkerRequest = DerivationRequest | FileRequest | StreamControl;

export interface WorkerResults {
  deriveCaseKeys: ReporterKeys;
  derivePasswordSecrets: { keyEncryptionKey: KeyEncryptionKey; loginSecret: LoginSecret };
  recoveryKeyFromCode: RecoveryKey;
  recoverySecretsFromCode: { recoveryKey: RecoveryKey; recoveryProof: RecoveryProof };
  encryptFile: { header: Uint8Array };
  decryptFile: { meta: FileMeta; chunkSize: number };
}

export type WorkerResponse =
  | { id: number; type: 'phase'; phase: DerivationPhase }
  | { id: number; type: 'result'; result: WorkerResults[keyof WorkerResults] }
  | { id: number; type: 'progress'; bytes: number }
  | { id: number; type: 'chunk'; chunk: Uint8Array }
  | { id: number; type: 'end' }
  | { id: number; type: 'error'; name: string; message: string; reason?: string };
