/**
 * Uploading one file: encrypted chunk by chunk (in the file worker), each chunk sent as it is
 * made while the next one is encrypted, so memory holds about two chunks whatever the size. Each
 * chunk's digest is taken here, beside the worker's encryption: it is what a reporter's chunk
 * request is signed over and what the file's signed hash is made of (one pass over the bytes for
 * both). A dropped connection is waited out: the browser asks the server which chunks it has and
 * sends on from there. Resuming needs this page's file key, so it works while the page stays open
 * (a closed laptop lid included), not after it is reloaded.
 */
import { ApiError } from '$lib/client/api';
import type { EncryptionJob, FileJobContext } from '$lib/crypto';
import type { FileRecord } from './record';
import type { FileTransport } from './transport';

export interface TransferProgress {
  /** Bytes of the file (not of padding) sent or received so far. */
  done: number;
  total: number;
  /** Estimated from the speed so far; null until there is a speed to go by. */
  secondsLeft: number | null;
  /** `waiting` while the connection is down and the transfer will go on by itself. */
  state: 'working' | 'waiting';
}

export interface UploadOptions {
  blob: Blob;
  name: string;
  type: string;
  caseId: string;
  transport: FileTransport;
  encrypt?: (blob: Blob, context: FileJobContext) => Promise<EncryptionJob>;
  onProgress?: (progress: TransferProgress) => void;
  /** Milliseconds to wait before asking again after a dropped connection (grows to 10 s). */
  retryDelay?: number;
  signal?: AbortSignal;
}

/** Chunks sent at once by one upload. */
export const CHUNKS_IN_FLIGHT = 3;

/** Whether an error means "try again later" (no answer, or the server failed), not "refused". */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Cancelled', 'AbortError'));
    });
  });
}

/** Tracks speed and time left over what was actually transferred this time. */
export function progressMeter(total: number, onProgress?: (p: TransferProgress) => void) {
  const started = Date.now();
  let moved = 0;
  let done = 0;
  /** Requests waiting for the connection to come back: while any is, the transfer waits. */
  let waiting = 0;
  const emit = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0.5 && moved > 0 ? moved / seconds : null;
    onProgress?.({
      done,
      total,
      secondsLeft: waiting > 0 || !rate ? null : Math.ceil((total - done) / rate),
      state: waiting > 0 ? 'waiting' : 'working'
    });
  };
  return {
    advance(bytes: number, transferred: boolean) {
      done = Math.min(total, done + bytes);
      if (transferred) moved += bytes;
      emit();
    },
    waiting() {
      waiting += 1;
      emit();
    },
    resumed() {
      waiting = Math.max(0, waiting - 1);
      emit();
    }
  };
}

/** Runs `attempt` until it succeeds or is refused; while the connection is down, it waits. */
export async function untilAnswered<T>(
  attempt: () => Promise<T>,
  options: {
    retryDelay?: number;
    signal?: AbortSignal;
    onWait?: () => void;
    onResume?: () => void;
  }
): Promise<T> {
  let delay = options.retryDelay ?? 1000;
  let waited = false;
  try {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error) || options.signal?.aborted) throw error;
        if (!waited) options.onWait?.();
        waited = true;
        await sleep(delay, options.signal);
        delay = Math.min(10_000, delay * 2);
      }
    }
  } finally {
    if (waited) options.onResume?.();
  }
}

/** Encrypts and uploads one file; returns what its entry must carry. */
export async function uploadFile(options: UploadOptions): Promise<FileRecord> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const encrypt = options.encrypt ?? crypto.encryptBlobInWorker;
  const fileId = globalThis.crypto.randomUUID();
  const { transport, signal } = options;
  const job = await encrypt(options.blob, { caseId: options.caseId, fileId });
  const digests = new crypto.FileDigests(job.chunkCount);
  const meter = progressMeter(options.blob.size, options.onProgress);
  const wait = {
    retryDelay: options.retryDelay,
    signal,
    onWait: () => meter.waiting(),
    onResume: () => meter.resumed()
  };
  try {
    const status = await untilAnswered(() => transport.start(fileId, job.paddedSize), wait);
    const stored = new Set(status.stored);
    const sendChunk = (index: number, chunk: Uint8Array, digest: Uint8Array) =>
      untilAnswered(async () => {
        try {
          await transport.put(fileId, index, chunk, digest);
        } catch (error) {
          if (!isTransient(error)) throw error;
          // Maybe it arrived and only the answer was lost: ask before sending it again.
          const now = await transport.start(fileId, job.paddedSize).catch(() => null);
          if (now?.stored.includes(index)) return;
          throw error;
        }
      }, wait);
    // A few chunks in flight, each its own request and transaction on the server: encrypting,
    // sending and storing overlap, and memory stays a few chunks whatever the file size.
    const inFlight = new Set<Promise<void>>();
    let pending = job.next();
    for (let index = 0; index < job.chunkCount; index++) {
      const chunk = await pending;
      if (index + 1 < job.chunkCount) pending = job.next();
      // Stored chunks are encrypted again all the same: the stream and the hash need them.
      const digest = digests.add(index, chunk);
      const fileBytes = Math.max(
        0,
        Math.min(crypto.FILE_CHUNK_BYTES, options.blob.size - index * crypto.FILE_CHUNK_BYTES)
      );
      if (stored.has(index)) {
        meter.advance(fileBytes, false);
        continue;
      }
      const sent: Promise<void> = sendChunk(index, chunk, digest).then(() => {
        inFlight.delete(sent);
        meter.advance(fileBytes, true);
      });
      // Seen when awaited below; never an unhandled rejection meanwhile.
      sent.catch(() => {});
      inFlight.add(sent);
      if (inFlight.size >= CHUNKS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const keys = await job.finish();
    return {
      id: fileId,
      name: options.name,
      type: options.type,
      size: keys.size,
      key: crypto.toBase64(keys.key),
      header: crypto.toBase64(keys.header),
      hash: crypto.toBase64(digests.finish()),
      format: crypto.VERSION.file
    };
  } finally {
    job.close();
  }
}
