/**
 * Downloading one file: chunks fetched in order and decrypted (in the file worker) as they
 * come; each decrypted chunk is handed to the browser's blob store at once, so the page does
 * not hold the file. The file is offered to save only after its last chunk and its hash
 * checked out: a missing, reordered, cut or altered chunk stops it with a plain message, and
 * nothing half-written is offered.
 */
import type { DecryptionJob, FileJobContext, FileSecrets } from '$lib/crypto';
import type { FileRecord } from './record';
import type { FileTransport } from './transport';
import { progressMeter, untilAnswered, type TransferProgress } from './upload';

export interface DownloadOptions {
  record: FileRecord;
  caseId: string;
  transport: FileTransport;
  decrypt?: (context: FileJobContext, secrets: FileSecrets) => Promise<DecryptionJob>;
  onProgress?: (progress: TransferProgress) => void;
  retryDelay?: number;
  signal?: AbortSignal;
}

/** The file, decrypted and checked whole; throws `FileIntegrityError` (plain message) if not. */
export async function downloadFile(options: DownloadOptions): Promise<Blob> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const { record, transport, signal } = options;
  const decrypt = options.decrypt ?? crypto.decryptChunksInWorker;
  const secrets: FileSecrets = {
    key: crypto.fromBase64(record.key),
    header: crypto.fromBase64(record.header),
    size: record.size,
    hash: crypto.fromBase64(record.hash),
    format: record.format ?? crypto.LEGACY_VERSION.file
  };
  const count = crypto.fileChunkCount(crypto.paddedFileSize(record.size));
  const job = await decrypt({ caseId: options.caseId, fileId: record.id }, secrets);
  const meter = progressMeter(record.size, options.onProgress);
  const wait = {
    retryDelay: options.retryDelay,
    signal,
    onWait: () => meter.waiting(),
    onResume: () => meter.resumed()
  };
  const parts: Blob[] = [];
  try {
    let pending = untilAnswered(() => transport.get(record.id, 0), wait);
    for (let index = 0; index < count; index++) {
      const chunk = await pending;
      if (index + 1 < count) {
        const next = index + 1;
        pending = untilAnswered(() => transport.get(record.id, next), wait);
        // A failure of the prefetch is seen when it is awaited.
        pending.catch(() => {});
      }
      const bytes = await job.pull(index, chunk);
      if (bytes.length > 0) parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      meter.advance(bytes.length, true);
    }
    await job.finish();
    return new Blob(parts, { type: record.type || 'application/octet-stream' });
  } finally {
    job.close();
  }
}

/** Offers a checked file to save under its name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name || 'file';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
