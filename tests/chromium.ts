// The one place that finds the Chromium every browser test and bench launches:
// CHROMIUM_PATH if set, else a system Chromium, else the Chromium carried inside the
// @sparticuz/chromium dev dependency (unpacked once under node_modules/.cache; nothing is
// downloaded). `npx tsx tests/chromium.ts` prints which one runs, and its version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for every launch. The registry build's serverless flags (single process, no zygote,
 *  web security off) are left out: Web Workers, WebAssembly and downloads work without them. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'registry';

export interface Chromium {
  source: ChromiumSource;
  executablePath: string;
  args: string[];
  /** The environment to launch it with (the registry build brings its own NSS libraries). */
  env: Record<string, string>;
}

export interface ChooseOptions {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
}

/** Which Chromium to use, without touching the disk beyond `exists`. `CANDOUR_NO_SYSTEM_CHROMIUM=1`
 *  ignores an installed system Chromium, to check the registry fallback on a machine that has one. */
export function chooseChromium({ env, exists }: ChooseOptions): ChromiumSource {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist.`);
    }
    return 'CHROMIUM_PATH';
  }
  if (env.CANDOUR_NO_SYSTEM_CHROMIUM !== '1' && SYSTEM_CHROMIUM.some(exists)) return 'system';
  return 'registry';
}

function processEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
}

const REGISTRY_PACKAGE = '@sparticuz/chromium';

/** Unpacks the registry Chromium once per package version; a half-finished unpack is never used. */
function unpackRegistryChromium(): { executablePath: string; libDir: string; fontDir: string } {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(REGISTRY_PACKAGE);
  } catch {
    throw new Error(
      `No browser for the tests: no CHROMIUM_PATH, no system Chromium (${SYSTEM_CHROMIUM.join(', ')}) ` +
        `and ${REGISTRY_PACKAGE} is not installed (run npm ci).`
    );
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${REGISTRY_PACKAGE} carries a Chromium for Linux x64 only; on ${process.platform}/${process.arch} ` +
        'install Chromium and set CHROMIUM_PATH to its binary.'
    );
  }
  const packageRoot = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const bin = path.join(packageRoot, 'bin');
  const dir = path.join(process.cwd(), 'node_modules', '.cache', 'candour-chromium', version);
  const result = {
    executablePath: path.join(dir, 'chromium'),
    libDir: path.join(dir, 'lib'),
    fontDir: path.join(dir, 'fonts')
  };
  if (existsSync(result.executablePath)) return result;

  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const unbrotli = (file: string) => brotliDecompressSync(readFileSync(path.join(bin, file)));
  writeFileSync(path.join(partial, 'chromium'), unbrotli('chromium.br'), { mode: 0o755 });
  // NSS, NSPR and expat, which a machine without a desktop browser may lack.
  execFileSync('tar', ['-x', '-C', partial], { input: unbrotli('al2023.tar.br') });
  const fonts = path.join(partial, 'fonts');
  mkdirSync(fonts);
  execFileSync('tar', ['-x', '-C', fonts], { input: unbrotli('fonts.tar.br') });
  writeFileSync(
    path.join(fonts, 'fonts.conf'),
    `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${result.fontDir}</dir>\n  <cachedir>${result.fontDir}/cache</cachedir>\n</fontconfig>\n`
  );
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another process finished the same unpack first: use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(result.executablePath)) throw error;
  }
  return result;
}

let found: Chromium | undefined;

/** The Chromium for this run; says once per test run which one it is. */
export function findChromium(): Chromium {
  if (found) return found;
  const env = processEnv();
  const source = chooseChromium({ env: process.env, exists: existsSync });
  if (source === 'CHROMIUM_PATH') {
    found = { source, executablePath: env.CHROMIUM_PATH!, args: CHROMIUM_ARGS, env };
  } else if (source === 'system') {
    found = { source, executablePath: SYSTEM_CHROMIUM.find(existsSync)!, args: CHROMIUM_ARGS, env };
  } else {
    const unpacked = unpackRegistryChromium();
    const libs = [unpacked.libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    found = {
      source,
      executablePath: unpacked.executablePath,
      args: CHROMIUM_ARGS,
      env: { ...env, LD_LIBRARY_PATH: libs, FONTCONFIG_PATH: unpacked.fontDir }
    };
  }
  if (process.env.CANDOUR_CHROMIUM_ANNOUNCED !== found.executablePath) {
    // Config files load again in worker processes, which inherit this and stay quiet.
    process.env.CANDOUR_CHROMIUM_ANNOUNCED = found.executablePath;
    console.error(`Browser tests use ${describeChromium(found)}`);
  }
  return found;
}

/** "Chromium 153.0.8010.0 (registry: …/chromium)". */
export function describeChromium(chromium: Chromium): string {
  let version = 'version unknown';
  try {
    version = execFileSync(chromium.executablePath, ['--version'], {
      env: chromium.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000
    }).trim();
  } catch {
    // The launch itself reports a browser that cannot run.
  }
  return `${version} (${chromium.source}: ${chromium.executablePath})`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('tests/chromium.ts')) {
  delete process.env.CANDOUR_CHROMIUM_ANNOUNCED;
  findChromium();
}
