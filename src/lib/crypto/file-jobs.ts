/**
 * Encrypting a Blob and decrypting a file chunk by chunk, as jobs with the same shape in this
 * thread and in the file worker (file-worker.ts): only one chunk is in memory at a time.
 */
import { FILE_CHUNK_BYTES } from './params';
import { FileDecryptor, FileEncryptor, type FileKeys, type FileSecrets } from './file-stream';
import { ready } from './sodium';

export interface FileJobContext {
  caseId: string;
  fileId: string;
}

export interface EncryptionJob {
  paddedSize: number;
  chunkCount: number;
  /** The ciphertext of the next chunk, read from the Blob and encrypted now. */
  next(): Promise<Uint8Array>;
  /** After the last chunk: the key, stream header and size (the hash comes from FileDigests). */
  finish(): Promise<FileKeys>;
  close(): void;
}

export interface DecryptionJob {
  /** The file's bytes of chunk `index` (chunks must come in order). */
  pull(index: number, chunk: Uint8Array): Promise<Uint8Array>;
  /** Fails unless the whole file came and matches its signed hash. */
  finish(): Promise<void>;
  close(): void;
}

/** Encrypts `blob` in this thread, reading one slice of FILE_CHUNK_BYTES at a time. */
export async function encryptBlob(blob: Blob, context: FileJobContext): Promise<EncryptionJob> {
  await ready();
  const encryptor = new FileEncryptor(context, blob.size);
  let index = 0;
  return {
    paddedSize: encryptor.paddedSize,
    chunkCount: encryptor.chunkCount,
    async next() {
      const start = Math.min(blob.size, index * FILE_CHUNK_BYTES);
      const end = Math.min(blob.size, start + FILE_CHUNK_BYTES);
      const bytes =
        end > start
          ? new Uint8Array(await blob.slice(start, end).arrayBuffer())
          : new Uint8Array(0);
      const chunk = encryptor.push(index, bytes);
      index += 1;
      return chunk;
    },
    async finish() {
      return encryptor.finish();
    },
    close() {}
  };
}

export async function decryptChunks(
  context: FileJobContext,
  secrets: FileSecrets
): Promise<DecryptionJob> {
  await ready();
  const decryptor = new FileDecryptor(context, secrets);
  return {
    async pull(index, chunk) {
      return decryptor.pull(index, chunk);
    },
    async finish() {
      decryptor.finish();
    },
    close() {}
  };
}
