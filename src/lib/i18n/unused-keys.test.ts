import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cy } from './cy/index';
import { en } from './en/index';

const src = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const catalogues = [path.join(src, 'lib/i18n/en'), path.join(src, 'lib/i18n/cy')];

/** Every source file under src/ that may look a key up: not the catalogues, not tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return catalogues.includes(full) ? [] : sources(full);
    return /\.(ts|js|svelte)$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

/** Prefixes completed at run time from a variable rather than written out in a template. */
const BUILT_FROM_A_VARIABLE = ['cases.chain.', 'reporter.case.chain.'];
const PLURAL = /\.(zero|one|two|few|many|other)$/;

describe('the catalogues', () => {
  it('hold no key that no source file uses', () => {
    const text = sources(src)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // t(`reporter.phase.${x}`) and the like: every key under such a prefix counts as used.
    const dynamic = [...text.matchAll(/`([\w.-]+\.)\$\{/g)].map((m) => m[1]!);
    const prefixes = [...BUILT_FROM_A_VARIABLE, ...dynamic];
    const quoted = (key: string) => ["'", '"', '`'].some((q) => text.includes(`${q}${key}${q}`));
    const used = (key: string) =>
      quoted(key) ||
      prefixes.some((prefix) => key.startsWith(prefix)) ||
      // tCount('count.remaining', n) looks up count.remaining.one / .other.
      (PLURAL.test(key) && quoted(key.replace(PLURAL, '')));
    const keys = new Set([...Object.keys(en), ...Object.keys(cy)]);
    expect([...keys].filter((key) => !used(key))).toEqual([]);
  });
});
