// A whole evidence file through an encryption job and back, as the upload and download code do
// it chunk by chunk (src/lib/client/files/), for tests of the crypto on its own.
import {
  FileDigests,
  fileStoredChunkBytes,
  VERSION,
  type DecryptionJob,
  type EncryptionJob,
  type FileJobContext,
  type FileSecrets
} from '../../src/lib/crypto/index';

/** Every chunk of the job, each checked for its exact stored length, and the entry's secrets. */
export async function encryptWhole(
  job: EncryptionJob
): Promise<{ chunks: Uint8Array[]; secrets: FileSecrets }> {
  const digests = new FileDigests(job.chunkCount);
  const chunks: Uint8Array[] = [];
  try {
    for (let i = 0; i < job.chunkCount; i++) {
      const chunk = await job.next();
      if (chunk.length !== fileStoredChunkBytes(job.paddedSize, i)) {
        throw new Error(`chunk ${i} is ${chunk.length} bytes`);
      }
      digests.add(i, chunk);
      chunks.push(chunk);
    }
    return {
      chunks,
      secrets: { ...(await job.finish()), hash: digests.finish(), format: VERSION.file }
    };
  } finally {
    job.close();
  }
}

/** The file's bytes from its chunks (each handed over as a copy), after every check passed. */
export async function decryptWhole(
  open: (context: FileJobContext, secrets: FileSecrets) => Promise<DecryptionJob>,
  context: FileJobContext,
  secrets: FileSecrets,
  chunks: Uint8Array[]
): Promise<Uint8Array> {
  const job = await open(context, secrets);
  try {
    const parts: Uint8Array[] = [];
    for (const [i, c] of chunks.entries()) parts.push(await job.pull(i, c.slice()));
    await job.finish();
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  } finally {
    job.close();
  }
}
