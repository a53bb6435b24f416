import { describe, expect, it } from 'vitest';
import { choosePanel, eligibleRecipients, panelCandidates } from './routing';
import { centre, charity, insideIds, presetPolicy } from './test-fixtures';

const everyoneInside = insideIds(centre);

describe('eligibleRecipients: details', () => {
  it('says which tier received the case and which were passed over', () => {
    const r = eligibleRecipients(presetPolicy('whistleblowing-ccc'), centre, {
      track: 'whistleblowing',
      involved: ['coord', 'chair']
    });
    expect(r.tierUsed).toBe(2);
    expect(r.tiersPassedOver).toEqual([
      { index: 0, because: 'member_named' },
      { index: 1, because: 'member_named' }
    ]);
  });

  it('reports the NACCC fallback as the reason the body is included', () => {
    const r = eligibleRecipients(presetPolicy('whistleblowing-ccc'), centre, {
      track: 'whistleblowing',
      involved: everyoneInside
    });
    expect(r.tierUsed).toBeNull();
    expect(r.externalBodiesIncluded).toEqual([
      { kind: 'naccc', roles: ['chief_executive'], because: 'no_one_inside' }
    ]);
  });

  it('lists the bodies a reporter may add, and ignores ones the policy does not offer', () => {
    const r = eligibleRecipients(presetPolicy('child-protection-mentoring-plus'), charity, {
      track: 'safeguarding',
      involved: [],
      reporterAddedBodies: ['naccc']
    });
    expect(r.externalBodiesOffered).toEqual([
      { kind: 'childrens_services', roles: ['external_member'], added: false, available: 1 }
    ]);
    expect(r.bodiesNotOffered).toEqual(['naccc']);
  });

  it('infers an allegation against staff when someone on the roster is named', () => {
    const p = presetPolicy('child-protection-mentoring-plus');
    expect(
      eligibleRecipients(p, charity, { track: 'safeguarding', involved: ['sp2'] })
        .allegationAgainstStaff
    ).toBe(true);
    expect(
      eligibleRecipients(p, charity, { track: 'safeguarding', involved: ['someone-else'] })
        .allegationAgainstStaff
    ).toBe(false);
  });

  it('never routes to a named external-body member', () => {
    const r = eligibleRecipients(presetPolicy('whistleblowing-ccc'), centre, {
      track: 'whistleblowing',
      involved: [...everyoneInside, 'naccc-ce']
    });
    expect(r.recipients).toEqual([]);
    expect(r.excluded.find((e) => e.member.personId === 'naccc-ce')?.reason).toBe(
      'named_as_involved'
    );
  });

  it('gives the reason each recipient was added', () => {
    const r = eligibleRecipients(presetPolicy('child-protection-mentoring-plus'), charity, {
      track: 'safeguarding',
      involved: ['sp1']
    });
    expect(
      Object.fromEntries(r.recipientReasons.map((x) => [x.member.personId, x.because]))
    ).toEqual({
      dsl: 'tier',
      dsg: 'always',
      chair: 'include_rule',
      trustee: 'include_rule',
      lado: 'external_body'
    });
  });

  it('refuses an unknown track or stage, and a roster listing someone twice', () => {
    const p = presetPolicy('complaints-birmingham-ccc');
    expect(() => eligibleRecipients(p, centre, { track: 'whistleblowing', involved: [] })).toThrow(
      RangeError
    );
    expect(() =>
      eligibleRecipients(p, centre, { track: 'complaint', stage: 4, involved: [] })
    ).toThrow(RangeError);
    expect(() =>
      eligibleRecipients(p, [...centre, centre[0]!], { track: 'complaint', involved: [] })
    ).toThrow(RangeError);
  });
});

describe('stage 3 panel', () => {
  const p = presetPolicy('complaints-west-wilts-ccc');
  const input = {
    track: 'complaint' as const,
    stage: 3,
    involved: ['cm2'],
    stage2Investigator: 'cm1'
  };

  it('offers committee members, never the stage-2 investigator nor anyone named', () => {
    const c = panelCandidates(p, centre, input);
    expect(c.size).toBe(3);
    expect(c.candidates.map((m) => m.personId)).toEqual(['chair', 'trustee', 'cm4']);
    expect(c.excluded.map((e) => [e.member.personId, e.reason])).toEqual([
      ['cm1', 'stage2_investigator'],
      ['cm2', 'named_as_involved']
    ]);
  });

  it('chooses three, preferring the chair’s pick and refusing the ineligible', () => {
    const c = panelCandidates(p, centre, input);
    const choice = choosePanel(c, ['cm4', 'cm1', 'cm2']);
    expect(choice.panel.map((m) => m.personId)).toEqual(['cm4', 'chair', 'trustee']);
    expect(choice.refused).toEqual(['cm1', 'cm2']);
    expect(choice.complete).toBe(true);
  });

  it('says when there are too few for a full panel', () => {
    const c = panelCandidates(p, centre, { ...input, involved: ['cm2', 'cm4', 'trustee'] });
    const choice = choosePanel(c);
    expect(choice.panel.map((m) => m.personId)).toEqual(['chair']);
    expect(choice.complete).toBe(false);
  });

  it('has no panel at other stages', () => {
    expect(panelCandidates(p, centre, { ...input, stage: 2 })).toEqual({
      size: 0,
      candidates: [],
      excluded: []
    });
  });
});
