import { describe, expect, it } from 'vitest';
import { policySchema, rosterTags, splitRosterTags } from './policy';
import { OWN_CHOICES, hasOwnChoice, presetById, setOwnChoice } from './presets';
import { eligibleRecipients, grantCandidates } from './routing';
import { MENTORING_TEAMS, centre, mentoring } from './test-fixtures';

describe('team tags in the signed roles list', () => {
  it('round-trips roles and teams, dropping anything else', () => {
    const tags = rosterTags(['senior_practitioner'], ['north', 'south']);
    expect(tags).toEqual(['senior_practitioner', 'team:north', 'team:south']);
    expect(splitRosterTags([...tags, 'team:Bad Id', 'nonsense'])).toEqual({
      roles: ['senior_practitioner'],
      teams: ['north', 'south']
    });
  });

  it('refuses a policy whose teams repeat an id or use an unsafe id', () => {
    const policy = presetById('child-protection-mentoring-plus')!.policy;
    expect(policySchema.safeParse({ ...policy, teams: MENTORING_TEAMS }).success).toBe(true);
    const twice = [...MENTORING_TEAMS, { id: 'north', name: 'Again' }];
    expect(policySchema.safeParse({ ...policy, teams: twice }).success).toBe(false);
    const unsafe = [{ id: 'North Team', name: 'North' }];
    expect(policySchema.safeParse({ ...policy, teams: unsafe }).success).toBe(false);
  });

  it('a team the policy does not list counts as "not sure"', () => {
    const policy = { ...presetById('child-protection-mentoring-plus')!.policy };
    policy.teams = MENTORING_TEAMS;
    const r = eligibleRecipients(policy, mentoring, {
      track: 'safeguarding',
      involved: [],
      team: 'east'
    });
    expect(r.recipients.map((m) => m.personId)).toEqual(['dsl', 'dsg']);
  });
});

describe('"Give a colleague access" never offers a named person', () => {
  it('leaves out the named, those holding it already, the inactive and the unsigned', () => {
    const roster = centre.map((m) =>
      m.personId === 'cm4'
        ? { ...m, status: 'on_leave' as const }
        : m.personId === 'officer'
          ? { ...m, keysSigned: false }
          : m
    );
    const offered = grantCandidates(roster, {
      involved: ['tl1', 'chair'],
      holding: new Set(['coord'])
    }).map((m) => m.personId);
    expect(offered).not.toContain('tl1');
    expect(offered).not.toContain('chair');
    expect(offered).not.toContain('coord');
    expect(offered).not.toContain('cm4');
    expect(offered).not.toContain('officer');
    expect(offered).toContain('tl2');
  });
});

describe("an organisation's own choices", () => {
  it('are on in the default preset, can be turned off, and the preview changes with them', () => {
    const policy = presetById('default')!.policy;
    const choice = OWN_CHOICES.find((c) => c.id === 'safeguarding-leads-always')!;
    expect(hasOwnChoice(policy, choice)).toBe(true);
    const input = { track: 'safeguarding' as const, involved: [] };
    const on = eligibleRecipients(policy, centre, input).recipients.map((m) => m.personId);
    expect(on).toEqual(['coord', 'dsl', 'dsg']);
    const off = setOwnChoice(policy, choice, false);
    expect(hasOwnChoice(off, choice)).toBe(false);
    expect(policySchema.safeParse(off).success).toBe(true);
    expect(eligibleRecipients(off, centre, input).recipients.map((m) => m.personId)).toEqual([
      'coord'
    ]);
    expect(hasOwnChoice(setOwnChoice(off, choice, true), choice)).toBe(true);
  });

  it('are off in the presets that model a single policy', () => {
    for (const id of ['whistleblowing-ccc', 'child-protection-mentoring-plus']) {
      const policy = presetById(id)!.policy;
      for (const choice of OWN_CHOICES) expect(hasOwnChoice(policy, choice)).toBe(false);
    }
  });
});
