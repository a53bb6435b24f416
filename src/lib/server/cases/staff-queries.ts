/**
 * Read queries for the staff case pages, on top of the case store. They return ciphertext, sealed
 * bundles, public keys and the metadata docs/PROTOCOL.md lists; never plaintext.
 */
import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { AuditFormat, AuditRow } from '$lib/audit';
import { toBase64 } from '$lib/crypto';
import { deadlinesFor, policySchema, TRACKS, type Policy, type Track } from '$lib/routing';
import { toAuditRows } from '../audit';
import type { Database } from '../db';
import { auditEvents, caseKeys, cases, organisations, people } from '../db/schema';
import { rolesOf } from '../staff/accounts';
import type { CaseRecord } from './types';
import { loadCaseForStaff } from './holders';
import { caseColumns, today } from './store';
import { caseParamsSchema } from '$lib/client/cases/schemas';
import { requireStaff } from '../auth/guards';
import type { StaffSession } from '../auth/sessions';
import { notFound, validateParams } from '../http';

export interface CaseSummary {
  caseId: string;
  organisationId: string;
  track: Track;
  stage: number;
  status: CaseRecord['status'];
  keyEpoch: number;
  receivedOn: string;
  stageStartedOn: string;
  acknowledgedOn: string | null;
  respondedOn: string | null;
  closedOn: string | null;
  reporterSignPublicKey: string;
  reporterBoxPublicKey: string;
  reportCiphertext: string;
}

export interface InboxCase extends CaseSummary {
  sealedKeys: { epoch: number; sealedKey: string }[];
}

export interface CaseOrganisation {
  id: string;
  slug: string;
  name: string;
  policy: Policy | null;
}

export function summaryOf(record: CaseRecord): CaseSummary {
  return {
    caseId: record.id,
    organisationId: record.organisationId,
    track: record.track,
    stage: record.stage,
    status: record.status,
    keyEpoch: record.keyEpoch,
    receivedOn: record.receivedOn,
    stageStartedOn: record.stageStartedOn,
    acknowledgedOn: record.acknowledgedOn,
    respondedOn: record.respondedOn,
    closedOn: record.closedOn,
    reporterSignPublicKey: toBase64(record.reporterSignPublicKey),
    reporterBoxPublicKey: toBase64(record.reporterBoxPublicKey),
    reportCiphertext: toBase64(record.reportCiphertext)
  };
}

export async function organisationsById(
  db: Database,
  ids: readonly string[]
): Promise<CaseOrganisation[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      policy: organisations.policy
    })
    .from(organisations)
    .where(inArray(organisations.id, [...new Set(ids)]));
  return rows.map((row) => {
    const policy = policySchema.safeParse(row.policy);
    return { ...row, policy: policy.success ? policy.data : null };
  });
}

/** The person's live key rows: where an inbox starts, so its cost follows what they hold. */
export function inboxKeysQuery(db: Database, personId: string) {
  return db
    .select({ caseId: caseKeys.caseId, epoch: caseKeys.epoch, sealedKey: caseKeys.sealedKey })
    .from(caseKeys)
    .where(and(eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn)))
    .orderBy(asc(caseKeys.caseId), asc(caseKeys.epoch));
}

/**
 * The cases this person holds a live key for, newest first: from their keys, each case then
 * fetched by primary key. The lateral fetch (its `limit 1` keeps it from being merged into a
 * join) gives one plan at every size, so the cost follows the cases the person holds and never
 * the number of cases on the host.
 */
export function inboxCasesQuery(db: Database, personId: string) {
  const held = db
    .selectDistinct({ caseId: caseKeys.caseId })
    .from(caseKeys)
    .where(and(eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn)))
    .as('held');
  const byId = db
    .select(caseColumns)
    .from(cases)
    .where(eq(cases.id, held.caseId))
    .limit(1)
    .as('held_case');
  const fields = Object.fromEntries(
    Object.keys(caseColumns).map((name) => [name, byId[name as keyof typeof caseColumns]])
  ) as { [K in keyof typeof caseColumns]: (typeof byId)[K] };
  return db
    .select(fields)
    .from(held)
    .crossJoinLateral(byId)
    .orderBy(desc(byId.receivedOn), asc(byId.id));
}

/** The inbox's queries as `inboxFor` runs them, for the growth benchmark's EXPLAIN. */
export function inboxPlanQueries(db: Database, personId: string) {
  return [inboxKeysQuery(db, personId), inboxCasesQuery(db, personId)];
}

/**
 * Every case this person holds a live key for, with their bundles, in two queries sent together
 * (their keys; the cases those keys open): an inbox of a thousand cases must not cost a thousand round trips, nor
 * grow with other organisations' cases. Cases they do not hold never appear.
 */
export async function inboxFor(
  db: Database,
  personId: string
): Promise<{ cases: InboxCase[]; organisations: CaseOrganisation[] }> {
  // Both start from the person's keys: sent together, answered in one round trip's time.
  const [keys, rows] = await Promise.all([
    inboxKeysQuery(db, personId),
    inboxCasesQuery(db, personId)
  ]);
  const sealedByCase = new Map<string, InboxCase['sealedKeys']>();
  for (const key of keys) {
    const list = sealedByCase.get(key.caseId) ?? [];
    list.push({ epoch: key.epoch, sealedKey: toBase64(key.sealedKey) });
    sealedByCase.set(key.caseId, list);
  }
  const byCase = new Map<string, InboxCase>();
  for (const row of rows) {
    // Read side by side, so a key granted or revoked in between is left to the next look.
    const sealedKeys = sealedByCase.get(row.id);
    if (sealedKeys) byCase.set(row.id, { ...summaryOf(row), sealedKeys });
  }
  const list = [...byCase.values()];
  return {
    cases: list,
    organisations: await organisationsById(
      db,
      list.map((c) => c.organisationId)
    )
  };
}

/**
 * One row of a case's audit view: this case's events in full; for a case that has events from
 * before chains were per case (format 1), also the earlier format-1 events of other cases, as
 * links only.
 */
export type CaseAuditRow =
  | {
      seq: number;
      own: true;
      format: AuditFormat;
      organisationId: string;
      caseId: string;
      actorKind: AuditRow['actorKind'];
      actorPersonId: string | null;
      action: string;
      detail: AuditRow['detail'];
      occurredOn: string;
      occurredAt: string | null;
      prevHash: string;
      hash: string;
    }
  | { seq: number; own: false; prevHash: string; hash: string };

/** One case's own audit events in chain order (its chain: src/lib/audit.ts). */
export function caseAuditQuery(db: Database, organisationId: string, caseId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.caseId, caseId)))
    .orderBy(asc(auditEvents.seq));
}

/**
 * The audit chain of one case, as its holder may see it, depending on that case alone: its
 * events in full, so the browser recomputes their hashes with the shared verifier and follows
 * their links (docs/PROTOCOL.md §7). Format-1 events (written before chains were per case) were
 * linked through the whole organisation: for a case that has some, the organisation's format-1
 * events up to the case's last one come too, other cases' as seq and hashes only. No format-1
 * event is written any more, so that part never changes with other cases' activity.
 */
export async function caseAuditView(
  db: Database,
  organisationId: string,
  caseId: string
): Promise<CaseAuditRow[]> {
  const own = toAuditRows(await caseAuditQuery(db, organisationId, caseId));
  const lastLegacy = own.filter((r) => r.format !== 2).at(-1)?.seq;
  const legacy =
    lastLegacy === undefined
      ? []
      : toAuditRows(
          await db
            .select()
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.organisationId, organisationId),
                eq(auditEvents.format, 1),
                lte(auditEvents.seq, lastLegacy)
              )
            )
            .orderBy(asc(auditEvents.seq))
        );
  const rows = [...legacy, ...own.filter((r) => r.format === 2)];
  return rows.map((row) =>
    row.caseId === caseId
      ? {
          seq: row.seq,
          own: true as const,
          format: row.format ?? 1,
          organisationId: row.organisationId,
          caseId,
          actorKind: row.actorKind,
          actorPersonId: row.actorPersonId,
          action: row.action,
          detail: row.detail,
          occurredOn: row.occurredOn,
          occurredAt:
            row.occurredAt === null ? null : new Date(row.occurredAt as Date).toISOString(),
          prevHash: toBase64(row.prevHash),
          hash: toBase64(row.hash)
        }
      : {
          seq: row.seq,
          own: false as const,
          prevHash: toBase64(row.prevHash),
          hash: toBase64(row.hash)
        }
  );
}

/** Roles that may see the organisation's overdue counts. */
const LEAD_ROLES = ['coordinator', 'chair'] as const;

/**
 * The organisation this person leads (coordinator, chair or admin of an organisation, not of an
 * external body), or null.
 */
export async function ledOrganisation(
  db: Database,
  staff: { personId: string; organisationId: string; isAdmin: boolean }
): Promise<{ id: string; name: string; policy: Policy | null } | null> {
  const [unit] = await organisationsById(db, [staff.organisationId]);
  const [row] = await db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, staff.organisationId));
  if (!unit || row?.kind !== 'organisation') return null;
  const roles = await rolesOf(db, staff.personId);
  const leads = staff.isAdmin || roles.some((r) => (LEAD_ROLES as readonly string[]).includes(r));
  return leads ? { id: unit.id, name: unit.name, policy: unit.policy } : null;
}

export type OverdueKind = 'acknowledge' | 'reply';

export interface OverdueCounts {
  /** Open cases of the organisation this person holds. */
  open: number;
  byTrack: Record<Track, Record<OverdueKind, number>>;
}

/**
 * Counts of the organisation's open cases that this person holds, by track and by which deadline
 * has passed. Only cases they hold: a count over cases they cannot read would tell a person named
 * in a report that it exists (docs/THREAT-MODEL.md, "the accused insider").
 */
export async function overdueCounts(
  db: Database,
  organisationId: string,
  policy: Policy | null,
  personId: string,
  day = today()
): Promise<OverdueCounts> {
  const held = db
    .select({ caseId: caseKeys.caseId })
    .from(caseKeys)
    .where(and(eq(caseKeys.personId, personId), isNull(caseKeys.revokedOn)));
  const rows = await db
    .select({
      track: cases.track,
      stage: cases.stage,
      stageStartedOn: cases.stageStartedOn,
      acknowledgedOn: cases.acknowledgedOn,
      respondedOn: cases.respondedOn
    })
    .from(cases)
    .where(
      and(
        eq(cases.organisationId, organisationId),
        ne(cases.status, 'closed'),
        sql`${cases.id} in ${held}`
      )
    );
  const byTrack = Object.fromEntries(
    TRACKS.map((t) => [t, { acknowledge: 0, reply: 0 }])
  ) as OverdueCounts['byTrack'];
  for (const row of rows) {
    if (!policy?.tracks[row.track]) continue;
    let due;
    try {
      due = deadlinesFor(policy, row.track, row.stage, {
        receivedOn: row.stageStartedOn,
        acknowledgedOn: row.acknowledgedOn,
        respondedOn: row.respondedOn
      });
    } catch {
      continue;
    }
    if (!row.acknowledgedOn && due.acknowledgeBy && day > due.acknowledgeBy) {
      byTrack[row.track].acknowledge++;
    }
    if (!row.respondedOn && due.replyBy && day > due.replyBy) byTrack[row.track].reply++;
  }
  return { open: rows.length, byTrack };
}

/** Display names for people ids (holders, senders), from any unit. Names are not case content. */
export async function namesOf(
  db: Database,
  ids: readonly string[]
): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await db
    .select({ id: people.id, name: people.displayName })
    .from(people)
    .where(inArray(people.id, unique));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/**
 * The signed-in person and the case they hold, for every staff case endpoint: 401 when signed
 * out, 404 for a malformed id or a case they hold no live key for (admins included).
 */
export async function heldCase(
  db: Database,
  locals: App.Locals,
  params: Record<string, string>
): Promise<{
  staff: StaffSession;
  record: CaseRecord;
  sealedKeys: { epoch: number; sealedKey: Uint8Array }[];
}> {
  const staff = requireStaff(locals);
  const { caseId } = validateParams(caseParamsSchema, params);
  const loaded = await loadCaseForStaff(db, caseId, staff.personId);
  if (!loaded) notFound();
  return { staff, record: loaded.case, sealedKeys: loaded.sealedKeys };
}

/**
 * The stage-2 investigator as the server can tell from the case's audit trail (no content):
 * whoever recorded the stage-2 response date, else the first staff member who wrote at stage 2.
 * The policies keep that person off the stage-3 panel; browsers apply the same rule.
 */
export async function stage2InvestigatorFromAudit(
  db: Database,
  caseId: string
): Promise<string | null> {
  const events = await db
    .select({
      action: auditEvents.action,
      actorKind: auditEvents.actorKind,
      actorPersonId: auditEvents.actorPersonId,
      detail: auditEvents.detail
    })
    .from(auditEvents)
    .where(eq(auditEvents.caseId, caseId))
    .orderBy(asc(auditEvents.seq));
  let stage = 1;
  let firstWriter: string | null = null;
  let responder: string | null = null;
  for (const event of events) {
    const detail = (event.detail ?? {}) as { stage?: unknown; respondedOn?: unknown };
    if (typeof detail.stage === 'number') stage = detail.stage;
    if (stage !== 2 || event.actorKind !== 'staff' || !event.actorPersonId) continue;
    if (event.action === 'entry.message') firstWriter ??= event.actorPersonId;
    if (
      event.action === 'case.updated' &&
      typeof detail.respondedOn === 'string' &&
      detail.respondedOn
    ) {
      responder = event.actorPersonId;
    }
  }
  return responder ?? firstWriter;
}
