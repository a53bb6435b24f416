/**
 * Evidence files through the real endpoint handlers and the browser's own upload and download
 * code (src/lib/client/files/): `fetch` is pointed at the handlers, so every request is the one
 * a browser sends (signed reporter requests with proof-of-work, staff session requests).
 */
import { randomUUID } from 'node:crypto';
import { isHttpError } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as crypto from '../../src/lib/crypto';
import type { ReporterKeys } from '../../src/lib/crypto';
import type { StaffSession } from '../../src/lib/server/auth/sessions';
import type { Database } from '../../src/lib/server/db';
import { seedDemo, type DemoSeed } from '../../src/lib/server/demo/seed';
import { downloadFile } from '../../src/lib/client/files/download';
import type { FileRecord } from '../../src/lib/client/files/record';
import {
  reporterTransport,
  staffTransport,
  type FileTransport
} from '../../src/lib/client/files/transport';
import { uploadFile } from '../../src/lib/client/files/upload';
import { credentials, caseFileChunks, caseFiles, cases } from '../../src/lib/server/db/schema';
import { dumpTables, encodingsOf } from '../support/dump';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { linkedEntry } from '../support/entries';

const ORIGIN = 'http://127.0.0.1:5998';
type Handler = (event: unknown) => Promise<Response>;

let testDb: TestDatabase | undefined;
let database: Database;
let seed: DemoSeed;
let signedIn: StaffSession | null = null;
/** Set by a test to cut the connection for the next N requests to chunk uploads. */
let dropChunkPuts = 0;
const realFetch = globalThis.fetch;
const logged: string[] = [];

const routes: { pattern: RegExp; names: string[]; module: string }[] = [
  ['/o/[slug]/api/case/files/[fileId]/[index]'],
  ['/o/[slug]/api/case/files'],
  ['/o/[slug]/api/case/messages'],
  ['/staff/api/cases/[caseId]/files/[fileId]/[index]'],
  ['/staff/api/cases/[caseId]/files'],
  ['/staff/api/cases/[caseId]/entries']
].map(([id]) => ({
  pattern: new RegExp(`^${id!.replace(/\[(\w+)\]/g, '([^/]+)')}$`),
  names: [...id!.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!),
  module: `../../src/routes${id}/+server.ts`
}));

/** The handlers answer as SvelteKit would: an `error()` becomes its status and JSON body. */
async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    if (request.method === 'PUT' && dropChunkPuts > 0) {
      dropChunkPuts -= 1;
      throw new TypeError('Failed to fetch');
    }
    const mod = (await import(/* @vite-ignore */ route.module)) as Record<string, Handler>;
    const handler = mod[request.method];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(route.names.map((n, i) => [n, match[i + 1]!]));
    try {
      return await handler({ request, url, params, locals: { staff: signedIn } });
    } catch (error) {
      if (isHttpError(error)) return Response.json(error.body, { status: error.status });
      throw error;
    }
  }
  return new Response(null, { status: 404 });
}

function session(key: string): StaffSession {
  const p = seed.people[key]!;
  return {
    personId: p.personId,
    organisationId: p.unitId,
    displayName: p.displayName,
    email: p.email,
    isAdmin: key === 'coordinator',
    isHost: false,
    mustEnrolTotp: false
  };
}

async function staffKeysOf(key: string) {
  const [row] = await database
    .select()
    .from(credentials)
    .where(eq(credentials.personId, seed.people[key]!.personId));
  const secrets = await crypto.derivePasswordSecrets(seed.people[key]!.password, row!.passwordSalt);
  return crypto.unwrapStaffKeys(row!.passwordWrappedKeys, secrets.keyEncryptionKey);
}

const solve = async (input: {
  path: string;
  day: string;
  binding: Uint8Array;
  difficulty: number;
}) => crypto.formatPowToken(input.difficulty, crypto.solvePow({ purpose: 'lookup', ...input }));

interface Filed {
  caseId: string;
  reporter: ReporterKeys;
  keys: crypto.CaseKeys;
  transport: FileTransport;
}

/** A case filed to the chair (the coordinator is named, so holds nothing). */
async function file(): Promise<Filed> {
  const { submitCase } = await import('../../src/lib/server/cases');
  const reporter = await crypto.deriveCaseKeys(
    crypto.parseCaseKey(crypto.generateCaseKey()),
    seed.organisationId
  );
  const keys = crypto.newCaseKeys();
  const caseId = randomUUID();
  const [chair] = await database
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, seed.people.chair!.personId));
  await submitCase(database, {
    organisationId: seed.organisationId,
    caseId,
    submissionId: randomUUID(),
    lookupHash: crypto.lookupHash(reporter.lookupToken),
    reporterSignPublicKey: reporter.sign.publicKey,
    reporterBoxPublicKey: reporter.box.publicKey,
    track: 'whistleblowing',
    reportCiphertext: crypto.encryptReport(
      keys.contentKey,
      caseId,
      { whatHappened: 'x', involved: [{ personId: seed.people.coordinator!.personId }] },
      reporter.sign,
      reporter.box.publicKey
    ),
    recipients: [
      {
        personId: seed.people.chair!.personId,
        sealedKey: crypto.sealCaseKeysFor(chair!.box as crypto.BoxPublicKey, keys, {
          includeStaffKey: true
        })
      }
    ],
    reporterSealedKey: crypto.sealCaseKeysFor(reporter.box.publicKey, keys, {
      includeStaffKey: false
    })
  });
  const transport = reporterTransport('riverside', reporter.lookupToken, reporter.sign, solve, 12);
  return { caseId, reporter, keys, transport };
}

/** The reporter's follow-up message carrying `files`, sent as the case page sends it. */
async function attachAsReporter(filed: Filed, files: FileRecord[]): Promise<Response> {
  const entryId = randomUUID();
  const ciphertext = await linkedEntry(database, {
    caseId: filed.caseId,
    entryId,
    senderRole: 'reporter',
    kind: 'message',
    key: filed.keys.contentKey,
    body: { text: 'Photos attached', files },
    signer: filed.reporter.sign
  });
  const body = JSON.stringify({
    lookupToken: crypto.toBase64(filed.reporter.lookupToken),
    entryId,
    epoch: 0,
    ciphertext: crypto.toBase64(ciphertext),
    fileIds: files.map((f) => f.id)
  });
  const path = '/o/riverside/api/case/messages';
  const day = new Date().toISOString().slice(0, 10);
  return realFetchless(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-candour-day': day,
      'x-candour-signature': crypto.signRequest(filed.reporter.sign, {
        method: 'POST',
        path,
        body: crypto.utf8(body),
        day
      }),
      'x-candour-pow': await solve({
        path,
        day,
        binding: crypto.lookupHash(filed.reporter.lookupToken),
        difficulty: 12
      })
    },
    body
  });
}

function realFetchless(path: string, init: RequestInit): Promise<Response> {
  return dispatch(new Request(`${ORIGIN}${path}`, init));
}

function bytesWith(marker: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + 7) & 0xff;
  out.set(crypto.utf8(marker), Math.floor(size / 2));
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const blob = (b: Uint8Array) => new Blob([b as Uint8Array<ArrayBuffer>]);

beforeAll(async () => {
  await crypto.ready();
  if (process.env.TEST_DATABASE_URL) {
    testDb = await createTestDatabase('candour_files');
    process.env.DATABASE_URL = testDb.url;
    await testDb.close();
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = 'memory://';
  }
  process.env.ORIGIN = ORIGIN;
  process.env.CANDOUR_FILE_LIMIT_MB = '4';
  process.env.CANDOUR_CASE_FILES_LIMIT_MB = '7';
  const runtime = await import('../../src/lib/server/runtime');
  database = await runtime.db();
  seed = (await seedDemo(database, { password: (p) => `files-${p.key}-password` }))!;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    dispatch(new Request(new URL(String(input), ORIGIN), init))) as typeof fetch;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
}, 180_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  const runtime = await import('../../src/lib/server/runtime');
  await (await runtime.startRuntime()).database.close();
  if (testDb) {
    const postgres = (await import('postgres')).default;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(
      `drop database if exists ${new URL(testDb.url!).pathname.slice(1)} with (force)`
    );
    await admin.end();
  }
});

describe(`evidence files (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('uploads as the reporter, resumes after a dropped connection, and the chair reads it back byte for byte; name and contents are nowhere on the server', async () => {
    const filed = await file();
    const name = 'canary-rota-photo-7Q2.jpg';
    const marker = 'MARKER-inside-the-file-4471';
    const bytes = bytesWith(marker, 2 * crypto.FILE_CHUNK_BYTES + 4321);
    const progress: number[] = [];
    let waited = false;
    dropChunkPuts = 2; // the first chunk's first two sends never arrive
    const record = await uploadFile({
      blob: blob(bytes),
      name,
      type: 'image/jpeg',
      caseId: filed.caseId,
      transport: filed.transport,
      retryDelay: 5,
      onProgress: (p) => {
        if (p.state === 'waiting') waited = true;
        else progress.push(p.done);
      }
    });
    expect(waited).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(record.size).toBe(bytes.length);
    // Not attached yet: the chair cannot read it, the reporter who sent it can.
    signedIn = session('chair');
    await expect(
      downloadFile({ record, caseId: filed.caseId, transport: staffTransport(filed.caseId) })
    ).rejects.toMatchObject({ status: 404 });
    expect((await attachAsReporter(filed, [record])).status).toBe(201);

    const chairCopy = await downloadFile({
      record,
      caseId: filed.caseId,
      transport: staffTransport(filed.caseId)
    });
    expect(sameBytes(new Uint8Array(await chairCopy.arrayBuffer()), bytes)).toBe(true);
    const reporterCopy = await downloadFile({
      record,
      caseId: filed.caseId,
      transport: filed.transport
    });
    expect(sameBytes(new Uint8Array(await reporterCopy.arrayBuffer()), bytes)).toBe(true);

    const [row] = await database.select().from(caseFiles).where(eq(caseFiles.id, record.id));
    expect(row!.paddedSize).toBe(crypto.paddedFileSize(bytes.length));
    expect(row!.paddedSize).not.toBe(bytes.length);
    const dump = await dumpTables(async (q) => {
      const result = await database.execute(sql.raw(q));
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
        string,
        unknown
      >[];
    });
    expect(dump).toContain('case_file_chunks:');
    const log = logged.join('');
    for (const secret of [name, marker, ...encodingsOf(crypto.utf8(marker))]) {
      expect(dump).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
  }, 120_000);

  it('answers 404 to a named person, even an admin, and to anyone for chunks of a case they do not hold', async () => {
    const filed = await file();
    const record = await uploadFile({
      blob: blob(bytesWith('x', 1000)),
      name: 'a.txt',
      type: 'text/plain',
      caseId: filed.caseId,
      transport: filed.transport
    });
    expect((await attachAsReporter(filed, [record])).status).toBe(201);
    signedIn = session('coordinator');
    const named = staffTransport(filed.caseId);
    await expect(named.get(record.id, 0)).rejects.toMatchObject({ status: 404 });
    await expect(named.start(randomUUID(), 65536)).rejects.toMatchObject({ status: 404 });
    await expect(named.put(record.id, 0, new Uint8Array(65553))).rejects.toMatchObject({
      status: 404
    });
    // Another case's reporter is a stranger too.
    const other = await file();
    await expect(other.transport.get(record.id, 0)).rejects.toMatchObject({ status: 404 });
  }, 120_000);

  it("keeps an internal note's files from the reporter", async () => {
    const filed = await file();
    signedIn = session('chair');
    const chair = await staffKeysOf('chair');
    const transport = staffTransport(filed.caseId);
    const record = await uploadFile({
      blob: blob(bytesWith('note', 3000)),
      name: 'minutes.pdf',
      type: 'application/pdf',
      caseId: filed.caseId,
      transport
    });
    const entryId = randomUUID();
    const ciphertext = await linkedEntry(database, {
      caseId: filed.caseId,
      entryId,
      senderRole: 'staff',
      kind: 'note',
      key: filed.keys.staffKey!,
      body: { text: 'minutes', files: [record] },
      signer: chair.sign
    });
    const response = await realFetchless(`/staff/api/cases/${filed.caseId}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entryId,
        purpose: 'note',
        epoch: 0,
        ciphertext: crypto.toBase64(ciphertext),
        fileIds: [record.id]
      })
    });
    expect(response.status).toBe(201);
    expect((await transport.get(record.id, 0)).length).toBe(65536 + 17);
    await expect(filed.transport.get(record.id, 0)).rejects.toMatchObject({ status: 404 });
  }, 120_000);

  it('refuses a file or a case over its limit, a chunk of the wrong length, and an entry with an unfinished file', async () => {
    const filed = await file();
    // 4 MB a file, 7 MB a case (set above).
    await expect(
      filed.transport.start(randomUUID(), crypto.paddedFileSize(5 * 1000 * 1000))
    ).rejects.toMatchObject({ status: 413 });
    await filed.transport.start(randomUUID(), crypto.paddedFileSize(3_900_000));
    await expect(
      filed.transport.start(randomUUID(), crypto.paddedFileSize(3_900_000))
    ).rejects.toMatchObject({ status: 413, code: 'too_large' });
    await expect(filed.transport.start(randomUUID(), 1234)).rejects.toMatchObject({
      status: 400
    });
    const small = await file();
    const fileId = randomUUID();
    await small.transport.start(fileId, 65536);
    await expect(small.transport.put(fileId, 0, new Uint8Array(100))).rejects.toMatchObject({
      status: 400
    });
    await expect(small.transport.put(fileId, 1, new Uint8Array(65553))).rejects.toMatchObject({
      status: 400
    });
    const unfinished: FileRecord = {
      id: fileId,
      name: 'x',
      type: 'x',
      size: 1,
      key: 'AA',
      header: 'AA',
      hash: 'AA'
    };
    expect((await attachAsReporter(small, [unfinished])).status).toBe(400);
  }, 120_000);

  it('stores a chunk sent again, or twice at once, exactly once and byte for byte', async () => {
    const filed = await file();
    const fileId = randomUUID();
    const padded = crypto.paddedFileSize(3 * crypto.FILE_CHUNK_BYTES);
    await filed.transport.start(fileId, padded);
    const chunkOf = (index: number) =>
      new Uint8Array(crypto.fileStoredChunkBytes(padded, index)).map(
        (_, i) => (i * 13 + index) & 0xff
      );
    await filed.transport.put(fileId, 0, chunkOf(0));
    await filed.transport.put(fileId, 0, chunkOf(0));
    await Promise.all([
      filed.transport.put(fileId, 1, chunkOf(1)),
      filed.transport.put(fileId, 1, chunkOf(1))
    ]);
    const rows = await database
      .select({ index: caseFileChunks.index, data: caseFileChunks.data })
      .from(caseFileChunks)
      .where(eq(caseFileChunks.fileId, fileId))
      .orderBy(caseFileChunks.index);
    expect(rows.map((r) => r.index)).toEqual([0, 1]);
    for (const row of rows) {
      expect(Buffer.from(row.data).equals(Buffer.from(chunkOf(row.index)))).toBe(true);
    }
    expect((await filed.transport.start(fileId, padded)).stored).toEqual([0, 1]);
  }, 120_000);

  it('removes uploads abandoned for a day, and every chunk with its case', async () => {
    const { removeAbandonedUploads } = await import('../../src/lib/server/cases');
    const filed = await file();
    const record = await uploadFile({
      blob: blob(bytesWith('y', 2000)),
      name: 'y',
      type: 'y',
      caseId: filed.caseId,
      transport: filed.transport
    });
    const abandoned = await uploadFile({
      blob: blob(bytesWith('z', 2000)),
      name: 'z',
      type: 'z',
      caseId: filed.caseId,
      transport: filed.transport
    });
    expect((await attachAsReporter(filed, [record])).status).toBe(201);
    expect(await removeAbandonedUploads(database)).toBe(0);
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    expect(await removeAbandonedUploads(database, inTwoDays)).toBeGreaterThanOrEqual(1);
    const left = await database.select().from(caseFiles).where(eq(caseFiles.caseId, filed.caseId));
    expect(left.map((f) => f.id)).toEqual([record.id]);
    expect(abandoned.id).not.toBe(record.id);
    await database.delete(cases).where(eq(cases.id, filed.caseId));
    const chunks = await database
      .select({ n: sql<number>`count(*)::int` })
      .from(caseFileChunks)
      .where(eq(caseFileChunks.caseId, filed.caseId));
    expect(chunks[0]!.n).toBe(0);
  }, 120_000);

  it('stops a download whose stored chunk was altered, with a plain message', async () => {
    const filed = await file();
    const record = await uploadFile({
      blob: blob(bytesWith('w', 5000)),
      name: 'w',
      type: 'w',
      caseId: filed.caseId,
      transport: filed.transport
    });
    await attachAsReporter(filed, [record]);
    await database.execute(
      sql`update case_file_chunks set data = overlay(data placing '\\x00'::bytea from 40 for 1) where file_id = ${record.id}`
    );
    await expect(
      downloadFile({ record, caseId: filed.caseId, transport: filed.transport })
    ).rejects.toThrow(/changed, swapped or damaged/);
  }, 120_000);
});
