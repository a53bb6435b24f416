import { describe, expect, it } from 'vitest';
import { MAX_ITEMS, MAX_TEXT, policySchema, rosterMemberSchema, tracksOffered } from './policy';
import { PRESETS, PRESET_IDS, presetById } from './presets';

const base = () => structuredClone(presetById('complaints-west-wilts-ccc')!.policy);

describe('presets', () => {
  it('has one preset per policy document, plus the combined default', () => {
    expect(PRESET_IDS).toEqual([
      'default',
      'whistleblowing-ccc',
      'complaints-birmingham-ccc',
      'complaints-west-wilts-ccc',
      'child-protection-mentoring-plus',
      'escalating-concerns'
    ]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s passes policySchema unchanged', (_, p) => {
    expect(policySchema.parse(p.policy)).toEqual(p.policy);
    expect(p.name.length).toBeGreaterThan(0);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is described in plain words: no file names, no arrows',
    (_, p) => {
      expect(p.description.length).toBeGreaterThan(40);
      expect(p.description).not.toMatch(/\.txt|\.md|→|\bper\b/);
    }
  );

  it('the default preset runs all four tracks', () => {
    expect(tracksOffered(presetById('default')!.policy)).toEqual([
      'whistleblowing',
      'complaint',
      'safeguarding',
      'compliment'
    ]);
  });

  it('complaint presets have three stages, the third a panel of three without the stage-2 investigator', () => {
    for (const id of ['default', 'complaints-birmingham-ccc', 'complaints-west-wilts-ccc']) {
      const stages = presetById(id)!.policy.tracks.complaint!.stages;
      expect(stages).toHaveLength(3);
      expect(stages[2]!.panel).toEqual({
        size: 3,
        roles: ['committee_member'],
        excludeStage2Investigator: true
      });
    }
  });

  it('hands out copies, so an admin editing one cannot change the preset', () => {
    const copy = presetById('default')!;
    copy.policy.tracks.whistleblowing!.stages[0]!.tiers.length = 0;
    expect(presetById('default')!.policy.tracks.whistleblowing!.stages[0]!.tiers.length).toBe(3);
    expect(presetById('no-such-preset')).toBeUndefined();
  });
});

describe('policySchema rejects', () => {
  const cases: [string, (p: ReturnType<typeof base>) => unknown][] = [
    ['an unknown top-level key', (p) => ({ ...p, extra: 1 })],
    [
      'an unknown stage key',
      (p) => {
        (p.tracks.complaint!.stages[0] as Record<string, unknown>).escalateTo = 'chair';
        return p;
      }
    ],
    ['an unknown track', (p) => ({ ...p, tracks: { ...p.tracks, gossip: p.tracks.complaint } })],
    [
      'an unknown role',
      (p) => {
        (p.tracks.complaint!.stages[0]!.tiers[0]!.roles as unknown[]).push('janitor');
        return p;
      }
    ],
    ['another version', (p) => ({ ...p, version: 2 })],
    ['no tracks', (p) => ({ ...p, tracks: {} })],
    [
      'more than 20 tiers',
      (p) => {
        const tiers = p.tracks.complaint!.stages[0]!.tiers;
        while (tiers.length <= MAX_ITEMS) tiers.push(tiers[0]!);
        return p;
      }
    ],
    [
      'a stage with no tier',
      (p) => {
        p.tracks.complaint!.stages[0]!.tiers = [];
        return p;
      }
    ],
    [
      'four stages',
      (p) => {
        p.tracks.complaint!.stages.push(p.tracks.complaint!.stages[0]!);
        return p;
      }
    ],
    ['an over-long name', (p) => ({ ...p, name: 'x'.repeat(MAX_TEXT + 1) })],
    [
      'a timescale over a year',
      (p) => {
        p.tracks.complaint!.stages[0]!.replyWithin = { amount: 366, unit: 'calendar_days' };
        return p;
      }
    ],
    [
      'a fractional timescale',
      (p) => {
        p.tracks.complaint!.stages[0]!.replyWithin = { amount: 1.5, unit: 'weeks' };
        return p;
      }
    ],
    [
      'an unknown unit',
      (p) => {
        (p.tracks.complaint!.stages[0]!.replyWithin as { unit: string }).unit = 'fortnights';
        return p;
      }
    ],
    [
      'a request window on the last stage',
      (p) => {
        p.tracks.complaint!.stages[2]!.nextStageWithin = { amount: 14, unit: 'calendar_days' };
        return p;
      }
    ],
    [
      'a panel of ten',
      (p) => {
        p.tracks.complaint!.stages[2]!.panel!.size = 10;
        return p;
      }
    ],
    [
      "'role_named' without ifNamed",
      (p) => {
        p.tracks.complaint!.externalBodies.push({
          kind: 'naccc',
          roles: ['chief_executive'],
          when: 'role_named'
        });
        return p;
      }
    ],
    [
      'a body rule for a stage the track lacks',
      (p) => {
        p.tracks.compliment!.externalBodies.push({
          kind: 'naccc',
          roles: ['chief_executive'],
          when: 'reporter_choice',
          stages: [2]
        });
        return p;
      }
    ],
    [
      'repeated roles',
      (p) => {
        p.tracks.complaint!.externalBodies[0]!.roles = ['chief_executive', 'chief_executive'];
        return p;
      }
    ],
    ['a string instead of a policy', () => 'route everything to the chair'],
    [
      'a huge array',
      () => ({ version: 1, name: 'x', tracks: { complaint: { stages: Array(1000).fill({}) } } })
    ]
  ];

  it.each(cases)('%s', (_, mutate) => {
    expect(policySchema.safeParse(mutate(base())).success).toBe(false);
  });

  it('accepts the unmutated base', () => {
    expect(policySchema.safeParse(base()).success).toBe(true);
  });
});

describe('rosterMemberSchema', () => {
  const member = {
    personId: 'p1',
    unitId: 'u1',
    unitKind: 'organisation',
    displayName: 'Cora',
    roles: ['coordinator'],
    status: 'active'
  };
  it('accepts a member and rejects unknown fields, roles and statuses', () => {
    expect(rosterMemberSchema.safeParse(member).success).toBe(true);
    expect(rosterMemberSchema.safeParse({ ...member, admin: true }).success).toBe(false);
    expect(rosterMemberSchema.safeParse({ ...member, roles: ['janitor'] }).success).toBe(false);
    expect(rosterMemberSchema.safeParse({ ...member, status: 'asleep' }).success).toBe(false);
  });
});
