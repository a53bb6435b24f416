// Messages between file-worker-client.ts and file-worker.ts. Bytes travel by transfer.
import type { FileJobContext } from './file-jobs';
import type { FileSecrets } from './file-stream';

export type FileWorkerRequest =
  | { id: number; op: 'encrypt'; blob: Blob; context: FileJobContext }
  | { id: number; op: 'next' }
  | { id: number; op: 'finishEncrypt' }
  | { id: number; op: 'decrypt'; context: FileJobContext; secrets: FileSecrets }
  | { id: number; op: 'pull'; index: number; chunk: Uint8Array }
  | { id: number; op: 'finishDecrypt' };

export type FileWorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };
