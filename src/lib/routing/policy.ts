import { z } from 'zod';

/** These ids match the database enums; change both together. */
export const TRACKS = ['whistleblowing', 'complaint', 'safeguarding', 'compliment'] as const;
export const ROLES = [
  'coordinator',
  'deputy_coordinator',
  'team_leader',
  'chair',
  'committee_member',
  'complaints_officer',
  'safeguarding_lead',
  'deputy_safeguarding_lead',
  'senior_practitioner',
  'practitioner',
  'chief_executive',
  'safeguarding_manager',
  'external_member'
] as const;
export const BODY_KINDS = ['naccc', 'lado', 'childrens_services', 'other_body'] as const;
export const UNIT_KINDS = ['organisation', ...BODY_KINDS] as const;
export const PERSON_STATUSES = ['invited', 'active', 'on_leave', 'removed'] as const;
export const TIMESCALE_UNITS = ['calendar_days', 'working_days', 'weeks'] as const;
/** When a tier is passed over: see docs/ROUTING.md, "Tier semantics". */
export const TIER_SKIP_RULES = ['any_member_named', 'no_member_left'] as const;
export const BODY_CONDITIONS = [
  'always',
  'allegation_against_staff_or_volunteer',
  'no_one_inside',
  'role_named',
  'reporter_choice'
] as const;
export const INCLUDE_CONDITIONS = [
  'always',
  'allegation_against_staff_or_volunteer',
  'child_risk',
  'role_named'
] as const;
export const REPLY_ANCHORS = ['received', 'acknowledged', 'concluded'] as const;

export const MAX_ITEMS = 20;
export const MAX_TEXT = 200;
export const MAX_STAGES = 3;
export const MAX_PANEL = 9;
export const MAX_AMOUNT = 365;
/** Team membership travels in the signed roles list as `team:<teamId>` (see docs/ROUTING.md). */
export const TEAM_TAG_PREFIX = 'team:';

export type Track = (typeof TRACKS)[number];
export type Role = (typeof ROLES)[number];
export type BodyKind = (typeof BODY_KINDS)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const trackSchema = z.enum(TRACKS);
export const roleSchema = z.enum(ROLES);
export const bodyKindSchema = z.enum(BODY_KINDS);

const text = z.string().trim().min(1).max(MAX_TEXT);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS);
const roleList = z
  .array(roleSchema)
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'roles must not repeat');

export const timescaleSchema = z.strictObject({
  amount: z.number().int().min(0).max(MAX_AMOUNT),
  unit: z.enum(TIMESCALE_UNITS),
  /** The clause the timescale comes from, shown with the deadline. */
  source: text.optional()
});
export type Timescale = z.infer<typeof timescaleSchema>;

export const teamIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single dashes');
/** A team (Mentoring Plus calls them projects) inside the organisation. */
export const teamSchema = z.strictObject({ id: teamIdSchema, name: text });
export type Team = z.infer<typeof teamSchema>;

/**
 * Who a rule points at inside the organisation: everyone holding `role`, or only those who also
 * hold (or do not hold) other roles — e.g. the trustee for safeguarding is a committee member who
 * is also a safeguarding lead, distinct from the staff safeguarding lead — and, with `inTeam`,
 * only members of the team the reporter says the concern is about (nobody when they are not sure).
 */
export const roleSelectorSchema = z.union([
  roleSchema,
  z.strictObject({
    role: roleSchema,
    alsoHolds: roleList.optional(),
    notHolding: roleList.optional(),
    inTeam: z.literal(true).optional()
  })
]);
export type RoleSelector = z.infer<typeof roleSelectorSchema>;

export const tierSchema = z.strictObject({
  name: text.optional(),
  roles: list(roleSelectorSchema).min(1),
  skipWhen: z.enum(TIER_SKIP_RULES),
  /** The tier is also passed over when someone holding one of these is named (not a member). */
  passOverIfNamed: list(roleSelectorSchema).min(1).optional()
});
export type Tier = z.infer<typeof tierSchema>;

export const includeRuleSchema = z
  .strictObject({
    roles: list(roleSelectorSchema).min(1),
    when: z.enum(INCLUDE_CONDITIONS),
    ifNamed: list(roleSelectorSchema).min(1).optional(),
    /** The organisation's own choice, not a clause of its procedure: shown as such. */
    ownChoice: z.literal(true).optional(),
    note: text.optional()
  })
  .refine((r) => r.when !== 'role_named' || r.ifNamed, {
    message: "'role_named' needs ifNamed",
    path: ['ifNamed']
  });
export type IncludeRule = z.infer<typeof includeRuleSchema>;

export const externalBodyRuleSchema = z
  .strictObject({
    kind: bodyKindSchema,
    roles: roleList.min(1),
    when: z.enum(BODY_CONDITIONS),
    ifNamed: list(roleSelectorSchema).min(1).optional(),
    /** Stages (1-based) the rule applies to; all stages when absent. */
    stages: z.array(z.number().int().min(1).max(MAX_STAGES)).min(1).max(MAX_STAGES).optional(),
    /** Offered only once the stage has been replied to ("if not satisfied with the response"). */
    afterReply: z.literal(true).optional(),
    ownChoice: z.literal(true).optional(),
    note: text.optional()
  })
  .refine((r) => r.when !== 'role_named' || r.ifNamed, {
    message: "'role_named' needs ifNamed",
    path: ['ifNamed']
  });
export type ExternalBodyRule = z.infer<typeof externalBodyRuleSchema>;

export const panelSchema = z.strictObject({
  size: z.number().int().min(1).max(MAX_PANEL),
  roles: list(roleSelectorSchema).min(1),
  excludeStage2Investigator: z.boolean()
});
export type Panel = z.infer<typeof panelSchema>;

export const stageSchema = z.strictObject({
  name: text.optional(),
  tiers: list(tierSchema).min(1),
  alwaysInclude: list(roleSelectorSchema),
  includeIf: list(includeRuleSchema).optional(),
  panel: panelSchema.optional(),
  acknowledgeWithin: timescaleSchema.optional(),
  replyWithin: timescaleSchema.optional(),
  /** What the reply deadline counts from; 'received' when absent. */
  replyFrom: z.enum(REPLY_ANCHORS).optional(),
  /** How long after this stage's reply the reporter may ask for the next stage. */
  nextStageWithin: timescaleSchema.optional()
});
export type Stage = z.infer<typeof stageSchema>;

/**
 * How long a track's closed cases are kept before they come up for review (docs/RECORDS.md);
 * absent, the default for the track in src/lib/records/retention.ts applies.
 */
export const retentionSchema = z.strictObject({
  years: z.number().int().min(1).max(100),
  /** What the period counts from: the day the case was received, or the day it was closed. */
  from: z.enum(['received', 'closed']),
  /** Remind reviewers to keep it until the person's normal pension age if that is later. */
  pensionAgeCheck: z.boolean().optional(),
  /** Legal hold: nothing of this track comes up for review or is deleted while it is on. */
  legalHold: z.boolean().optional(),
  /** Where the period comes from (guidance, the organisation's own policy). */
  source: text.optional()
});
export type Retention = z.infer<typeof retentionSchema>;

export const trackPolicySchema = z
  .strictObject({
    stages: z.array(stageSchema).min(1).max(MAX_STAGES),
    externalBodies: list(externalBodyRuleSchema),
    retention: retentionSchema.optional()
  })
  .superRefine((t, ctx) => {
    const last = t.stages.length - 1;
    if (t.stages[last]?.nextStageWithin) {
      ctx.addIssue({
        code: 'custom',
        message: 'the last stage has no next stage to ask for',
        path: ['stages', last, 'nextStageWithin']
      });
    }
    t.externalBodies.forEach((rule, i) => {
      if (rule.stages?.some((s) => s > t.stages.length)) {
        ctx.addIssue({
          code: 'custom',
          message: 'rule names a stage this track does not have',
          path: ['externalBodies', i, 'stages']
        });
      }
    });
  });
export type TrackPolicy = z.infer<typeof trackPolicySchema>;

export const policySchema = z
  .strictObject({
    version: z.literal(1),
    name: text,
    /** Teams (projects); members carry `team:<id>` in their signed roles list. */
    teams: list(teamSchema)
      .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'team ids must not repeat')
      .optional(),
    /** Records: off unless the organisation turns it on, no case is deleted without a holder. */
    records: z.strictObject({ autoDelete: z.boolean() }).optional(),
    tracks: z.strictObject({
      whistleblowing: trackPolicySchema.optional(),
      complaint: trackPolicySchema.optional(),
      safeguarding: trackPolicySchema.optional(),
      compliment: trackPolicySchema.optional()
    })
  })
  .refine((p) => TRACKS.some((t) => p.tracks[t]), {
    message: 'a policy needs at least one track',
    path: ['tracks']
  });
export type Policy = z.infer<typeof policySchema>;

export const rosterMemberSchema = z.strictObject({
  personId: z.string().min(1).max(MAX_TEXT),
  unitId: z.string().min(1).max(MAX_TEXT),
  unitKind: z.enum(UNIT_KINDS),
  displayName: text,
  roles: roleList,
  /** Team ids, from the `team:<id>` tags in the signed roles list. */
  teams: z.array(teamIdSchema).max(MAX_ITEMS).optional(),
  status: z.enum(PERSON_STATUSES),
  /** False when the person's keys are not (yet) signed into the roster; true when absent. */
  keysSigned: z.boolean().optional()
});
export type RosterMember = z.infer<typeof rosterMemberSchema>;

/** Tracks this policy offers, in display order. */
export function tracksOffered(policy: Policy): Track[] {
  return TRACKS.filter((t) => policy.tracks[t]);
}

/** The stage's rules, or a RangeError when the policy has no such track or stage. */
export function stageOf(policy: Policy, track: Track, stage = 1): Stage {
  const t = policy.tracks[track];
  if (!t) throw new RangeError(`the policy has no ${track} track`);
  const s = t.stages[stage - 1];
  if (!s) throw new RangeError(`the ${track} track has no stage ${stage}`);
  return s;
}

/** The signed roles list: roles, then one `team:<id>` tag per team (see docs/PROTOCOL.md). */
export function rosterTags(roles: readonly string[], teams: readonly string[] = []): string[] {
  return [...roles, ...teams.map((t) => `${TEAM_TAG_PREFIX}${t}`)];
}

/** Splits a signed roles list back into roles and team ids; unknown tags are dropped. */
export function splitRosterTags(tags: readonly string[]): { roles: Role[]; teams: string[] } {
  const roles = tags.filter((t): t is Role => (ROLES as readonly string[]).includes(t));
  const teams = tags
    .filter((t) => t.startsWith(TEAM_TAG_PREFIX))
    .map((t) => t.slice(TEAM_TAG_PREFIX.length))
    .filter((t) => teamIdSchema.safeParse(t).success);
  return { roles, teams };
}
