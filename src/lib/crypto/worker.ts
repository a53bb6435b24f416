// Module Web Worker: Argon2id derivations and large file streams run here so the page never
// freezes. Loaded with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
import { deriveCaseKeysSync } from './case-key';
import { CryptoError } from './errors';
import { decryptFile, encryptFile } from './files';
import { ready } from './sodium';
import {
  derivePasswordSecretsSync,
  recoveryKeyFromCodeSync,
  recoverySecretsFromCodeSync
} from './staff';
import type { DerivationRequest, WorkerRequest, WorkerResponse } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const readers = new Map<number, ReadableStreamDefaultReader<Uint8Array>>();

function derive(request: DerivationRequest) {
  switch (request.op) {
    case 'deriveCaseKeys':
      return deriveCaseKeysSync(request.caseKey, request.organisationId);
    case 'derivePasswordSecrets':
      return derivePasswordSecretsSync(request.password, request.salt);
    case 'recoveryKeyFromCode':
      return recoveryKeyFromCodeSync(request.code);
    case 'recoverySecretsFromCode':
      return recoverySecretsFromCodeSync(request.code);
  }
}

async function handle(request: WorkerRequest): Promise<void> {
  const { id } = request;
  const onProgress = (bytes: number) => scope.postMessage({ id, type: 'progress', bytes });
  switch (request.op) {
    case 'pull': {
      const reader = readers.get(id);
      if (!reader) throw new CryptoError('No such stream in the crypto worker');
      const { done, value } = await reader.read();
      if (done) {
        readers.delete(id);
        scope.postMessage({ id, type: 'end' });
      } else {
        const whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
        scope.postMessage({ id, type: 'chunk', chunk: value }, whole ? [value.buffer] : []);
      }
      return;
    }
    case 'cancel': {
      const reader = readers.get(id);
      readers.delete(id);
      await reader?.cancel();
      return;
    }
    case 'encryptFile': {
      await ready();
      const { caseId, fileId, chunkSize } = request;
      const file = encryptFile(request.contentKey, request.source, request.meta, {
        caseId,
        fileId,
        chunkSize,
        onProgress
      });
      readers.set(id, file.chunks.getReader());
      scope.postMessage({ id, type: 'result', result: { header: file.header } });
      return;
    }
    case 'decryptFile': {
      await ready();
      const { caseId, fileId } = request;
      const file = decryptFile(request.contentKey, request.header, request.source, {
        caseId,
        fileId,
        onProgress
      });
      readers.set(id, file.stream.getReader());
      scope.postMessage({
        id,
        type: 'result',
        result: { meta: file.meta, chunkSize: file.chunkSize }
      });
      return;
    }
    default: {
      scope.postMessage({ id, type: 'phase', phase: 'loading' });
      await ready();
      scope.postMessage({ id, type: 'phase', phase: 'deriving' });
      const result = derive(request);
      scope.postMessage({ id, type: 'phase', phase: 'done' });
      scope.postMessage({ id, type: 'result', result });
    }
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  handle(request).catch((error: unknown) => {
    readers.delete(request.id);
    const e = error instanceof Error ? error : new Error(String(error));
    const reason = (e as { reason?: string }).reason;
    scope.postMessage({ id: request.id, type: 'error', name: e.name, message: e.message, reason });
  });
};
