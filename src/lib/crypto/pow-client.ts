// The browser-facing proof-of-work solver: a module worker with progress where `Worker` exists,
// in-thread otherwise (Node, tests, or a worker that fails to start).
import { ready } from './sodium';
import { solvePow, type PowChallenge } from './pow';

export async function solvePowInWorker(
  challenge: PowChallenge,
  onProgress?: (share: number) => void
): Promise<Uint8Array> {
  if (typeof Worker !== 'undefined') {
    try {
      return await new Promise<Uint8Array>((resolve, reject) => {
        const worker = new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<{ progress?: number; nonce?: Uint8Array }>) => {
          if (event.data.nonce) {
            worker.terminate();
            resolve(event.data.nonce);
          } else if (event.data.progress !== undefined) onProgress?.(event.data.progress);
        };
        worker.onerror = (error) => {
          worker.terminate();
          reject(error);
        };
        worker.postMessage(challenge);
      });
    } catch {
      // Fall through to the same work in this thread.
    }
  }
  await ready();
  return solvePow(challenge, onProgress);
}
