import { eq } from 'drizzle-orm';
import { policySchema, rolesEligibleFor } from '$lib/routing';
import { appendAudit } from '../audit';
import type { Database } from '../db';
import { credentials, organisations, people, personRoles } from '../db/schema';
import type { StaffSession } from './sessions';

/*
 * Who must sign in with a second factor (docs/THREAT-MODEL.md, "second factor by default"):
 * - everyone, where an admin has asked for that (`requireTotp`);
 * - otherwise, everyone who can read safeguarding cases, unless an admin has turned that off
 *   (`safeguardingTotpOff`, audited, and shown to admins as a warning while it is off). In an
 *   organisation that is whoever holds a role the safeguarding track of its policy can reach;
 *   in an external body (NACCC, a LADO, children's services), whose people receive referrals of
 *   any track, everyone.
 */

interface UnitSettings {
  kind: string;
  policy: unknown;
  requireTotp: boolean;
  safeguardingTotpOff: boolean;
}

function readsSafeguarding(unit: UnitSettings, roles: readonly string[]): boolean {
  if (unit.kind !== 'organisation') return true;
  const policy = policySchema.safeParse(unit.policy);
  if (!policy.success) return true;
  const eligible = rolesEligibleFor(policy.data, 'safeguarding') as Set<string>;
  return roles.some((role) => eligible.has(role));
}

/** True when this person must sign in with a second factor. */
export async function secondFactorRequired(db: Database, personId: string): Promise<boolean> {
  const [unit] = await db
    .select({
      kind: organisations.kind,
      policy: organisations.policy,
      requireTotp: organisations.requireTotp,
      safeguardingTotpOff: organisations.safeguardingTotpOff
    })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, personId));
  if (!unit) return false;
  if (unit.requireTotp) return true;
  if (unit.safeguardingTotpOff) return false;
  const roles = await db
    .select({ role: personRoles.role })
    .from(personRoles)
    .where(eq(personRoles.personId, personId));
  return readsSafeguarding(
    unit,
    roles.map((r) => r.role)
  );
}

/** True when this person must still set up a second factor before doing anything else. */
export async function mustEnrolTotp(db: Database, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ totpSecret: credentials.totpSecret })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  if (!row || row.totpSecret) return false;
  return secondFactorRequired(db, personId);
}

export interface SecondFactorSettings {
  requireTotp?: boolean | undefined;
  safeguardingTotpOff?: boolean | undefined;
}

/**
 * Changes an organisation's second-factor settings. Each change that takes effect is on the
 * audit chain, in the same transaction as the change.
 */
export async function changeSecondFactorSettings(
  db: Database,
  admin: StaffSession,
  wanted: SecondFactorSettings
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        requireTotp: organisations.requireTotp,
        safeguardingTotpOff: organisations.safeguardingTotpOff
      })
      .from(organisations)
      .where(eq(organisations.id, admin.organisationId))
      .for('update');
    if (!current) return;
    const changes: SecondFactorSettings = {};
    if (wanted.requireTotp !== undefined && wanted.requireTotp !== current.requireTotp) {
      changes.requireTotp = wanted.requireTotp;
    }
    if (
      wanted.safeguardingTotpOff !== undefined &&
      wanted.safeguardingTotpOff !== current.safeguardingTotpOff
    ) {
      changes.safeguardingTotpOff = wanted.safeguardingTotpOff;
    }
    if (Object.keys(changes).length === 0) return;
    await tx.update(organisations).set(changes).where(eq(organisations.id, admin.organisationId));
    const now = new Date();
    for (const [setting, value] of Object.entries(changes) as [string, boolean][]) {
      await appendAudit(tx, {
        organisationId: admin.organisationId,
        caseId: null,
        actorKind: 'staff',
        actorPersonId: admin.personId,
        action: 'organisation.second_factor_changed',
        detail: { setting, value },
        occurredOn: now.toISOString().slice(0, 10),
        occurredAt: now
      });
    }
  });
}
