// Compares what a running Candour serves with a local build of the same commit. Every file is
// fetched and hashed here: the manifest the server publishes only says which files to fetch
// (and is itself compared with the local one), it is never trusted for a hash.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BUILD_MANIFEST_PATH, buildManifest, sha256Hex } from './build-manifest.js';
import { checkPage, type CspDirectives } from './page-check';

const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_MANIFEST_FILES = 10_000;
const PARALLEL_FETCHES = 6;

const servedManifestSchema = z.object({
  format: z.literal('candour-build/1'),
  build: z.string().regex(/^[0-9a-f]{16}$/),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  version: z.string().max(200),
  files: z
    .record(z.string().regex(/^\/[^?#\s]{1,500}$/), z.string().regex(/^[0-9a-f]{64}$/))
    .refine((files) => Object.keys(files).length <= MAX_MANIFEST_FILES, 'too many files')
});

export interface SiteCheckOptions {
  /** The running Candour's origin, e.g. https://candour.example.org */
  url: string;
  /** The local build directory (the one holding client/). */
  buildDir: string;
  /** The build's `kit.csp.directives`. */
  csp: CspDirectives;
  /** Page paths to check besides `/`. */
  pages?: string[];
  fetchImpl?: typeof fetch;
}

export interface SiteCheckResult {
  ok: boolean;
  build: string;
  filesChecked: number;
  pagesChecked: number;
  problems: string[];
}

async function fetchBytes(
  fetchImpl: typeof fetch,
  url: URL
): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const response = await fetchImpl(url, {
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
    headers: { 'accept-encoding': 'identity' }
  });
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FILE_BYTES) {
    await response.body?.cancel();
    throw new Error(`${url.pathname} is larger than ${MAX_FILE_BYTES} bytes`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new Error(`${url.pathname} is larger than ${MAX_FILE_BYTES} bytes`);
  }
  return { status: response.status, bytes, headers: response.headers };
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(workers);
}

export async function checkSite(options: SiteCheckOptions): Promise<SiteCheckResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const origin = new URL(options.url);
  const clientDir = path.join(options.buildDir, 'client');
  if (!existsSync(clientDir)) {
    throw new Error(
      `No local build at ${clientDir}: run \`npm run build\` on the same commit first.`
    );
  }
  // Recomputed from the files, so a stale or edited local manifest cannot mislead.
  const local = buildManifest(clientDir, '');
  const problems: string[] = [];

  const manifestUrl = new URL(BUILD_MANIFEST_PATH, origin);
  const manifestResponse = await fetchBytes(fetchImpl, manifestUrl).catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new Error(`cannot reach ${manifestUrl}${cause ? `: ${cause}` : ''}`);
  });
  let servedFiles: Record<string, string> | null = null;
  if (manifestResponse.status !== 200) {
    problems.push(`${BUILD_MANIFEST_PATH}: HTTP ${manifestResponse.status}`);
  } else {
    let json: unknown = null;
    try {
      json = JSON.parse(new TextDecoder().decode(manifestResponse.bytes));
    } catch {
      // reported below
    }
    const parsed = servedManifestSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(`${BUILD_MANIFEST_PATH}: not a Candour build manifest`);
    } else {
      servedFiles = parsed.data.files;
      if (parsed.data.build !== local.build) {
        problems.push(
          `${BUILD_MANIFEST_PATH}: the server names build ${parsed.data.build}, the local build is ${local.build}`
        );
      }
    }
  }

  for (const file of Object.keys(servedFiles ?? {}).sort()) {
    if (!(file in local.files)) problems.push(`${file}: served, but not part of the local build`);
  }
  const toFetch = Object.keys(local.files);
  await inParallel(toFetch, PARALLEL_FETCHES, async (file) => {
    const expected = local.files[file];
    try {
      const { status, bytes } = await fetchBytes(fetchImpl, new URL(file, origin));
      if (status !== 200) problems.push(`${file}: HTTP ${status}`);
      else if (sha256Hex(bytes) !== expected) {
        problems.push(
          `${file}: served bytes differ from the local build (SHA-256 ${sha256Hex(bytes)})`
        );
      } else if (servedFiles && servedFiles[file] === undefined) {
        problems.push(`${file}: missing from the server's manifest`);
      } else if (servedFiles && servedFiles[file] !== expected) {
        problems.push(`${file}: the server's manifest gives a different hash`);
      }
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const buildPaths = new Set(Object.keys(local.files));
  const pages = ['/', ...(options.pages ?? [])];
  for (const page of pages) {
    const pageUrl = new URL(page, origin);
    const { status, bytes, headers } = await fetchBytes(fetchImpl, pageUrl);
    if (status !== 200) {
      const location = headers.get('location');
      problems.push(`page ${page}: HTTP ${status}${location ? ` to ${location}` : ''}`);
      continue;
    }
    const html = new TextDecoder().decode(bytes);
    const findings = checkPage(
      pageUrl,
      html,
      headers.get('content-security-policy'),
      options.csp,
      buildPaths
    );
    problems.push(...findings.problems.map((problem) => `page ${page}: ${problem}`));
    if (!html.includes(`<code>${local.build}</code>`)) {
      problems.push(`page ${page}: the footer does not show build ${local.build}`);
    }
  }

  return {
    ok: problems.length === 0,
    build: local.build,
    filesChecked: toFetch.length,
    pagesChecked: pages.length,
    problems: problems.sort()
  };
}
