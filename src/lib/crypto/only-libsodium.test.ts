import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Candour's crypto goes through libsodium in src/lib/crypto alone: no other product module
 * hashes, encrypts or draws randomness on its own (WebCrypto, node:crypto, Math.random).
 * node:crypto's randomUUID names rows and mails; it protects nothing and is allowed.
 */
const ROOTS = ['src/lib', 'src/routes', 'src/hooks.server.ts', 'src/hooks.client.ts'];
const FORBIDDEN: [RegExp, string][] = [
  [/\bcrypto\.subtle\b/, 'WebCrypto'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bcreate(Hash|Hmac|Cipheriv|Decipheriv|Sign|Verify)\b/, 'node:crypto primitives'],
  [/\bfrom 'node:crypto'/, 'node:crypto']
];

function sources(entry: string): string[] {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return [];
  }
  if (stat.isFile()) return [entry];
  return readdirSync(entry).flatMap((name) => sources(path.join(entry, name)));
}

describe('crypto in one module', () => {
  it('leaves hashing, encryption and secret randomness to src/lib/crypto', () => {
    const files = ROOTS.flatMap(sources).filter(
      (file) =>
        /\.(ts|js|svelte)$/.test(file) &&
        !file.endsWith('.test.ts') &&
        !file.startsWith(path.join('src', 'lib', 'crypto') + path.sep)
    );
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const [pattern, what] of FORBIDDEN) {
          if (!pattern.test(line)) continue;
          if (what === 'node:crypto' && /^import \{ randomUUID \} from 'node:crypto';$/.test(line))
            continue;
          found.push(`${file}:${i + 1} ${what}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
