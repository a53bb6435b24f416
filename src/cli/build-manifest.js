// What a Candour build is, in hashes: used by svelte.config.js while building and by
// `npm run verify-site` while checking a running server. Plain JavaScript so that the SvelteKit
// config can import it without a TypeScript loader. docs/PROTOCOL.md §9 describes the scheme.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_MANIFEST_PATH } from '../lib/build.js';

export { BUILD_MANIFEST_PATH };
export const BUILD_MANIFEST_FORMAT = 'candour-build/1';

/** The sources a build is made from, relative to the project root. */
const SOURCE_DIRS = ['src', 'static'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'svelte.config.js',
  'vite.config.ts',
  'tsconfig.json'
];

/** @param {Uint8Array | string} bytes */
export function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Every regular file under `dir`, as `/`-separated paths relative to it, in code-unit order.
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} relative */
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort(compareCodeUnits);
}

/** @param {string} a @param {string} b */
function compareCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The hash that names a set of files: SHA-256 over `sha256sum`-style lines
 * (`<hex>  <path>\n`, sorted by path), so it can be recomputed with standard tools.
 * @param {Record<string, string>} files path → SHA-256 hex
 */
export function digestOf(files) {
  const lines = Object.keys(files)
    .sort(compareCodeUnits)
    .map((file) => `${files[file]}  ${file}\n`)
    .join('');
  return sha256Hex(lines);
}

/** The short form shown in every page's footer: 16 hex digits (64 bits) of the digest. */
export function shortBuildHash(/** @type {string} */ digest) {
  return digest.slice(0, 16);
}

/**
 * Hashes every file a Candour server serves from `clientDir` (its `build/client`), keyed by the
 * URL path it is served at. The manifest file itself is left out: it describes the others.
 * @param {string} clientDir
 * @returns {Record<string, string>}
 */
export function hashClientFiles(clientDir) {
  /** @type {Record<string, string>} */
  const files = {};
  for (const file of listFiles(clientDir)) {
    const urlPath = `/${file}`;
    if (urlPath === BUILD_MANIFEST_PATH) continue;
    files[urlPath] = sha256Hex(readFileSync(path.join(clientDir, file)));
  }
  return files;
}

/**
 * @typedef {{ format: string, build: string, digest: string, version: string, files: Record<string, string> }} BuildManifest
 */

/**
 * @param {string} clientDir
 * @param {string} version SvelteKit's `kit.version.name` for this build
 * @returns {BuildManifest}
 */
export function buildManifest(clientDir, version) {
  const files = hashClientFiles(clientDir);
  const digest = digestOf(files);
  return { format: BUILD_MANIFEST_FORMAT, build: shortBuildHash(digest), digest, version, files };
}

/**
 * A deterministic `kit.version.name`: a hash of the sources the build is made from. SvelteKit's
 * default is the build's timestamp, which it writes into `_app/version.json` and every entry
 * chunk, so two builds of one commit would differ. A source hash changes exactly when a release
 * can behave differently, which is what the version is for (telling a browser to reload).
 * @param {string} root the project root
 */
export function sourceVersion(root) {
  /** @type {Record<string, string>} */
  const files = {};
  for (const dir of SOURCE_DIRS) {
    const absolute = path.join(root, dir);
    if (!existsSync(absolute)) continue;
    for (const file of listFiles(absolute)) {
      files[`${dir}/${file}`] = sha256Hex(readFileSync(path.join(absolute, file)));
    }
  }
  for (const file of SOURCE_FILES) {
    const absolute = path.join(root, file);
    if (existsSync(absolute) && statSync(absolute).isFile()) {
      files[file] = sha256Hex(readFileSync(absolute));
    }
  }
  return digestOf(files).slice(0, 16);
}

/**
 * Wraps an adapter so that, once it has written `<out>/client`, the build's manifest is written
 * where the server publishes it (`<out>/client/.well-known/candour-build.json`).
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @param {{ out: string }} options the adapter's output directory
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withBuildManifest(adapter, { out }) {
  return {
    ...adapter,
    async adapt(builder) {
      await adapter.adapt(builder);
      const clientDir = path.join(out, 'client');
      const manifest = buildManifest(clientDir, builder.config.kit.version.name);
      const target = path.join(clientDir, ...BUILD_MANIFEST_PATH.split('/').filter(Boolean));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `${JSON.stringify(manifest, null, 2)}\n`);
      builder.log.minor(
        `Candour build ${manifest.build} (${Object.keys(manifest.files).length} files)`
      );
    }
  };
}
