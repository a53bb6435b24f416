import { error } from '@sveltejs/kit';
import { and, asc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { credentials, invitations, people, reinvitations } from '../db/schema';
import { appendAudit } from '../audit';
import { newToken } from '../auth/tokens';
import type { StaffSession } from '../auth/sessions';
import { logError } from '../log';
import { INVITATION_LIFETIME_MS } from './invitations';
import type { StaffMail } from './mail';

/*
 * A re-invite replaces a person's keys, password and second factor, so whoever holds the link
 * becomes that person. Hence: the link is emailed to the person's own address and never shown to
 * an admin; the person and every other admin are told; it is on the audit trail; and where the
 * unit has another admin who could approve, a second admin must approve before anything is sent.
 * docs/THREAT-MODEL.md says what this does and does not stop.
 */

export type ReinviteOutcome =
  | { status: 'pending'; requestId: string }
  | { status: 'sent'; requestId: string }
  | { status: 'link'; token: string; expiresAt: Date };

const notFound = () => error(404, { message: 'Not found', code: 'not_found' });

async function targetOf(db: Database, admin: StaffSession, personId: string) {
  const [person] = await db
    .select({
      id: people.id,
      email: people.email,
      status: people.status,
      hasKeys: credentials.personId
    })
    .from(people)
    .leftJoin(credentials, eq(credentials.personId, people.id))
    .where(and(eq(people.id, personId), eq(people.organisationId, admin.organisationId)));
  if (!person || person.status === 'removed') notFound();
  return person!;
}

/** Admins who could approve a re-invite of `personId` asked for by `requesterId`. */
async function approvers(
  db: Database,
  organisationId: string,
  requesterId: string,
  personId: string
) {
  return db
    .select({ id: people.id, email: people.email })
    .from(people)
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(
      and(
        eq(people.organisationId, organisationId),
        eq(people.isAdmin, true),
        eq(people.status, 'active'),
        ne(people.id, requesterId),
        ne(people.id, personId)
      )
    );
}

async function otherAdminEmails(db: Database, organisationId: string, exceptIds: string[]) {
  const rows = await db
    .select({ id: people.id, email: people.email })
    .from(people)
    .where(
      and(
        eq(people.organisationId, organisationId),
        eq(people.isAdmin, true),
        ne(people.status, 'removed')
      )
    );
  return rows.filter((row) => !exceptIds.includes(row.id)).map((row) => row.email);
}

async function issueLink(db: Database, personId: string, createdBy: string | null) {
  const { token, hash } = await newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  await db
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.personId, personId), isNull(invitations.usedAt)));
  await db.insert(invitations).values({ personId, tokenHash: hash, createdBy, expiresAt });
  return { token, expiresAt };
}

async function tell(mail: StaffMail, addresses: string[]) {
  for (const to of new Set(addresses)) {
    await mail.notice(to).catch((cause: unknown) => logError('notification failed', cause));
  }
}

function audit(
  db: Database,
  admin: StaffSession,
  action: string,
  personId: string,
  requestId: string
) {
  return appendAudit(db, {
    organisationId: admin.organisationId,
    caseId: null,
    actorKind: 'staff',
    actorPersonId: admin.personId,
    action,
    detail: { personId, requestId },
    occurredOn: new Date().toISOString().slice(0, 10),
    occurredAt: new Date()
  });
}

/**
 * An admin asks for a new link for a colleague. Someone who never accepted their invitation has
 * no keys to take over, so they simply get a fresh link as a new invitee would.
 */
export async function requestReinvite(
  db: Database,
  admin: StaffSession,
  personId: string,
  mail: StaffMail
): Promise<ReinviteOutcome> {
  const person = await targetOf(db, admin, personId);
  if (person.status === 'invited' && !person.hasKeys) {
    return { status: 'link', ...(await issueLink(db, personId, admin.personId)) };
  }
  if (!mail.enabled) {
    error(409, {
      message:
        'Email is not set up on this Candour, so a new link cannot reach this person. They can use their recovery code, or you can remove them and invite a new account.',
      code: 'no_email'
    });
  }
  const canApprove = await approvers(db, admin.organisationId, admin.personId, personId);
  const needsApproval = canApprove.length > 0;
  const issued = await db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: reinvitations.id })
      .from(reinvitations)
      .where(and(eq(reinvitations.personId, personId), eq(reinvitations.status, 'pending')));
    if (open)
      error(409, { message: 'A new link is already waiting for approval.', code: 'pending' });
    const [row] = await tx
      .insert(reinvitations)
      .values({
        organisationId: admin.organisationId,
        personId,
        requestedBy: admin.personId,
        approvedBy: needsApproval ? null : admin.personId,
        status: needsApproval ? 'pending' : 'sent'
      })
      .returning({ id: reinvitations.id });
    const database = tx as unknown as Database;
    await audit(database, admin, 'person.reinvite_requested', personId, row!.id);
    if (needsApproval) return { requestId: row!.id, link: null };
    await audit(database, admin, 'person.reinvite_sent', personId, row!.id);
    return { requestId: row!.id, link: await issueLink(database, personId, admin.personId) };
  });
  if (issued.link) await mail.invitationLink(person.email, issued.link.token);
  else await tell(mail, [person.email]);
  await tell(mail, await otherAdminEmails(db, admin.organisationId, [admin.personId]));
  return { status: issued.link ? 'sent' : 'pending', requestId: issued.requestId };
}

/** A second admin (neither the one who asked nor the person themselves) approves a request. */
export async function approveReinvite(
  db: Database,
  approver: StaffSession,
  requestId: string,
  mail: StaffMail
): Promise<{ status: 'sent' }> {
  const issued = await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(reinvitations)
      .where(
        and(
          eq(reinvitations.id, requestId),
          eq(reinvitations.organisationId, approver.organisationId)
        )
      );
    if (!request || request.status !== 'pending') notFound();
    if (request!.requestedBy === approver.personId || request!.personId === approver.personId) {
      error(403, {
        message: 'Another administrator must approve this.',
        code: 'second_admin_needed'
      });
    }
    const claimed = await tx
      .update(reinvitations)
      .set({ status: 'sent', approvedBy: approver.personId })
      .where(and(eq(reinvitations.id, requestId), eq(reinvitations.status, 'pending')))
      .returning({ id: reinvitations.id });
    if (claimed.length === 0) notFound();
    const database = tx as unknown as Database;
    await audit(database, approver, 'person.reinvite_sent', request!.personId, requestId);
    const [person] = await tx
      .select({ email: people.email })
      .from(people)
      .where(eq(people.id, request!.personId));
    return {
      email: person!.email,
      personId: request!.personId,
      link: await issueLink(database, request!.personId, request!.requestedBy)
    };
  });
  await mail.invitationLink(issued.email, issued.link.token);
  await tell(
    mail,
    await otherAdminEmails(db, approver.organisationId, [approver.personId, issued.personId])
  );
  return { status: 'sent' };
}

/** Requests waiting for a second admin, for the people page. */
export async function pendingReinvites(db: Database, organisationId: string) {
  return db
    .select({
      requestId: reinvitations.id,
      personId: reinvitations.personId,
      requestedBy: reinvitations.requestedBy
    })
    .from(reinvitations)
    .where(
      and(
        eq(reinvitations.organisationId, organisationId),
        eq(reinvitations.status, 'pending'),
        isNotNull(reinvitations.requestedBy)
      )
    )
    .orderBy(asc(reinvitations.requestedAt));
}
