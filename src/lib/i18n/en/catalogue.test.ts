import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the English catalogue', () => {
  it('never defines a key in two area files (a later file would silently win)', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && !f.includes('.test.') && f !== 'index.ts'
    )) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/^\s*'([\w.]+)':/gm)) {
        owners.set(match[1]!, [...(owners.get(match[1]!) ?? []), file]);
      }
    }
    expect(owners.size).toBeGreaterThan(100);
    const repeated = [...owners].filter(([, files]) => files.length > 1);
    expect(repeated).toEqual([]);
  });
});

describe('words a reporter meets', () => {
  it('never use the routing model’s own terms (tier, group) or name a source file', async () => {
    const { reporterFacing } = await import('./index');
    const { exclusionReasonLabels, inclusionReasonLabels } = await import('$lib/routing/labels');
    const texts = [
      ...Object.entries(reporterFacing),
      ...Object.entries(exclusionReasonLabels),
      ...Object.entries(inclusionReasonLabels)
    ];
    const jargon = texts.filter(([, text]) => /\b(tiers?|group)\b|\.txt\b|\.md\b/i.test(text));
    expect(jargon).toEqual([]);
  });
});
