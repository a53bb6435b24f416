import {
  stageOf,
  type BodyKind,
  type ExternalBodyRule,
  type Policy,
  type Role,
  type RoleSelector,
  type RosterMember,
  type Stage,
  type Track
} from './policy';

export const EXCLUSION_REASONS = [
  'named_as_involved',
  'removed',
  'not_yet_active',
  'on_leave',
  'unsigned_keys',
  'stage2_investigator',
  'not_on_panel',
  'tier_passed_over',
  'lower_tier_used',
  'not_in_tier',
  'body_offered_not_added',
  'body_not_included'
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Why a member receives the case. */
export type InclusionReason =
  'tier' | 'always' | 'include_rule' | 'child_risk' | 'own_choice' | 'panel' | 'external_body';

export interface RoutingInput {
  track: Track;
  /** 1-based; 1 when absent. */
  stage?: number;
  /** Person ids the reporter names as involved. */
  involved: readonly string[];
  /**
   * Whether the concern is an allegation against staff or a volunteer. When undefined, naming
   * anyone on the organisation's own roster counts as one, so the LADO rule errs towards inclusion.
   */
  allegationAgainstStaff?: boolean;
  /** The team (project) the reporter says the concern is about; null or absent: not sure. */
  team?: string | null;
  /** The reporter marked the concern as a risk to a child. */
  childRisk?: boolean;
  /** The stage has been replied to, so bodies offered "if not satisfied" become available. */
  stageReplied?: boolean;
  /** External bodies the reporter chose to add (only those the policy offers count). */
  reporterAddedBodies?: readonly BodyKind[];
  stage2Investigator?: string | null;
  /** Person ids chosen for the stage's panel, if it has one. */
  panel?: readonly string[];
}

export interface Recipient {
  member: RosterMember;
  because: InclusionReason;
}

export interface Exclusion {
  member: RosterMember;
  reason: ExclusionReason;
}

export interface BodyOffer {
  kind: BodyKind;
  roles: Role[];
  added: boolean;
  /** Members of the body who would receive the case if added. */
  available: number;
}

export interface BodyInclusion {
  kind: BodyKind;
  roles: Role[];
  because: ExternalBodyRule['when'];
}

/** A body the reporter may add once the stage has been replied to (not yet). */
export interface BodyLater {
  kind: BodyKind;
  roles: Role[];
  note?: string;
}

export interface TierPass {
  index: number;
  because: 'member_named' | 'no_one_available';
}

export interface RoutingResult {
  recipients: RosterMember[];
  /** The same people as `recipients`, each with the rule that added them (first rule wins). */
  recipientReasons: Recipient[];
  /** Everyone else on the roster, once each, with the reason they will not read the case. */
  excluded: Exclusion[];
  /** 0-based index of the tier that receives the case; null when every tier was passed over. */
  tierUsed: number | null;
  tiersPassedOver: TierPass[];
  externalBodiesIncluded: BodyInclusion[];
  externalBodiesOffered: BodyOffer[];
  /** Bodies the procedure offers only after this stage's reply, listed so the reporter is told. */
  externalBodiesLater: BodyLater[];
  /** Bodies the reporter asked for that this track and stage do not offer. */
  bodiesNotOffered: BodyKind[];
  allegationAgainstStaff: boolean;
}

/** `team` is the team the concern is about; an `inTeam` selector matches nobody without one. */
export function selectorMatches(
  member: RosterMember,
  selector: RoleSelector,
  team?: string | null
): boolean {
  if (typeof selector === 'string') return member.roles.includes(selector);
  return (
    member.roles.includes(selector.role) &&
    (selector.alsoHolds ?? []).every((r) => member.roles.includes(r)) &&
    !(selector.notHolding ?? []).some((r) => member.roles.includes(r)) &&
    (!selector.inTeam || (!!team && (member.teams ?? []).includes(team)))
  );
}

function matchesAny(
  member: RosterMember,
  selectors: readonly RoleSelector[],
  team?: string | null
): boolean {
  return selectors.some((s) => selectorMatches(member, s, team));
}

const isInside = (m: RosterMember) => m.unitKind === 'organisation';

/** Why someone cannot receive anything at all, whatever the rules say; null when they can. */
function unavailability(member: RosterMember, named: ReadonlySet<string>): ExclusionReason | null {
  if (named.has(member.personId)) return 'named_as_involved';
  if (member.status === 'removed') return 'removed';
  if (member.status === 'invited') return 'not_yet_active';
  if (member.status === 'on_leave') return 'on_leave';
  if (member.keysSigned === false) return 'unsigned_keys';
  return null;
}

function appliesAt(rule: ExternalBodyRule, stage: number): boolean {
  return !rule.stages || rule.stages.includes(stage);
}

/**
 * Who receives a case, and for everyone else on the roster, why not. Pure: the reporter's browser
 * runs it to show both lists before sending, and the server runs it again to check.
 */
export function eligibleRecipients(
  policy: Policy,
  roster: readonly RosterMember[],
  input: RoutingInput
): RoutingResult {
  const stageNo = input.stage ?? 1;
  const stage = stageOf(policy, input.track, stageNo);
  const atStage = (policy.tracks[input.track]?.externalBodies ?? []).filter((r) =>
    appliesAt(r, stageNo)
  );
  // "If not satisfied with the response": such bodies are only told about until the reply.
  const externalRules = atStage.filter((r) => !r.afterReply || input.stageReplied);
  const externalBodiesLater: BodyLater[] = atStage
    .filter((r) => r.afterReply && !input.stageReplied)
    .map((r) => ({ kind: r.kind, roles: [...r.roles], ...(r.note ? { note: r.note } : {}) }));
  // A team the policy does not list counts as "not sure".
  const team = policy.teams?.some((t) => t.id === input.team) ? input.team! : null;
  const matches = (m: RosterMember, selectors: readonly RoleSelector[]) =>
    matchesAny(m, selectors, team);
  const ids = new Set(roster.map((m) => m.personId));
  if (ids.size !== roster.length) throw new RangeError('roster lists a person twice');
  const named = new Set(input.involved);
  const available = (m: RosterMember) => unavailability(m, named) === null;
  const inside = roster.filter(isInside);
  const namedMembers = roster.filter((m) => named.has(m.personId));

  const chosen = new Map<string, Recipient>();
  const add = (m: RosterMember, because: InclusionReason) => {
    if (!chosen.has(m.personId) && available(m)) chosen.set(m.personId, { member: m, because });
  };

  const { tierUsed, tiersPassedOver } = chooseTier(stage, inside, named, available, team);
  if (tierUsed !== null) {
    for (const m of inside) if (matches(m, stage.tiers[tierUsed]!.roles)) add(m, 'tier');
  }
  for (const m of inside) if (matches(m, stage.alwaysInclude)) add(m, 'always');

  const allegationAgainstStaff =
    input.allegationAgainstStaff ?? namedMembers.some((m) => isInside(m));
  const holds = (when: string, ifNamed?: readonly RoleSelector[]) =>
    when === 'always' ||
    (when === 'allegation_against_staff_or_volunteer' && allegationAgainstStaff) ||
    (when === 'child_risk' && input.childRisk === true) ||
    (when === 'role_named' && namedMembers.some((m) => isInside(m) && matches(m, ifNamed ?? [])));

  for (const rule of stage.includeIf ?? []) {
    if (holds(rule.when, rule.ifNamed)) {
      const because: InclusionReason = rule.ownChoice
        ? 'own_choice'
        : rule.when === 'child_risk'
          ? 'child_risk'
          : 'include_rule';
      for (const m of inside) if (matches(m, rule.roles)) add(m, because);
    }
  }

  const panel = panelCandidatesFor(stage, inside, named, input.stage2Investigator);
  if (stage.panel) {
    // Only people actually chosen; a suggestion is not a seat.
    for (const m of choosePanel(panel, input.panel ?? [], false).panel) add(m, 'panel');
  }

  const added = new Set(input.reporterAddedBodies ?? []);
  const externalBodiesIncluded: BodyInclusion[] = [];
  const externalBodiesOffered: BodyOffer[] = [];
  for (const rule of externalRules) {
    const members = roster.filter((m) => m.unitKind === rule.kind);
    const takers = members.filter((m) => rule.roles.some((r) => m.roles.includes(r)));
    let included: boolean;
    if (rule.when === 'reporter_choice') {
      const offer = {
        kind: rule.kind,
        roles: [...rule.roles],
        added: added.has(rule.kind),
        available: takers.filter(available).length
      };
      externalBodiesOffered.push(offer);
      included = offer.added;
    } else {
      included =
        rule.when === 'always' ||
        (rule.when === 'no_one_inside' && tierUsed === null) ||
        holds(rule.when, rule.ifNamed);
    }
    if (included) {
      externalBodiesIncluded.push({ kind: rule.kind, roles: [...rule.roles], because: rule.when });
      for (const m of takers) add(m, 'external_body');
    }
  }
  const offeredKinds = new Set(externalBodiesOffered.map((o) => o.kind));
  const bodiesNotOffered = [...added].filter((k) => !offeredKinds.has(k));

  const excluded: Exclusion[] = [];
  for (const m of roster) {
    if (chosen.has(m.personId)) continue;
    excluded.push({
      member: m,
      reason:
        unavailability(m, named) ??
        (isInside(m)
          ? insideReason(m, stage, tierUsed, tiersPassedOver, panel, input.stage2Investigator, team)
          : outsideReason(m, externalRules, externalBodiesIncluded, offeredKinds))
    });
  }

  // Roster order, so the reporter sees a stable list.
  const recipientReasons = roster.flatMap((m) => {
    const r = chosen.get(m.personId);
    return r && r.member === m ? [r] : [];
  });
  return {
    recipients: recipientReasons.map((r) => r.member),
    recipientReasons,
    excluded,
    tierUsed,
    tiersPassedOver,
    externalBodiesIncluded,
    externalBodiesOffered,
    externalBodiesLater,
    bodiesNotOffered,
    allegationAgainstStaff
  };
}

function chooseTier(
  stage: Stage,
  inside: readonly RosterMember[],
  named: ReadonlySet<string>,
  available: (m: RosterMember) => boolean,
  team: string | null
): { tierUsed: number | null; tiersPassedOver: TierPass[] } {
  const tiersPassedOver: TierPass[] = [];
  for (const [index, tier] of stage.tiers.entries()) {
    const members = inside.filter((m) => matchesAny(m, tier.roles, team));
    const othersNamed =
      tier.passOverIfNamed &&
      inside.some((m) => named.has(m.personId) && matchesAny(m, tier.passOverIfNamed!, team));
    if (
      othersNamed ||
      (tier.skipWhen === 'any_member_named' && members.some((m) => named.has(m.personId)))
    ) {
      tiersPassedOver.push({ index, because: 'member_named' });
    } else if (!members.some(available)) {
      tiersPassedOver.push({ index, because: 'no_one_available' });
    } else {
      return { tierUsed: index, tiersPassedOver };
    }
  }
  return { tierUsed: null, tiersPassedOver };
}

function insideReason(
  m: RosterMember,
  stage: Stage,
  tierUsed: number | null,
  passed: readonly TierPass[],
  panel: PanelCandidates,
  stage2Investigator: string | null | undefined,
  team: string | null
): ExclusionReason {
  if (stage.panel && matchesAny(m, stage.panel.roles)) {
    if (stage.panel.excludeStage2Investigator && m.personId === stage2Investigator) {
      return 'stage2_investigator';
    }
    if (panel.candidates.includes(m)) return 'not_on_panel';
  }
  const first = stage.tiers.findIndex((t) => matchesAny(m, t.roles, team));
  if (first === -1) return 'not_in_tier';
  if (passed.some((p) => p.index === first && p.because === 'member_named')) {
    return 'tier_passed_over';
  }
  if (tierUsed !== null && first > tierUsed) return 'lower_tier_used';
  return 'not_in_tier';
}

function outsideReason(
  m: RosterMember,
  rules: readonly ExternalBodyRule[],
  included: readonly BodyInclusion[],
  offered: ReadonlySet<BodyKind>
): ExclusionReason {
  const kind = m.unitKind as BodyKind;
  if (included.some((b) => b.kind === kind)) return 'not_in_tier';
  if (offered.has(kind)) {
    const offeredToThem = rules.some(
      (r) =>
        r.kind === kind && r.when === 'reporter_choice' && r.roles.some((x) => m.roles.includes(x))
    );
    return offeredToThem ? 'body_offered_not_added' : 'not_in_tier';
  }
  return 'body_not_included';
}

export interface PanelCandidates {
  /** How many the stage's panel needs; 0 when the stage has no panel. */
  size: number;
  candidates: RosterMember[];
  /** Those who hold a panel role but may not sit on it, with why. */
  excluded: Exclusion[];
}

function panelCandidatesFor(
  stage: Stage,
  inside: readonly RosterMember[],
  named: ReadonlySet<string>,
  stage2Investigator: string | null | undefined
): PanelCandidates {
  const panel = stage.panel;
  if (!panel) return { size: 0, candidates: [], excluded: [] };
  const candidates: RosterMember[] = [];
  const excluded: Exclusion[] = [];
  for (const m of inside) {
    if (!matchesAny(m, panel.roles)) continue;
    const reason =
      unavailability(m, named) ??
      (panel.excludeStage2Investigator && m.personId === stage2Investigator
        ? 'stage2_investigator'
        : null);
    if (reason) excluded.push({ member: m, reason });
    else candidates.push(m);
  }
  return { size: panel.size, candidates, excluded };
}

/** Who may sit on the stage's panel: never anyone named, nor the stage-2 investigator. */
export function panelCandidates(
  policy: Policy,
  roster: readonly RosterMember[],
  input: Pick<RoutingInput, 'track' | 'stage' | 'involved' | 'stage2Investigator'>
): PanelCandidates {
  const stage = stageOf(policy, input.track, input.stage ?? 1);
  return panelCandidatesFor(
    stage,
    roster.filter(isInside),
    new Set(input.involved),
    input.stage2Investigator
  );
}

export interface PanelChoice {
  panel: RosterMember[];
  /** False when there are too few candidates for a full panel. */
  complete: boolean;
  /** Preferred person ids that may not sit on the panel. */
  refused: string[];
}

/**
 * A panel from the candidates: the preferred people first (the chair's pick), then, when `fill`,
 * the remaining candidates in roster order. Deterministic, so browser and server agree.
 */
export function choosePanel(
  candidates: PanelCandidates,
  preferred: readonly string[] = [],
  fill = true
): PanelChoice {
  const byId = new Map(candidates.candidates.map((m) => [m.personId, m]));
  const panel: RosterMember[] = [];
  const refused: string[] = [];
  for (const id of preferred) {
    const m = byId.get(id);
    if (!m) refused.push(id);
    else if (!panel.includes(m) && panel.length < candidates.size) panel.push(m);
  }
  for (const m of fill ? candidates.candidates : []) {
    if (panel.length >= candidates.size) break;
    if (!panel.includes(m)) panel.push(m);
  }
  return { panel, complete: panel.length === candidates.size, refused };
}

/**
 * Whom "Give a colleague access" may offer: people whose keys are signed, who are active and do
 * not hold the case yet — and never anyone the report names as involved, whatever their role.
 */
export function grantCandidates(
  roster: readonly RosterMember[],
  context: { involved: ReadonlySet<string> | readonly string[]; holding: ReadonlySet<string> }
): RosterMember[] {
  const named = new Set(context.involved);
  return roster.filter(
    (m) =>
      m.keysSigned !== false &&
      m.status === 'active' &&
      !context.holding.has(m.personId) &&
      !named.has(m.personId)
  );
}
