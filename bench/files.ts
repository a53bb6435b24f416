// Evidence files: a 50 MB file encrypted and uploaded by the browser's own code
// (src/lib/client/files/upload.ts, reporter's signed chunk requests) to the built server, as
// `npm start` runs it, on PostgreSQL; beside raw secretstream encryption of the same bytes in the
// same run. The client encrypts in the file worker, as a browser does (a worker thread here:
// bench/web-worker.ts), and digests, signs and sends on its main thread; client, server and
// PostgreSQL share the machine's cores. And the server's memory while it receives the file: sampled from /proc every 20 ms,
// peak above the idle level before the upload.
import { spawnSync } from 'node:child_process';
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import {
  encryptBlob,
  FILE_CHUNK_BYTES,
  formatPowToken,
  ready,
  solvePow
} from '../src/lib/crypto/index';
import { lib } from '../src/lib/crypto/sodium';
import { reporterTransport } from '../src/lib/client/files/transport';
import { CHUNKS_IN_FLIGHT, uploadFile } from '../src/lib/client/files/upload';
import { startCandour } from '../tests/e2e/server.js';
import { startUpload, storeChunk } from '../src/lib/server/cases/index';
import { seededDatabase, type SeededDatabase } from '../tests/support/load-server';
import { prepareCase, reporterKeys, submit } from '../tests/support/reporter-client';
import { pairedMibPerSecond, round, type Bench, type Figure } from './harness';
import { freePort } from './ports';
import { installWebWorker } from './web-worker';

const FILE_BYTES = 50 * 1000 * 1000;
const MiB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

async function reachable(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

/** Raw secretstream over the same bytes and chunk size: init, push each chunk, nothing else. */
function rawSecretstream(bytes: Uint8Array): void {
  const s = lib();
  const key = s.crypto_secretstream_xchacha20poly1305_keygen();
  const { state } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  for (let off = 0; off < bytes.length; off += FILE_CHUNK_BYTES) {
    const last = off + FILE_CHUNK_BYTES >= bytes.length;
    s.crypto_secretstream_xchacha20poly1305_push(
      state,
      bytes.subarray(off, off + FILE_CHUNK_BYTES),
      null,
      last
        ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
    );
  }
}

/**
 * The database's part of an upload alone: the 50 chunks of a file of the bench's size stored
 * through `storeChunk`, CHUNKS_IN_FLIGHT at a time as the browser sends them, next to postgres.js
 * inserting the same rows as a plain parameterised INSERT would (the bytes as hex text). In
 * alternating rounds, each into a new pending upload. MiB/s of file.
 */
async function storeOnly(
  database: SeededDatabase,
  caseId: string,
  chunks: Uint8Array[],
  paddedSize: number
): Promise<{ a: number; b: number }> {
  const opened = await database.open();
  const client = postgres(database.databaseUrl!, { max: CHUNKS_IN_FLIGHT, onnotice: () => {} });
  const inFlight = async (one: (index: number) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CHUNKS_IN_FLIGHT }, async () => {
        while (next < chunks.length) await one(next++);
      })
    );
  };
  const newUpload = async () => {
    const fileId = randomUUID();
    await startUpload(opened.db, { caseId, fileId, paddedSize, actor: { kind: 'reporter' } });
    return fileId;
  };
  try {
    return await pairedMibPerSecond(
      FILE_BYTES,
      async () => {
        const fileId = await newUpload();
        await inFlight((index) =>
          storeChunk(opened.db, {
            caseId,
            fileId,
            index,
            data: chunks[index]!,
            actor: { kind: 'reporter' }
          })
        );
      },
      async () => {
        const fileId = await newUpload();
        await inFlight(
          (index) =>
            client`insert into case_file_chunks (file_id, case_id, index, data)
              values (${fileId}, ${caseId}, ${index}, ${Buffer.from(chunks[index]!)})
              on conflict do nothing`
        );
      },
      3
    );
  } finally {
    await client.end();
    await opened.close();
  }
}

/** The file worker's part of the upload (Blob slices, padding, the file's AD), nothing sent. */
async function encryptOnly(blob: Blob): Promise<void> {
  const job = await encryptBlob(blob, { caseId: 'bench', fileId: 'bench' });
  for (let i = 0; i < job.chunkCount; i++) await job.next();
  await job.finish();
}

async function upload(): Promise<Figure[]> {
  await ready();
  // The upload encrypts in the file worker, as a browser does (a worker thread here).
  installWebWorker();
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await reachable(adminUrl))) {
    process.stderr.write('upload: skipped, no PostgreSQL reachable (set BENCH_DATABASE_URL)\n');
    return [];
  }
  if (!existsSync('build/index.js')) {
    const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit']
    });
    if (built.status !== 0) throw new Error('upload: vite build failed');
  }
  const database = await seededDatabase(adminUrl);
  const port = await freePort();
  const server = await startCandour({
    port,
    logPath: path.join(tmpdir(), `candour-bench-upload-${port}.log`),
    args: ['src/cli/start.js'],
    databaseUrl: database.databaseUrl,
    env: { WORKERS: '1' }
  });
  const realFetch = globalThis.fetch;
  // The client code asks for paths, as a page does; point them at this server.
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(
      typeof input === 'string' && input.startsWith('/') ? `${server.url}${input}` : input,
      init
    )) as typeof fetch;
  try {
    const keys = await reporterKeys(database.organisationId, false);
    const filed = prepareCase(database.slug, keys, database.recipients);
    const answer = await submit(server.url, filed);
    if (answer.status !== 201) throw new Error(`upload: filing failed (${answer.status})`);
    const transport = reporterTransport(
      database.slug,
      keys.lookupToken,
      keys.sign,
      async (input) => formatPowToken(input.difficulty, solvePow({ purpose: 'lookup', ...input })),
      12
    );
    const bytes = new Uint8Array(nodeRandomBytes(FILE_BYTES));
    const blob = new Blob([bytes]);
    // Flat memory shows as the same peak in the second half of the file as in the first.
    let secondHalf = false;
    const send = () =>
      uploadFile({
        blob,
        name: 'bench.bin',
        type: 'application/octet-stream',
        caseId: filed.caseId,
        transport,
        onProgress: (p) => (secondHalf = p.done >= p.total / 2)
      });
    // Warm the server's code paths with a small file first; then idle.
    await uploadFile({
      blob: new Blob([bytes.subarray(0, 2 * FILE_CHUNK_BYTES)]),
      name: 'warm.bin',
      type: 'application/octet-stream',
      caseId: filed.caseId,
      transport
    });
    await new Promise((r) => setTimeout(r, 1500));
    const idle = rssOf(server.pid);
    let peak = idle;
    const halves = [idle, idle];
    const sampler = setInterval(() => {
      const rss = rssOf(server.pid);
      peak = Math.max(peak, rss);
      halves[secondHalf ? 1 : 0] = Math.max(halves[secondHalf ? 1 : 0]!, rss);
    }, 20);
    const start = performance.now();
    await send();
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid));
    const speeds = await pairedMibPerSecond(
      FILE_BYTES,
      () => encryptOnly(blob),
      () => rawSecretstream(bytes),
      5
    );
    const [encrypt, raw] = [speeds.a, speeds.b];
    const job = await encryptBlob(blob, { caseId: filed.caseId, fileId: randomUUID() });
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < job.chunkCount; i++) chunks.push(await job.next());
    const stored = await storeOnly(database, filed.caseId, chunks, job.paddedSize);
    const params = {
      fileMB: FILE_BYTES / 1e6,
      chunkBytes: FILE_CHUNK_BYTES,
      database: 'postgresql',
      workers: 1
    };
    return [
      {
        // The wrapper alone, as the file worker runs it while the page digests and sends.
        figure: 'encrypt a file for upload (format 3)',
        unit: 'MiB/s',
        candour: round(encrypt),
        raw: round(raw),
        params
      },
      {
        figure: 'encrypt and upload a file',
        unit: 'MiB/s',
        candour: round(FILE_BYTES / MiB / seconds),
        raw: round(raw),
        params: { ...params, chunksInFlight: CHUNKS_IN_FLIGHT }
      },
      {
        // The ceiling the database sets, and what binary COPY gains over hex parameters.
        figure: 'store an upload’s chunks in PostgreSQL (no HTTP)',
        unit: 'MiB/s',
        candour: round(stored.a),
        raw: round(stored.b),
        params: { ...params, chunksInFlight: CHUNKS_IN_FLIGHT, raw: 'postgres.js INSERT (hex)' }
      },
      {
        figure: 'server memory above idle while receiving the upload',
        unit: 'MB',
        candour: round((peak - idle) / 1e6),
        // What holding the whole file would take at the least.
        raw: FILE_BYTES / 1e6,
        params: {
          ...params,
          idleMB: round(idle / 1e6),
          peakMB: round(peak / 1e6),
          firstHalfAboveIdleMB: round((halves[0]! - idle) / 1e6),
          secondHalfAboveIdleMB: round((halves[1]! - idle) / 1e6)
        }
      }
    ];
  } finally {
    globalThis.fetch = realFetch;
    await server.stop();
    await database.drop();
  }
}

export const fileBenches: Bench[] = [{ name: 'upload', run: upload }];
