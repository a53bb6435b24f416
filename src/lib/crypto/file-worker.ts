// Module Web Worker for evidence files: one job per worker, so a page stays responsive while a
// file is encrypted or decrypted. Started by file-worker-client.ts.
import { decryptChunks, encryptBlob, type DecryptionJob, type EncryptionJob } from './file-jobs';
import type { FileWorkerRequest, FileWorkerResponse } from './file-worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<FileWorkerRequest>) => void) | null;
  postMessage(message: FileWorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let encryption: EncryptionJob | undefined;
let decryption: DecryptionJob | undefined;

function transferable(bytes: Uint8Array): Transferable[] {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? [bytes.buffer as ArrayBuffer] : [];
}

async function handle(request: FileWorkerRequest): Promise<void> {
  const { id } = request;
  switch (request.op) {
    case 'encrypt': {
      encryption = await encryptBlob(request.blob, request.context);
      const { paddedSize, chunkCount } = encryption;
      scope.postMessage({ id, ok: true, value: { paddedSize, chunkCount } });
      return;
    }
    case 'next': {
      const chunk = await encryption!.next();
      scope.postMessage({ id, ok: true, value: chunk }, transferable(chunk));
      return;
    }
    case 'finishEncrypt':
      scope.postMessage({ id, ok: true, value: await encryption!.finish() });
      return;
    case 'decrypt':
      decryption = await decryptChunks(request.context, request.secrets);
      scope.postMessage({ id, ok: true, value: null });
      return;
    case 'pull': {
      // A copy: the plaintext is a view into the stream's output, and is handed over whole.
      const bytes = (await decryption!.pull(request.index, request.chunk)).slice();
      scope.postMessage({ id, ok: true, value: bytes }, transferable(bytes));
      return;
    }
    case 'finishDecrypt':
      await decryption!.finish();
      scope.postMessage({ id, ok: true, value: null });
      return;
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  handle(request).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ id: request.id, ok: false, name: e.name, message: e.message });
  });
};
