import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlinesFor, type CaseDates, type Deadlines } from './calendar';
import type { BodyKind, Policy, RosterMember, Timescale } from './policy';
import { PRESETS, presetById } from './presets';
import { nextStage, type NextStage } from './further';
import {
  eligibleRecipients,
  type ExclusionReason,
  type InclusionReason,
  type RoutingInput
} from './routing';
import { MENTORING_TEAMS, centre, mentoring, withStatus } from './test-fixtures';

// One row per clause of the five policies that decides who reads a case, who is left out, when
// an outside body may be involved, or a timescale. The ids are the rows of the clause table in
// docs/ROUTING.md; the last test checks the two lists agree.

interface Row {
  id: string;
  preset: string;
  roster?: RosterMember[];
  input?: RoutingInput;
  receive?: string[];
  because?: Record<string, InclusionReason>;
  /** Why some of those left out were left out. */
  excluded?: Record<string, ExclusionReason>;
  offered?: BodyKind[];
  later?: BodyKind[];
  stage?: number;
  dates?: CaseDates;
  due?: Omit<Deadlines, 'sources'>;
  /** Where the case may go next on given days (`nextStage`, from `dates` at `stage`). */
  next?: Record<string, NextStage['state']>;
}

const received = { receivedOn: '2026-11-26' };
const allInsideCommittee = ['chair', 'coord', 'cm1', 'cm2', 'trustee', 'cm4'];

const rows: Row[] = [
  // whistleblowing-policy-child-contact-centre.txt
  {
    id: 'WB-1',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: [] },
    receive: ['coord', 'deputy', 'tl1', 'tl2'],
    excluded: {
      chair: 'lower_tier_used',
      cm1: 'lower_tier_used',
      dsl: 'not_in_tier',
      'naccc-ce': 'body_not_included',
      'naccc-sm': 'body_not_included',
      lado: 'body_not_included',
      cs: 'body_offered_not_added'
    },
    offered: ['childrens_services'],
    later: ['naccc']
  },
  {
    id: 'WB-2',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['tl1'] },
    receive: ['chair']
  },
  {
    id: 'WB-3',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['chair'] },
    receive: ['coord', 'cm1', 'cm2', 'trustee', 'cm4'],
    excluded: { chair: 'named_as_involved', tl1: 'tier_passed_over', deputy: 'tier_passed_over' }
  },
  {
    id: 'WB-4',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: allInsideCommittee },
    receive: ['naccc-ce']
  },
  {
    id: 'WB-5',
    preset: 'whistleblowing-ccc',
    input: { track: 'safeguarding', involved: ['tl1'], allegationAgainstStaff: true },
    receive: ['coord']
  },
  {
    id: 'WB-6',
    preset: 'whistleblowing-ccc',
    input: { track: 'safeguarding', involved: ['cm1'] },
    receive: ['naccc-sm']
  },
  {
    id: 'WB-7',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: [], reporterAddedBodies: ['childrens_services'] },
    receive: ['coord', 'deputy', 'tl1', 'tl2', 'cs']
  },
  {
    id: 'WB-8',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: [] },
    dates: { ...received, concludedOn: '2026-12-10' },
    due: { acknowledgeBy: '2026-12-03', replyBy: '2026-12-17', nextStageRequestBy: null }
  },
  {
    id: 'WB-9',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['dsl'], childRisk: true },
    receive: ['coord', 'deputy', 'tl1', 'tl2', 'dsg'],
    because: { dsg: 'child_risk' }
  },
  {
    id: 'WB-10',
    preset: 'whistleblowing-ccc',
    input: {
      track: 'whistleblowing',
      involved: [],
      stageReplied: true,
      reporterAddedBodies: ['naccc']
    },
    receive: ['coord', 'deputy', 'tl1', 'tl2', 'naccc-ce'],
    offered: ['naccc', 'childrens_services'],
    later: []
  },
  // complaints-policy-birmingham-ccc.txt
  {
    id: 'BH-1',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', involved: ['tl1'] },
    receive: ['coord', 'deputy'],
    offered: [],
    later: [],
    dates: { ...received, respondedOn: '2026-12-01' },
    due: { acknowledgeBy: '2026-12-03', replyBy: '2026-12-24', nextStageRequestBy: '2026-12-15' }
  },
  {
    id: 'BH-2',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', involved: ['coord'] },
    receive: ['officer']
  },
  {
    id: 'BH-3',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', stage: 2, involved: [] },
    receive: ['chair', 'officer'],
    stage: 2,
    dates: { ...received, respondedOn: '2026-12-01' },
    due: { acknowledgeBy: '2026-12-03', replyBy: '2026-12-24', nextStageRequestBy: '2026-12-15' }
  },
  {
    id: 'BH-4',
    preset: 'complaints-birmingham-ccc',
    input: {
      track: 'complaint',
      stage: 3,
      involved: [],
      stage2Investigator: 'cm1',
      panel: ['cm1', 'cm2', 'trustee', 'cm4']
    },
    receive: ['chair', 'cm2', 'trustee', 'cm4'],
    later: ['naccc'],
    stage: 3,
    dates: received,
    due: { acknowledgeBy: null, replyBy: '2026-12-24', nextStageRequestBy: null }
  },
  {
    id: 'BH-5',
    preset: 'complaints-birmingham-ccc',
    input: {
      track: 'complaint',
      stage: 3,
      involved: [],
      stageReplied: true,
      reporterAddedBodies: ['naccc']
    },
    receive: ['chair', 'naccc-ce']
  },
  {
    id: 'BH-6',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', involved: ['coord', 'deputy', 'officer', 'chair'] },
    receive: []
  },
  {
    id: 'BH-7',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', involved: [] },
    dates: { ...received, respondedOn: '2026-12-01' },
    next: { '2026-12-15': 'open', '2026-12-16': 'closed' }
  },
  // complaints-procedure-west-wilts-ccc.txt
  {
    id: 'WW-1',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', involved: [] },
    receive: ['coord'],
    dates: { ...received, respondedOn: '2026-12-01' },
    due: { acknowledgeBy: '2026-12-03', replyBy: '2026-12-17', nextStageRequestBy: '2026-12-15' }
  },
  {
    id: 'WW-2',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', involved: ['coord'] },
    receive: ['chair']
  },
  {
    id: 'WW-3',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 2, involved: [] },
    receive: ['chair'],
    stage: 2,
    dates: { ...received, respondedOn: '2026-12-01' },
    due: { acknowledgeBy: '2026-12-03', replyBy: '2026-12-24', nextStageRequestBy: '2026-12-15' }
  },
  {
    id: 'WW-4',
    preset: 'complaints-west-wilts-ccc',
    input: {
      track: 'complaint',
      stage: 3,
      involved: [],
      stage2Investigator: 'chair',
      panel: ['chair', 'cm1', 'cm2', 'trustee']
    },
    receive: ['chair', 'cm1', 'cm2', 'trustee'],
    because: { chair: 'tier', cm1: 'panel' },
    stage: 3,
    dates: received,
    due: { acknowledgeBy: null, replyBy: '2026-12-17', nextStageRequestBy: null }
  },
  {
    id: 'WW-5',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 3, involved: [], reporterAddedBodies: ['naccc'] },
    receive: ['chair'],
    offered: [],
    later: ['naccc']
  },
  {
    id: 'WW-6',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'compliment', involved: [] },
    receive: ['coord', 'chair']
  },
  {
    id: 'WW-7',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 2, involved: [] },
    stage: 2,
    dates: { ...received, respondedOn: '2026-12-01' },
    next: { '2026-11-30': 'awaiting_reply', '2026-12-14': 'open', '2026-12-16': 'closed' }
  },
  {
    id: 'WW-8',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 3, involved: [] },
    stage: 3,
    dates: { ...received, respondedOn: '2026-12-01' },
    next: { '2026-12-02': 'final' }
  },
  // child-protection-policy-mentoring-plus.txt
  {
    id: 'MP-1',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: [], team: null },
    receive: ['dsl', 'dsg']
  },
  {
    id: 'MP-2',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: [], team: 'north' },
    receive: ['dsl', 'dsg', 'sp-north']
  },
  {
    id: 'MP-3',
    preset: 'child-protection-mentoring-plus',
    roster: withStatus(mentoring, { dsl: { status: 'on_leave' } }),
    input: { track: 'safeguarding', involved: [], team: 'south' },
    receive: ['dsg', 'sp-south', 'trustee']
  },
  {
    id: 'MP-4',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: ['pr-north'], team: 'north' },
    receive: ['dsl', 'dsg', 'sp-north', 'chair', 'trustee', 'lado'],
    because: { chair: 'include_rule', 'sp-north': 'always' }
  },
  {
    id: 'MP-5',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: [], allegationAgainstStaff: true },
    receive: ['dsl', 'dsg', 'lado']
  },
  {
    id: 'MP-6',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: ['dsl', 'dsg', 'trustee', 'chair'] },
    receive: ['lado', 'cs']
  },
  {
    id: 'MP-7',
    preset: 'child-protection-mentoring-plus',
    input: { track: 'safeguarding', involved: [] },
    dates: received,
    due: { acknowledgeBy: null, replyBy: '2026-12-03', nextStageRequestBy: null }
  },
  {
    id: 'MP-8',
    preset: 'child-protection-mentoring-plus',
    roster: mentoring,
    input: { track: 'safeguarding', involved: [], reporterAddedBodies: ['childrens_services'] },
    receive: ['dsl', 'dsg', 'cs']
  },
  // escalating-concerns-keeping-children-safe.txt
  {
    id: 'EC-1',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: [] },
    receive: ['tl1', 'tl2']
  },
  {
    id: 'EC-2',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: [], allegationAgainstStaff: false, childRisk: true },
    receive: ['coord', 'tl1', 'tl2', 'dsl']
  },
  {
    id: 'EC-3',
    preset: 'escalating-concerns',
    input: { track: 'whistleblowing', involved: ['coord'] },
    receive: ['chair'],
    excluded: { deputy: 'tier_passed_over' }
  },
  {
    id: 'EC-4',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: [] },
    dates: received,
    due: { acknowledgeBy: null, replyBy: null, nextStageRequestBy: null }
  },
  // The default preset (a child contact centre running every track) and its own choices.
  {
    id: 'DF-1',
    preset: 'default',
    input: { track: 'safeguarding', involved: ['tl1'], allegationAgainstStaff: true },
    receive: ['coord', 'dsl', 'dsg', 'lado'],
    because: { coord: 'tier', dsl: 'own_choice', dsg: 'own_choice' }
  },
  {
    id: 'DF-2',
    preset: 'default',
    input: { track: 'safeguarding', involved: ['coord'] },
    receive: ['dsl', 'dsg', 'naccc-sm', 'lado']
  },
  {
    id: 'DF-3',
    preset: 'default',
    input: { track: 'complaint', stage: 2, involved: [] },
    receive: ['chair', 'officer']
  },
  {
    id: 'DF-4',
    preset: 'default',
    input: { track: 'complaint', involved: [], childRisk: true },
    receive: ['coord', 'dsl', 'dsg'],
    because: { dsl: 'own_choice' }
  },
  {
    id: 'DF-5',
    preset: 'default',
    input: { track: 'whistleblowing', involved: ['chair'], childRisk: true },
    receive: ['coord', 'cm1', 'cm2', 'trustee', 'cm4', 'dsl', 'dsg'],
    offered: ['lado', 'childrens_services'],
    later: ['naccc']
  }
];

function policyFor(row: Row): Policy {
  const policy = presetById(row.preset)!.policy;
  policy.teams = MENTORING_TEAMS;
  return policy;
}

describe('each clause runs as written', () => {
  it.each(rows)('$id', (row) => {
    const policy = policyFor(row);
    if (row.receive) {
      const roster = row.roster ?? centre;
      const r = eligibleRecipients(policy, roster, row.input!);
      expect(r.recipients.map((m) => m.personId).sort()).toEqual([...row.receive].sort());
      for (const [id, reason] of Object.entries(row.excluded ?? {})) {
        expect(r.excluded.find((e) => e.member.personId === id)?.reason, id).toBe(reason);
      }
      for (const id of row.input!.involved) {
        expect(r.recipients.some((m) => m.personId === id)).toBe(false);
      }
      expect(r.recipients.length + r.excluded.length).toBe(roster.length);
      for (const [id, because] of Object.entries(row.because ?? {})) {
        expect(r.recipientReasons.find((x) => x.member.personId === id)?.because).toBe(because);
      }
      const kinds = (list: { kind: BodyKind }[]) => list.map((o) => o.kind).sort();
      if (row.offered) expect(kinds(r.externalBodiesOffered)).toEqual([...row.offered].sort());
      if (row.later) expect(kinds(r.externalBodiesLater ?? [])).toEqual([...row.later].sort());
    }
    if (row.due) {
      const d = deadlinesFor(policy, row.input!.track, row.stage ?? 1, row.dates!);
      expect({
        acknowledgeBy: d.acknowledgeBy,
        replyBy: d.replyBy,
        nextStageRequestBy: d.nextStageRequestBy
      }).toEqual(row.due);
    }
    for (const [day, state] of Object.entries(row.next ?? {})) {
      const at = { track: row.input!.track, stage: row.stage ?? 1, ...row.dates! };
      const before = { ...at, respondedOn: null };
      const answered = day >= (row.dates!.respondedOn ?? '');
      expect(nextStage(policyFor(row), answered ? at : before, day).state, day).toBe(state);
    }
  });

  it('labels every timescale of every preset with the clause it comes from', () => {
    for (const preset of PRESETS) {
      for (const track of Object.values(preset.policy.tracks)) {
        for (const stage of track?.stages ?? []) {
          const scales = [stage.acknowledgeWithin, stage.replyWithin, stage.nextStageWithin];
          for (const t of scales.filter((x): x is Timescale => !!x)) {
            expect(t.source, `${preset.id} ${stage.name}`).toMatch(/\S/);
          }
        }
      }
    }
  });

  it('names the same clauses as the table in docs/ROUTING.md', () => {
    const doc = readFileSync(new URL('../../../docs/ROUTING.md', import.meta.url), 'utf8');
    const inDoc = [...doc.matchAll(/^\| ([A-Z]{2}-\d+) /gm)].map((m) => m[1]);
    expect(inDoc).toEqual(rows.map((r) => r.id));
  });
});
