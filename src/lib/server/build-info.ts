import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_MANIFEST_PATH } from '$lib/build';

const manifestRelative = path.join('client', ...BUILD_MANIFEST_PATH.split('/').filter(Boolean));
let cached: string | null | undefined;

/**
 * The short hash of the build this server runs (the `build` field of the manifest the build wrote
 * under build/client), or null in development, where there is no build. The bundled server code
 * lives a few folders below build/, so the manifest is found by looking upwards.
 */
export function buildHash(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = path.join(dir, manifestRelative);
    if (existsSync(candidate)) {
      const build: unknown = JSON.parse(readFileSync(candidate, 'utf8')).build;
      if (typeof build === 'string' && /^[0-9a-f]{16}$/.test(build)) cached = build;
      break;
    }
    dir = path.dirname(dir);
  }
  return cached;
}
