/**
 * The inbox: every case this person holds, opened in the browser far enough to show its
 * category, sorted by the deadline the holders must meet next.
 */
import { api } from '$lib/client/api';
import type { ReportDocument } from '$lib/client/reporter/report';
import type { SignPublicKey, StaffKeys } from '$lib/crypto';
import { deadlinesFor, stageOf, type Policy, type Track } from '$lib/routing';
import type { CaseOrganisation, CaseSummary, InboxCase } from '$lib/server/cases/staff-queries';
import { loadCrypto } from './crypto';
import { involvedIn, linkedCases, type InvolvedPerson, type LinkedPerson } from './linked';

/** UTC day, as the server records it. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export type DeadlineKind = 'acknowledge' | 'reply';

export interface NextDeadline {
  kind: DeadlineKind;
  date: string;
  overdue: boolean;
  /** The clause of the organisation's procedure the deadline comes from, when the policy says. */
  source?: string;
}

/** The deadline the holders must meet next, from the organisation's policy; null when none. */
export function nextDeadline(
  policy: Policy | null,
  c: Pick<
    CaseSummary,
    'track' | 'stage' | 'stageStartedOn' | 'acknowledgedOn' | 'respondedOn' | 'status'
  >,
  day = utcToday()
): NextDeadline | null {
  if (!policy?.tracks[c.track] || c.status === 'closed') return null;
  let due;
  try {
    due = deadlinesFor(policy, c.track, c.stage, {
      receivedOn: c.stageStartedOn,
      acknowledgedOn: c.acknowledgedOn,
      respondedOn: c.respondedOn
    });
  } catch {
    return null;
  }
  const stage = stageOf(policy, c.track, c.stage);
  const sourced = (source: string | undefined) => (source ? { source } : {});
  if (!c.acknowledgedOn && due.acknowledgeBy) {
    const date = due.acknowledgeBy;
    return {
      kind: 'acknowledge',
      date,
      overdue: day > date,
      ...sourced(stage.acknowledgeWithin?.source)
    };
  }
  if (!c.respondedOn && due.replyBy) {
    const date = due.replyBy;
    return { kind: 'reply', date, overdue: day > date, ...sourced(stage.replyWithin?.source) };
  }
  return null;
}

export interface InboxRow {
  caseId: string;
  track: Track;
  category: string | null;
  receivedOn: string;
  stage: number;
  status: CaseSummary['status'];
  organisation: string;
  next: NextDeadline | null;
  /** False when the report's signature or decryption failed. */
  readable: boolean;
  /** People this report names whom other cases this person holds also name (linked.ts). */
  linked: LinkedPerson[];
}

/**
 * Opens each case's epoch-0 bundle (the report is always under it) and decrypts the report,
 * then sorts: overdue first, then by the nearest deadline, then newest.
 */
export async function openInbox(
  inbox: { cases: InboxCase[]; organisations: CaseOrganisation[] },
  keys: StaffKeys,
  day = utcToday()
): Promise<InboxRow[]> {
  const crypto = await loadCrypto();
  const orgs = new Map(inbox.organisations.map((o) => [o.id, o]));
  const involved: { caseId: string; involved: InvolvedPerson[] }[] = [];
  const rows = inbox.cases.map((c): InboxRow => {
    const org = orgs.get(c.organisationId);
    let category: string | null = null;
    let readable = true;
    try {
      const first = c.sealedKeys[0]!;
      const opened = crypto.openSealedCaseKeys(crypto.fromBase64(first.sealedKey), keys.box);
      const report = crypto.decryptReport(
        opened.contentKey,
        c.caseId,
        crypto.fromBase64(c.reportCiphertext),
        crypto.fromBase64(c.reporterSignPublicKey) as SignPublicKey
      ) as Partial<ReportDocument>;
      category = typeof report.category === 'string' ? report.category : null;
      involved.push({ caseId: c.caseId, involved: involvedIn(report) });
    } catch {
      readable = false;
    }
    return {
      caseId: c.caseId,
      track: c.track,
      category,
      receivedOn: c.receivedOn,
      stage: c.stage,
      status: c.status,
      organisation: org?.name ?? '',
      next: nextDeadline(org?.policy ?? null, c, day),
      readable,
      linked: []
    };
  });
  const links = linkedCases(involved);
  for (const row of rows) row.linked = links.get(row.caseId) ?? [];
  return rows.sort(compareRows);
}

function compareRows(a: InboxRow, b: InboxRow): number {
  const ao = a.next?.overdue ? 0 : 1;
  const bo = b.next?.overdue ? 0 : 1;
  if (ao !== bo) return ao - bo;
  const ad = a.next?.date ?? '9999-12-31';
  const bd = b.next?.date ?? '9999-12-31';
  if (ad !== bd) return ad < bd ? -1 : 1;
  return a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0;
}

export async function fetchInbox() {
  return api.get<{ cases: InboxCase[]; organisations: CaseOrganisation[] }>('/staff/api/cases');
}
