// An organisation's own choices: rules no clause of its procedure asks for, kept apart so the
// policy editor shows them as settings (on or off, previewed) and routing labels them as such.
import type { ExternalBodyRule, IncludeRule, Policy, Track } from '../policy';
import { staffSafeguardingLead } from './builders';

export interface OwnChoice {
  id: string;
  track: Track;
  /** Said to the admin beside the setting. */
  label: string;
  includeRule?: IncludeRule;
  bodyRule?: ExternalBodyRule;
}

export const OWN_CHOICES: readonly OwnChoice[] = [
  {
    id: 'safeguarding-leads-always',
    track: 'safeguarding',
    label: 'Our safeguarding lead and deputy see every safeguarding concern',
    includeRule: {
      roles: [staffSafeguardingLead, 'deputy_safeguarding_lead'],
      when: 'always',
      ownChoice: true,
      note: 'Our choice: the safeguarding lead and deputy see every safeguarding concern'
    }
  },
  {
    id: 'lado-for-staff-allegations',
    track: 'safeguarding',
    label: 'Allegations against staff or volunteers also go to the LADO',
    bodyRule: {
      kind: 'lado',
      roles: ['external_member'],
      when: 'allegation_against_staff_or_volunteer',
      ownChoice: true,
      note: 'Our choice: allegations against staff or volunteers go to the LADO'
    }
  },
  {
    id: 'child-risk-complaints',
    track: 'complaint',
    label: 'Complaints marked as a risk to a child also go to the safeguarding lead and deputy',
    includeRule: {
      roles: [staffSafeguardingLead, 'deputy_safeguarding_lead'],
      when: 'child_risk',
      ownChoice: true,
      note: 'Our choice: a risk to a child reaches the safeguarding lead or deputy'
    }
  }
];

const sameRule = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the choice is on in the policy (its rule is there, at stage 1 for include rules). */
export function hasOwnChoice(policy: Policy, choice: OwnChoice): boolean {
  const track = policy.tracks[choice.track];
  if (!track) return false;
  if (choice.includeRule) {
    return (track.stages[0]?.includeIf ?? []).some((r) => sameRule(r, choice.includeRule));
  }
  return track.externalBodies.some((r) => sameRule(r, choice.bodyRule));
}

/** A copy of the policy with the choice turned on or off; unchanged when it lacks the track. */
export function setOwnChoice(policy: Policy, choice: OwnChoice, on: boolean): Policy {
  const next = structuredClone(policy);
  const track = next.tracks[choice.track];
  if (!track || hasOwnChoice(next, choice) === on) return next;
  if (choice.includeRule) {
    const stage = track.stages[0]!;
    const rules = (stage.includeIf ?? []).filter((r) => !sameRule(r, choice.includeRule));
    stage.includeIf = on ? [...rules, structuredClone(choice.includeRule)] : rules;
  } else if (choice.bodyRule) {
    const rules = track.externalBodies.filter((r) => !sameRule(r, choice.bodyRule));
    track.externalBodies = on ? [...rules, structuredClone(choice.bodyRule)] : rules;
  }
  return next;
}
