// The Web Worker API over node:worker_threads, for benches that run the browser's own worker
// code (src/lib/crypto/file-worker.ts) in Node: `globalThis.Worker` for the page's side, and in
// the thread a `postMessage`/`onmessage` global scope as a module worker has.
import { Worker as ThreadWorker, isMainThread, parentPort, workerData } from 'node:worker_threads';

class NodeWebWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { preventDefault(): void; message: string }) => void) | null = null;
  private readonly thread: ThreadWorker;

  constructor(url: URL | string) {
    // The thread registers tsx first, so that it loads TypeScript as the bench does.
    const start = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    this.thread = new ThreadWorker(start, { eval: true, workerData: { script: String(url) } });
    this.thread.on('message', (data) => this.onmessage?.({ data }));
    this.thread.on('error', (error) =>
      this.onerror?.({ preventDefault() {}, message: String(error) })
    );
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.thread.postMessage(message, transfer as never);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

/** Makes `new Worker(url, { type: 'module' })` start a worker thread running that module. */
export function installWebWorker(): void {
  (globalThis as { Worker?: unknown }).Worker = NodeWebWorker;
}

if (!isMainThread && parentPort && (workerData as { script?: string })?.script) {
  const port = parentPort;
  const scope = globalThis as unknown as {
    onmessage: ((event: { data: unknown }) => void) | null;
    postMessage(message: unknown, transfer?: Transferable[]): void;
  };
  scope.onmessage = null;
  scope.postMessage = (message, transfer = []) => port.postMessage(message, transfer as never);
  await import((workerData as { script: string }).script);
  // Messages wait on the port until the worker's module has set its handler.
  port.on('message', (data) => scope.onmessage?.({ data }));
}
