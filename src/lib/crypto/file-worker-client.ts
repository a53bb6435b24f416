/**
 * File jobs in a module worker where `Worker` exists, in this thread otherwise (Node, tests, or a
 * worker that could not start): the same jobs, the same typed errors.
 */
import { CryptoError, DecryptionError, TruncatedStreamError } from './errors';
import {
  decryptChunks,
  encryptBlob,
  type DecryptionJob,
  type EncryptionJob,
  type FileJobContext
} from './file-jobs';
import { FileIntegrityError, type FileKeys, type FileSecrets } from './file-stream';
import type { FileWorkerRequest, FileWorkerResponse } from './file-worker-protocol';

const ERRORS: Record<string, new (message: string) => Error> = {
  FileIntegrityError,
  TruncatedStreamError,
  DecryptionError,
  CryptoError
};

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Call = <T>(request: WithoutId<FileWorkerRequest>, transfer?: Transferable[]) => Promise<T>;

function startWorker(): { call: Call; close(): void } | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./file-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  worker.onmessage = (event: MessageEvent<FileWorkerResponse>) => {
    const message = event.data;
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new (ERRORS[message.name] ?? CryptoError)(message.message));
  };
  worker.onerror = () => {
    for (const pending of waiting.values())
      pending.reject(new CryptoError('The file worker stopped'));
    waiting.clear();
  };
  const call: Call = (request, transfer = []) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  return { call, close: () => worker.terminate() };
}

/** Encrypts a Blob chunk by chunk in the file worker (or here, where there is none). */
export async function encryptBlobInWorker(
  blob: Blob,
  context: FileJobContext
): Promise<EncryptionJob> {
  const w = startWorker();
  if (!w) return encryptBlob(blob, context);
  try {
    const { paddedSize, chunkCount } = await w.call<{ paddedSize: number; chunkCount: number }>({
      op: 'encrypt',
      blob,
      context
    });
    return {
      paddedSize,
      chunkCount,
      next: () => w.call<Uint8Array>({ op: 'next' }),
      finish: () => w.call<FileKeys>({ op: 'finishEncrypt' }),
      close: () => w.close()
    };
  } catch (error) {
    w.close();
    if (error instanceof CryptoError && error.message === 'The file worker stopped') {
      return encryptBlob(blob, context);
    }
    throw error;
  }
}

/** Decrypts a file's chunks in the file worker (or here, where there is none). */
export async function decryptChunksInWorker(
  context: FileJobContext,
  secrets: FileSecrets
): Promise<DecryptionJob> {
  const w = startWorker();
  if (!w) return decryptChunks(context, secrets);
  try {
    await w.call({ op: 'decrypt', context, secrets });
  } catch (error) {
    w.close();
    if (error instanceof CryptoError && error.message === 'The file worker stopped') {
      return decryptChunks(context, secrets);
    }
    throw error;
  }
  return {
    pull: (index, chunk) =>
      w.call<Uint8Array>(
        { op: 'pull', index, chunk },
        chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
          ? [chunk.buffer as ArrayBuffer]
          : []
      ),
    finish: () => w.call<void>({ op: 'finishDecrypt' }),
    close: () => w.close()
  };
}
