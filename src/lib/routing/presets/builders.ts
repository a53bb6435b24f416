import type { ExternalBodyRule, RoleSelector, Tier, Timescale, TrackPolicy } from '../policy';

export interface Preset {
  id: string;
  name: string;
  /**
   * What the preset does and which clauses of its policy it follows, in words a reporter or a
   * new admin understands (the source document's file is named in the preset's module).
   */
  description: string;
  policy: import('../policy').Policy;
}

/** Timescales carry the clause they come from; the product shows it beside the deadline. */
export const days = (amount: number, source: string): Timescale => ({
  amount,
  unit: 'calendar_days',
  source
});
export const workingDays = (amount: number, source: string): Timescale => ({
  amount,
  unit: 'working_days',
  source
});
export const weeks = (amount: number, source: string): Timescale => ({
  amount,
  unit: 'weeks',
  source
});

export function tier(
  name: string,
  roles: RoleSelector[],
  skipWhen: Tier['skipWhen'] = 'any_member_named',
  passOverIfNamed?: RoleSelector[]
): Tier {
  return { name, roles, skipWhen, ...(passOverIfNamed ? { passOverIfNamed } : {}) };
}

/** The staff safeguarding lead, as distinct from the trustee who also holds the role. */
export const staffSafeguardingLead: RoleSelector = {
  role: 'safeguarding_lead',
  notHolding: ['committee_member']
};
/** The trustee with responsibility for child safeguarding: a committee member holding the role. */
export const safeguardingTrustee: RoleSelector = {
  role: 'committee_member',
  alsoHolds: ['safeguarding_lead']
};
/** The senior practitioner of the team (project) the concern is about. */
export const teamSeniorPractitioner: RoleSelector = { role: 'senior_practitioner', inTeam: true };

export const nacccChief = (
  when: ExternalBodyRule['when'],
  note: string,
  extra: Partial<Pick<ExternalBodyRule, 'stages' | 'afterReply'>> = {}
): ExternalBodyRule => ({ kind: 'naccc', roles: ['chief_executive'], when, note, ...extra });

export const childrensServicesOnRequest = (note: string): ExternalBodyRule => ({
  kind: 'childrens_services',
  roles: ['external_member'],
  when: 'reporter_choice',
  note
});

/** Adds body rules a track lacks (same kind, condition, roles and no stage limit). */
export function withBodies(track: TrackPolicy, extra: ExternalBodyRule[]): TrackPolicy {
  const have = (r: ExternalBodyRule) =>
    track.externalBodies.some(
      (x) =>
        x.kind === r.kind && x.when === r.when && !x.stages && x.roles.join() === r.roles.join()
    );
  return { ...track, externalBodies: [...track.externalBodies, ...extra.filter((r) => !have(r))] };
}
