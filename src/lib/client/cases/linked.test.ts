import { describe, expect, it } from 'vitest';
import { involvedIn, linkedCases, normaliseName } from './linked';

const tom = { personId: 'p-tom', name: 'Tom Baker' };

describe('linked cases (computed in the browser)', () => {
  it('reads roster members by id and written names from the free text', () => {
    const people = involvedIn({
      involved: [tom],
      involvedOthers: 'Ms Jo Bloggs, her brother and Sam Lee'
    });
    expect(people.map((p) => p.key)).toEqual([
      'person:p-tom',
      'name:tom baker',
      'name:jo bloggs',
      'name:sam lee'
    ]);
  });

  it('links cases that name the same person, by id or by written name', () => {
    const links = linkedCases([
      { caseId: 'a', involved: involvedIn({ involved: [tom] }) },
      { caseId: 'b', involved: involvedIn({ involvedOthers: 'mr tom  baker' }) },
      { caseId: 'c', involved: involvedIn({ involved: [tom] }) },
      { caseId: 'd', involved: involvedIn({ involvedOthers: 'Jo Bloggs' }) }
    ]);
    expect(links.get('a')).toEqual([{ name: 'Tom Baker', otherCaseIds: ['c', 'b'] }]);
    expect(links.get('b')?.[0]?.otherCaseIds.sort()).toEqual(['a', 'c']);
    expect(links.has('d')).toBe(false);
  });

  it('says nothing to a holder of only one of the cases', () => {
    const links = linkedCases([{ caseId: 'a', involved: involvedIn({ involved: [tom] }) }]);
    expect(links.size).toBe(0);
  });

  it('compares names without case, titles or punctuation', () => {
    expect(normaliseName(' Dr. Tom  BAKER ')).toBe('tom baker');
  });
});
