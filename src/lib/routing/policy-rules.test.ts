import { describe, expect, it } from 'vitest';
import type { RosterMember } from './policy';
import { eligibleRecipients, type ExclusionReason, type RoutingInput } from './routing';
import { centre, charity, insideIds, withStatus, presetPolicy } from './test-fixtures';

// The rules of the five policies that the clause table (clauses.test.ts) does not already run
// with the same input: combinations of people named, people on leave, and the design's own rules.

interface Row {
  rule: string;
  preset: string;
  roster?: RosterMember[];
  input: RoutingInput;
  receive: string[];
  excluded?: Record<string, ExclusionReason>;
}

const everyoneInside = insideIds(centre);

// One row per rule in the five policies (and the design's routing rules).
const rows: Row[] = [
  // Whistleblowing policy, "How to Raise a Concern".
  {
    rule: 'whistleblowing: coordinator named → the chair (even though a deputy is in that tier)',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['coord'] },
    receive: ['chair'],
    excluded: {
      coord: 'named_as_involved',
      deputy: 'tier_passed_over',
      tl1: 'tier_passed_over',
      cm1: 'lower_tier_used'
    }
  },
  {
    rule: 'whistleblowing: a team leader named → the chair',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['tl2'] },
    receive: ['chair'],
    excluded: { tl2: 'named_as_involved', coord: 'tier_passed_over', tl1: 'tier_passed_over' }
  },
  {
    rule: 'whistleblowing: team leader and chair named → coordinator or another committee member',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['tl1', 'chair'] },
    receive: ['coord', 'cm1', 'cm2', 'trustee', 'cm4'],
    excluded: { chair: 'named_as_involved', deputy: 'tier_passed_over', tl2: 'tier_passed_over' }
  },
  {
    rule: 'whistleblowing: coordinator and chair named → another committee member',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: ['coord', 'chair'] },
    receive: ['cm1', 'cm2', 'trustee', 'cm4']
  },
  {
    rule: 'whistleblowing: everyone inside named → the NACCC chief executive',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: everyoneInside },
    receive: ['naccc-ce'],
    excluded: { 'naccc-sm': 'not_in_tier', cs: 'body_offered_not_added' }
  },
  {
    rule: 'whistleblowing: no one inside available (all on leave) → the NACCC chief executive',
    preset: 'whistleblowing-ccc',
    roster: withStatus(
      centre,
      Object.fromEntries(everyoneInside.map((id) => [id, { status: 'on_leave' as const }]))
    ),
    input: { track: 'whistleblowing', involved: [] },
    receive: ['naccc-ce'],
    excluded: { coord: 'on_leave', chair: 'on_leave' }
  },
  {
    rule: 'whistleblowing: NACCC is not offered before the reply',
    preset: 'whistleblowing-ccc',
    input: { track: 'whistleblowing', involved: [], reporterAddedBodies: ['naccc'] },
    receive: ['coord', 'deputy', 'tl1', 'tl2'],
    excluded: { 'naccc-ce': 'body_not_included' }
  },
  {
    rule: "whistleblowing: the reporter adds children's services",
    preset: 'whistleblowing-ccc',
    input: {
      track: 'whistleblowing',
      involved: ['coord'],
      reporterAddedBodies: ['childrens_services']
    },
    receive: ['chair', 'cs']
  },
  {
    rule: 'whistleblowing safeguarding: staff or volunteer involved → consult the coordinator',
    preset: 'whistleblowing-ccc',
    input: { track: 'safeguarding', involved: ['tl1'] },
    receive: ['coord']
  },
  {
    rule: 'whistleblowing safeguarding: coordinator involved → NACCC safeguarding manager',
    preset: 'whistleblowing-ccc',
    input: { track: 'safeguarding', involved: ['coord'] },
    receive: ['naccc-sm'],
    excluded: { 'naccc-ce': 'not_in_tier' }
  },
  {
    rule: 'whistleblowing safeguarding: management committee involved → NACCC safeguarding manager',
    preset: 'whistleblowing-ccc',
    input: { track: 'safeguarding', involved: ['cm2'] },
    receive: ['naccc-sm'],
    excluded: { coord: 'tier_passed_over' }
  },

  // Availability.
  {
    rule: 'a person on leave is not routed to; the rest of the tier is',
    preset: 'whistleblowing-ccc',
    roster: withStatus(centre, { coord: { status: 'on_leave' } }),
    input: { track: 'whistleblowing', involved: [] },
    receive: ['deputy', 'tl1', 'tl2'],
    excluded: { coord: 'on_leave' }
  },
  {
    rule: 'a tier with nobody available is passed over',
    preset: 'whistleblowing-ccc',
    roster: withStatus(centre, {
      coord: { status: 'on_leave' },
      deputy: { status: 'removed' },
      tl1: { status: 'invited' },
      tl2: { keysSigned: false }
    }),
    input: { track: 'whistleblowing', involved: [] },
    receive: ['chair'],
    excluded: {
      coord: 'on_leave',
      deputy: 'removed',
      tl1: 'not_yet_active',
      tl2: 'unsigned_keys'
    }
  },
  {
    rule: 'a named person on leave still passes their tier over',
    preset: 'whistleblowing-ccc',
    roster: withStatus(centre, { coord: { status: 'on_leave' } }),
    input: { track: 'whistleblowing', involved: ['coord'] },
    receive: ['chair'],
    excluded: { coord: 'named_as_involved' }
  },

  // Complaints, West Wilts.
  {
    rule: 'West Wilts stage 1: the coordinator',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 1, involved: ['tl1'] },
    receive: ['coord'],
    excluded: { tl1: 'named_as_involved', chair: 'lower_tier_used', lado: 'body_not_included' }
  },
  {
    rule: 'West Wilts stage 1: complaint about the coordinator → the chair',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 1, involved: ['coord'] },
    receive: ['chair']
  },
  {
    rule: 'West Wilts stage 2: chair named → the management committee',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 2, involved: ['chair'] },
    receive: ['cm1', 'cm2', 'trustee', 'cm4']
  },
  {
    rule: 'West Wilts: after stage 3 the reporter may write to the NACCC chief executive',
    preset: 'complaints-west-wilts-ccc',
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
    rule: 'West Wilts: NACCC is not offered before stage 3',
    preset: 'complaints-west-wilts-ccc',
    input: { track: 'complaint', stage: 1, involved: [], reporterAddedBodies: ['naccc'] },
    receive: ['coord'],
    excluded: { 'naccc-ce': 'body_not_included' }
  },

  // Complaints, Birmingham.
  {
    rule: 'Birmingham stage 1: the coordinator / duty coordinator',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', stage: 1, involved: [] },
    receive: ['coord', 'deputy']
  },
  {
    rule: 'Birmingham stage 1: about the coordinator → the complaints officer',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', stage: 1, involved: ['coord'] },
    receive: ['officer'],
    excluded: { deputy: 'tier_passed_over', chair: 'lower_tier_used' }
  },
  {
    rule: 'Birmingham stage 2: chair named → the complaints officer',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', stage: 2, involved: ['chair'] },
    receive: ['officer']
  },
  {
    rule: 'Birmingham stage 3: the chair convenes; the chosen panel reads it',
    preset: 'complaints-birmingham-ccc',
    input: {
      track: 'complaint',
      stage: 3,
      involved: ['cm2'],
      stage2Investigator: 'cm1',
      panel: ['cm1', 'trustee', 'cm4', 'cm2']
    },
    receive: ['chair', 'trustee', 'cm4'],
    excluded: { cm1: 'stage2_investigator', cm2: 'named_as_involved' }
  },
  {
    rule: 'Birmingham stage 3: no one sits on the panel until chosen',
    preset: 'complaints-birmingham-ccc',
    input: { track: 'complaint', stage: 3, involved: [], stage2Investigator: 'cm1' },
    receive: ['chair'],
    excluded: { cm1: 'stage2_investigator', cm2: 'not_on_panel', trustee: 'not_on_panel' }
  },

  // Mentoring Plus child protection policy.
  {
    rule: 'Mentoring Plus: the designated safeguarding lead and the deputy',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: [] },
    receive: ['dsl', 'dsg'],
    excluded: {
      trustee: 'lower_tier_used',
      chair: 'lower_tier_used',
      sp1: 'not_in_tier',
      ceo: 'not_in_tier',
      lado: 'body_not_included',
      cs: 'body_offered_not_added'
    }
  },
  {
    rule: 'Mentoring Plus 6.2: safeguarding lead named → the deputy and the trustee for safeguarding (and the LADO)',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['dsl'] },
    receive: ['dsg', 'trustee', 'lado']
  },
  {
    rule: 'Mentoring Plus 6.3: allegation against a volunteer → the LADO is included',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: {
      track: 'safeguarding',
      involved: ['volunteer-not-on-roster'],
      allegationAgainstStaff: true
    },
    receive: ['dsl', 'dsg', 'lado']
  },
  {
    rule: 'Mentoring Plus 6.3: a practitioner named → chairperson and trustee for safeguarding, and the LADO',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['sp1'] },
    receive: ['dsl', 'dsg', 'chair', 'trustee', 'lado']
  },
  {
    rule: 'Mentoring Plus 6.3: the CEO named → chairperson and trustee for safeguarding, and the LADO',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['ceo'] },
    receive: ['dsl', 'dsg', 'chair', 'trustee', 'lado']
  },
  {
    rule: 'Mentoring Plus: the reporter says it is not about staff → no LADO',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['dsl'], allegationAgainstStaff: false },
    receive: ['dsg', 'trustee']
  },
  {
    rule: "Mentoring Plus 6.2: no representative left → children's services (and the LADO)",
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['dsl', 'dsg', 'trustee', 'chair'] },
    receive: ['cs', 'lado']
  },
  {
    rule: 'a person with two roles named is excluded from both (trustee and safeguarding lead)',
    preset: 'child-protection-mentoring-plus',
    roster: charity,
    input: { track: 'safeguarding', involved: ['dsl', 'trustee'], allegationAgainstStaff: false },
    receive: ['dsg', 'chair'],
    excluded: { trustee: 'named_as_involved' }
  },

  // Keeping children safe (escalating concerns).
  {
    rule: 'escalating: first to a line manager',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: [], allegationAgainstStaff: false },
    receive: ['tl1', 'tl2']
  },
  {
    rule: 'escalating: the manager is the problem → the other line managers',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: ['tl1'], allegationAgainstStaff: false },
    receive: ['tl2']
  },
  {
    rule: 'escalating: someone poses a risk to a child → a senior manager too',
    preset: 'escalating-concerns',
    input: { track: 'safeguarding', involved: ['tl1'] },
    receive: ['coord', 'tl2', 'dsl']
  },
  {
    rule: 'escalating: whistleblowing → senior managers hear',
    preset: 'escalating-concerns',
    input: { track: 'whistleblowing', involved: [] },
    receive: ['coord', 'deputy']
  },
  {
    rule: 'escalating: line managers and a senior manager named → the chair',
    preset: 'escalating-concerns',
    input: {
      track: 'safeguarding',
      involved: ['tl1', 'tl2', 'coord'],
      allegationAgainstStaff: false
    },
    receive: ['chair']
  },

  // The combined default preset.
  {
    rule: 'default compliment: the coordinator',
    preset: 'default',
    input: { track: 'compliment', involved: [] },
    receive: ['coord']
  }
];

describe('eligibleRecipients: one row per policy rule', () => {
  it.each(rows)('$rule', ({ preset, roster = centre, input, receive, excluded }) => {
    const result = eligibleRecipients(presetPolicy(preset), roster, input);
    expect(result.recipients.map((m) => m.personId).sort()).toEqual([...receive].sort());
    for (const [id, reason] of Object.entries(excluded ?? {})) {
      expect(result.excluded.find((e) => e.member.personId === id)?.reason, id).toBe(reason);
    }
    for (const id of input.involved) {
      expect(result.recipients.some((m) => m.personId === id)).toBe(false);
    }
    expect(result.recipients.length + result.excluded.length).toBe(roster.length);
  });
});
