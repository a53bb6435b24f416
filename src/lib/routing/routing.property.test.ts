import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BODY_KINDS,
  PERSON_STATUSES,
  ROLES,
  UNIT_KINDS,
  stageOf,
  type RosterMember
} from './policy';
import { PRESETS } from './presets';
import { eligibleRecipients } from './routing';

const memberArb = fc.record({
  unitKind: fc.constantFrom(...UNIT_KINDS, 'organisation', 'organisation'),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
  status: fc.constantFrom(...PERSON_STATUSES, 'active', 'active'),
  keysSigned: fc.option(fc.boolean(), { nil: undefined }),
  teams: fc.subarray(['north', 'south'])
});
const TEAMS = [
  { id: 'north', name: 'North' },
  { id: 'south', name: 'South' }
];

const scenarioArb = fc
  .record({
    preset: fc.constantFrom(...PRESETS),
    members: fc.array(memberArb, { maxLength: 25 }),
    trackPick: fc.nat(),
    stagePick: fc.nat(),
    namedMask: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    allegation: fc.option(fc.boolean(), { nil: undefined }),
    bodies: fc.subarray([...BODY_KINDS]),
    investigatorPick: fc.option(fc.nat(), { nil: undefined }),
    panelPicks: fc.array(fc.nat(), { maxLength: 5 }),
    team: fc.constantFrom('north', 'south', null, 'unknown'),
    childRisk: fc.option(fc.boolean(), { nil: undefined }),
    stageReplied: fc.option(fc.boolean(), { nil: undefined })
  })
  .map((s) => {
    const roster: RosterMember[] = s.members.map((m, i) => ({
      personId: `p${i}`,
      unitId: m.unitKind === 'organisation' ? 'org' : m.unitKind,
      displayName: `Person ${i}`,
      ...m
    }));
    const tracks = Object.entries(s.preset.policy.tracks).filter(([, t]) => t);
    const [track, trackPolicy] = tracks[s.trackPick % tracks.length]!;
    const pick = (n: number | undefined) =>
      n === undefined || roster.length === 0 ? undefined : roster[n % roster.length]!.personId;
    return {
      policy: { ...s.preset.policy, teams: TEAMS },
      roster,
      input: {
        track: track as 'complaint',
        stage: (s.stagePick % trackPolicy!.stages.length) + 1,
        involved: roster.filter((_, i) => s.namedMask[i]).map((m) => m.personId),
        allegationAgainstStaff: s.allegation,
        reporterAddedBodies: s.bodies,
        stage2Investigator: pick(s.investigatorPick),
        panel: s.panelPicks.map((n) => pick(n)!).filter(Boolean),
        team: s.team,
        childRisk: s.childRisk,
        stageReplied: s.stageReplied
      }
    };
  });

describe('eligibleRecipients properties', () => {
  it('never routes to anyone named, and accounts for every roster member exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, ({ policy, roster, input }) => {
        const r = eligibleRecipients(policy, roster, input);
        const named = new Set(input.involved);
        for (const m of r.recipients) {
          expect(named.has(m.personId)).toBe(false);
          expect(m.status).toBe('active');
          expect(m.keysSigned).not.toBe(false);
        }
        const seen = [...r.recipients, ...r.excluded.map((e) => e.member)].map((m) => m.personId);
        expect(seen.sort()).toEqual(roster.map((m) => m.personId).sort());
        for (const e of r.excluded) {
          if (named.has(e.member.personId)) expect(e.reason).toBe('named_as_involved');
        }
        const panel = r.recipientReasons.filter((x) => x.because === 'panel');
        const stage = stageOf(policy, input.track, input.stage);
        expect(panel.length).toBeLessThanOrEqual(stage.panel?.size ?? 0);
        if (stage.panel?.excludeStage2Investigator) {
          expect(panel.some((x) => x.member.personId === input.stage2Investigator)).toBe(false);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('choosing a team only adds members of that team, and never anyone named', () => {
    fc.assert(
      fc.property(scenarioArb, ({ policy, roster, input }) => {
        const withTeam = eligibleRecipients(policy, roster, input);
        const notSure = eligibleRecipients(policy, roster, { ...input, team: null });
        const before = new Set(notSure.recipients.map((m) => m.personId));
        const known = policy.teams.some((t) => t.id === input.team);
        for (const m of withTeam.recipients) {
          if (before.has(m.personId)) continue;
          expect(known).toBe(true);
          expect(m.teams ?? []).toContain(input.team);
          expect(m.unitKind).toBe('organisation');
          expect(input.involved).not.toContain(m.personId);
        }
        const after = new Set(withTeam.recipients.map((m) => m.personId));
        for (const id of before) expect(after.has(id)).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});
