import { describe, expect, it } from 'vitest';
import { chainGenesis, entryLink, verifyChains, type ChainEntry } from './chain';
import { encryptEntry } from './entries';
import { newCaseKeys } from './envelope';
import { generateSignKeyPair } from './primitives';
import { ready } from './sodium';

await ready();

const caseId = 'case-chain';
const keys = newCaseKeys();
const signer = generateSignKeyPair();

function write(entries: ChainEntry[], id: string, kind: 'message' | 'note' = 'message') {
  const chain = kind === 'note' ? 'notes' : 'case';
  const last = entries.filter((e) => (e.kind === 'note') === (kind === 'note')).at(-1);
  const prev = last ? entryLink(last.bytes) : chainGenesis(caseId, chain);
  const bytes = encryptEntry({
    caseId,
    entryId: id,
    senderRole: 'staff',
    ...(kind === 'note'
      ? { kind: 'note' as const, key: keys.staffKey }
      : { kind: 'message' as const, key: keys.contentKey }),
    body: { text: id },
    signer,
    prev
  });
  entries.push({ id, kind, bytes });
}

function sample(): ChainEntry[] {
  const entries: ChainEntry[] = [];
  write(entries, 'a');
  write(entries, 'n1', 'note');
  write(entries, 'b');
  write(entries, 'c');
  return entries;
}

const both = { strict: true, chains: ['case', 'notes'] as const };

describe('entry chains', () => {
  it('accepts entries in the order they were written', () => {
    expect(verifyChains(caseId, sample(), both)).toEqual({ ok: true, problems: [], legacy: 0 });
  });

  it('reports a dropped entry as missing', () => {
    const entries = sample().filter((e) => e.id !== 'b');
    expect(verifyChains(caseId, entries, both).problems).toEqual([
      { entryId: 'c', reason: 'missing' }
    ]);
  });

  it('reports swapped entries as out of order', () => {
    const [a, n1, b, c] = sample();
    const check = verifyChains(caseId, [a!, n1!, c!, b!], both);
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.reason)).toEqual(['out_of_order', 'out_of_order']);
  });

  it('refuses an entry without a link in a chained case, and after the chain started', () => {
    const clear = { id: 'x', kind: 'action', bytes: new Uint8Array([0, 123, 125]) };
    const entries = sample();
    expect(verifyChains(caseId, [...entries, clear], both).problems).toEqual([
      { entryId: 'x', reason: 'unsigned' }
    ]);
    const loose = { strict: false, chains: ['case'] as const };
    expect(verifyChains(caseId, [clear, ...entries], loose)).toMatchObject({ ok: false });
    const old = verifyChains(caseId, [clear], loose);
    expect(old).toEqual({ ok: true, problems: [], legacy: 1 });
  });

  it('a reader without notes still follows the case chain', () => {
    const entries = sample().filter((e) => e.kind !== 'note');
    expect(verifyChains(caseId, entries, { strict: true, chains: ['case'] }).ok).toBe(true);
  });
});
