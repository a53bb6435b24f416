// A case's entries form hash chains: every format-2 entry carries the head its writer saw, under
// its signature, so a reader who follows the links sees an entry that was dropped, moved or
// slipped in. Messages, actions and signed events share the case chain, which the reporter can
// follow too; internal notes, which only staff read, have a chain of their own.
import { canonical, constantTimeEqual } from './encoding';
import { DOMAIN, VERSION } from './params';
import { domainHash } from './primitives';

export const CHAIN_LINK_BYTES = 32;

export type ChainName = 'case' | 'notes';

/** Internal notes chain separately: the reporter never receives them. */
export function chainOf(kind: string): ChainName {
  return kind === 'note' ? 'notes' : 'case';
}

/** The head of a chain that has no entry yet. */
export function chainGenesis(caseId: string, chain: ChainName): Uint8Array {
  return domainHash(DOMAIN.entryLink, canonical('genesis', chain, caseId), CHAIN_LINK_BYTES);
}

/** The link to an entry: a hash of its stored bytes (any format). */
export function entryLink(bytes: Uint8Array): Uint8Array {
  return domainHash(DOMAIN.entryLink, bytes, CHAIN_LINK_BYTES);
}

/** The head after these entries of one chain (in order): what the next writer commits to. */
export function chainHead(caseId: string, chain: ChainName, entries: Uint8Array[]): Uint8Array {
  const last = entries.at(-1);
  return last ? entryLink(last) : chainGenesis(caseId, chain);
}

export interface ChainEntry {
  id: string;
  kind: string;
  bytes: Uint8Array;
}

export type ChainProblem = {
  entryId: string;
  /**
   * `missing`: it commits to an entry nobody was sent; `out_of_order`: to an entry served
   * elsewhere; `unsigned`: it carries no link (a clear record, or an old format after the chain
   * started, or any such entry in a case whose report binds the chain).
   */
  reason: 'missing' | 'out_of_order' | 'unsigned';
};

export interface ChainCheck {
  ok: boolean;
  problems: ChainProblem[];
  /** Entries written before chains existed (old cases), accepted on their own signatures. */
  legacy: number;
}

/** The prev field of a format-2 entry, read without any key; null for anything else. */
function prevOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] !== VERSION.entry || bytes.length < 1 + CHAIN_LINK_BYTES) return null;
  return bytes.subarray(1, 1 + CHAIN_LINK_BYTES);
}

/**
 * Follows each chain in the order the server served the entries. `strict` is for cases whose
 * report is format 2: every entry of those was written with a link, so any entry without one
 * is a forgery. Old cases may start with unlinked entries; once a linked entry appears, every
 * later one must be linked. Signatures are checked separately (decryptEntry): a link only counts
 * once its entry's signature does.
 */
export function verifyChains(
  caseId: string,
  entries: readonly ChainEntry[],
  options: { strict: boolean; chains: readonly ChainName[] }
): ChainCheck {
  const problems: ChainProblem[] = [];
  let legacy = 0;
  const links = new Map(entries.map((e) => [e.id, entryLink(e.bytes)]));
  for (const chain of options.chains) {
    let head = chainGenesis(caseId, chain);
    let linked = options.strict;
    for (const entry of entries.filter((e) => chainOf(e.kind) === chain)) {
      const prev = prevOf(entry.bytes);
      if (!prev) {
        if (linked) problems.push({ entryId: entry.id, reason: 'unsigned' });
        else {
          legacy++;
          head = links.get(entry.id)!;
        }
        continue;
      }
      linked = true;
      if (!constantTimeEqual(prev, head)) {
        const elsewhere = [...links.values()].some((link) => constantTimeEqual(link, prev));
        problems.push({ entryId: entry.id, reason: elsewhere ? 'out_of_order' : 'missing' });
      }
      head = links.get(entry.id)!;
    }
  }
  return { ok: problems.length === 0, problems, legacy };
}
