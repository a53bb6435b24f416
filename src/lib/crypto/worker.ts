// Module Web Worker: Argon2id derivations run here so the page never freezes. Loaded with
// `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
import { deriveCaseKeysSync } from './case-key';
import { ready } from './sodium';
import {
  derivePasswordSecretsSync,
  recoveryKeyFromCodeSync,
  recoverySecretsFromCodeSync
} from './staff';
import type { DerivationRequest, WorkerResponse } from './worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DerivationRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

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

async function handle(request: DerivationRequest): Promise<void> {
  const { id } = request;
  scope.postMessage({ id, type: 'phase', phase: 'loading' });
  await ready();
  scope.postMessage({ id, type: 'phase', phase: 'deriving' });
  const result = derive(request);
  scope.postMessage({ id, type: 'phase', phase: 'done' });
  scope.postMessage({ id, type: 'result', result });
}

scope.onmessage = (event) => {
  const request = event.data;
  handle(request).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    const reason = (e as { reason?: string }).reason;
    scope.postMessage({ id: request.id, type: 'error', name: e.name, message: e.message, reason });
  });
};
