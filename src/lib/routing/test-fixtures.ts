import type { Policy, Role, RosterMember, UnitKind } from './policy';
import { presetById } from './presets';

function person(
  personId: string,
  roles: Role[],
  unitKind: UnitKind = 'organisation',
  extra: Partial<RosterMember> = {}
): RosterMember {
  return {
    personId,
    unitId: unitKind === 'organisation' ? 'riverside' : `${unitKind}-unit`,
    unitKind,
    displayName: personId,
    roles,
    status: 'active',
    ...extra
  };
}

/** A fictional contact centre with someone in every role, plus its external bodies. */
export const centre: RosterMember[] = [
  person('coord', ['coordinator']),
  person('deputy', ['deputy_coordinator']),
  person('tl1', ['team_leader']),
  person('tl2', ['team_leader']),
  person('chair', ['chair', 'committee_member']),
  person('cm1', ['committee_member']),
  person('cm2', ['committee_member']),
  // The trustee with responsibility for safeguarding.
  person('trustee', ['committee_member', 'safeguarding_lead']),
  person('cm4', ['committee_member']),
  person('officer', ['complaints_officer']),
  person('dsl', ['safeguarding_lead']),
  person('dsg', ['deputy_safeguarding_lead']),
  person('naccc-ce', ['chief_executive'], 'naccc'),
  person('naccc-sm', ['safeguarding_manager'], 'naccc'),
  person('lado', ['external_member'], 'lado'),
  person('cs', ['external_member'], 'childrens_services')
];

/** A mentoring charity: staff safeguarding leads, practitioners, a CEO and a board. */
export const charity: RosterMember[] = [
  person('ceo', ['chief_executive']),
  person('dsl', ['safeguarding_lead']),
  person('dsg', ['deputy_safeguarding_lead']),
  person('sp1', ['senior_practitioner']),
  person('sp2', ['senior_practitioner']),
  person('chair', ['chair', 'committee_member']),
  person('trustee', ['committee_member', 'safeguarding_lead']),
  person('cm1', ['committee_member']),
  person('lado', ['external_member'], 'lado'),
  person('cs', ['external_member'], 'childrens_services')
];

/** Mentoring Plus-style: two teams (projects), each with a senior practitioner and practitioners. */
export const mentoring: RosterMember[] = [
  person('ceo', ['chief_executive']),
  person('dsl', ['safeguarding_lead']),
  person('dsg', ['deputy_safeguarding_lead']),
  person('sp-north', ['senior_practitioner'], 'organisation', { teams: ['north'] }),
  person('sp-south', ['senior_practitioner'], 'organisation', { teams: ['south'] }),
  person('pr-north', ['practitioner'], 'organisation', { teams: ['north'] }),
  person('pr-south', ['practitioner'], 'organisation', { teams: ['south'] }),
  person('chair', ['chair', 'committee_member']),
  person('trustee', ['committee_member', 'safeguarding_lead']),
  person('cm1', ['committee_member']),
  person('lado', ['external_member'], 'lado'),
  person('cs', ['external_member'], 'childrens_services')
];

export const MENTORING_TEAMS = [
  { id: 'north', name: 'North project' },
  { id: 'south', name: 'South project' }
];

export function withStatus(
  roster: RosterMember[],
  changes: Record<string, Partial<RosterMember>>
): RosterMember[] {
  return roster.map((m) => ({ ...m, ...changes[m.personId] }));
}

export const insideIds = (roster: RosterMember[]) =>
  roster.filter((m) => m.unitKind === 'organisation').map((m) => m.personId);

/** A preset's policy by id; throws on an unknown id so a typo fails loudly. */
export function presetPolicy(id: string): Policy {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.policy;
}
