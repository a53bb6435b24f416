/**
 * Repeat concerns about the same person (docs/RECORDS.md): worked out in the holder's browser
 * from the reports it has decrypted, never sent anywhere. Only cases this person holds take part,
 * so a holder of one such case learns nothing about the others.
 */
import type { ReportDocument } from '$lib/client/reporter/report';

/** One person a report names: a roster member by id, anyone else by their written name. */
export interface InvolvedPerson {
  key: string;
  name: string;
}

export interface LinkedPerson {
  name: string;
  /** Other held cases that name the same person. */
  otherCaseIds: string[];
}

const MAX_NAME = 120;
const DESCRIPTION = /^(a|an|the|her|his|their|my|our|your|its|one|some|another)\s/;

/** A written name in a comparable form: case, spacing, punctuation and titles set aside. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.,'’"()]/g, ' ')
    .replace(/\b(mr|mrs|ms|miss|mx|dr)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The people a decrypted report names as involved: roster members by person id (so a renamed
 * member still matches) and the free-text "anyone else" split on commas, semicolons, new lines
 * and " and ".
 */
export function involvedIn(report: Partial<ReportDocument>): InvolvedPerson[] {
  const out = new Map<string, InvolvedPerson>();
  for (const p of Array.isArray(report.involved) ? report.involved : []) {
    if (p && typeof p.personId === 'string' && typeof p.name === 'string') {
      out.set(`person:${p.personId}`, { key: `person:${p.personId}`, name: p.name });
      // The same person may be written by name in another report.
      const written = normaliseName(p.name);
      if (written) out.set(`name:${written}`, { key: `name:${written}`, name: p.name });
    }
  }
  const others = typeof report.involvedOthers === 'string' ? report.involvedOthers : '';
  for (const part of others.split(/[,;\n]|\band\b/i)) {
    const name = part.trim().slice(0, MAX_NAME);
    const key = normaliseName(name);
    // A full name, not one word ("her") nor a description ("her brother", "the manager").
    if (key.length < 3 || !/\s/.test(key) || DESCRIPTION.test(key)) continue;
    if (!out.has(`name:${key}`)) out.set(`name:${key}`, { key: `name:${key}`, name });
  }
  return [...out.values()];
}

/**
 * For each case, the people it names whom other held cases also name, with those cases.
 * A person matched both by id and by name is listed once.
 */
export function linkedCases(
  cases: readonly { caseId: string; involved: readonly InvolvedPerson[] }[]
): Map<string, LinkedPerson[]> {
  const byKey = new Map<string, Set<string>>();
  for (const c of cases) {
    for (const p of c.involved) {
      const set = byKey.get(p.key) ?? new Set<string>();
      set.add(c.caseId);
      byKey.set(p.key, set);
    }
  }
  const result = new Map<string, LinkedPerson[]>();
  for (const c of cases) {
    const seen = new Map<string, LinkedPerson>();
    for (const p of c.involved) {
      const others = [...(byKey.get(p.key) ?? [])].filter((id) => id !== c.caseId);
      if (others.length === 0) continue;
      const label = normaliseName(p.name);
      const existing = seen.get(label);
      if (existing) {
        existing.otherCaseIds = [...new Set([...existing.otherCaseIds, ...others])];
      } else {
        seen.set(label, { name: p.name, otherCaseIds: others });
      }
    }
    if (seen.size > 0) result.set(c.caseId, [...seen.values()]);
  }
  return result;
}
