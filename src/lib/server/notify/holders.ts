import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { caseKeys, people } from '../db/schema';

export type CaseEvent = 'new_case' | 'new_message' | 'deadline' | 'review';

export interface NotifyHoldersInput {
  caseId: string;
  /** Kept for callers' clarity only: every event sends the same notice. */
  event: CaseEvent;
  /** The person who caused the event; they need no notice of their own action. */
  exceptPersonId?: string | undefined;
}

export interface NotifyResult {
  sent: number;
  failed: number;
}

/**
 * The people who may read the case right now: a live key row, and active (someone on leave or
 * removed is not chased). Nobody without a key is ever returned, whatever their role.
 */
async function liveHolders(db: Database, caseId: string, exceptPersonId?: string) {
  return db
    .selectDistinct({ id: people.id, email: people.email })
    .from(caseKeys)
    .innerJoin(people, eq(people.id, caseKeys.personId))
    .where(
      and(
        eq(caseKeys.caseId, caseId),
        isNull(caseKeys.revokedOn),
        eq(people.status, 'active'),
        exceptPersonId ? ne(people.id, exceptPersonId) : undefined
      )
    );
}

/** Addresses of the people `liveHolders` finds (emails are unique, so one per person). */
export async function holderAddresses(
  db: Database,
  caseId: string,
  exceptPersonId?: string
): Promise<string[]> {
  return (await liveHolders(db, caseId, exceptPersonId)).map((r) => r.email);
}

/** Ids of the same people as `holderAddresses`: what the outbox stores instead of an address. */
export async function holderIds(
  db: Database,
  caseId: string,
  exceptPersonId?: string
): Promise<string[]> {
  return (await liveHolders(db, caseId, exceptPersonId)).map((r) => r.id);
}

/** Only the error's code (ECONNECTION, EENVELOPE...): SMTP replies often echo the address. */
export function failureReason(error: unknown): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,24}$/.test(code) ? new Error(code) : undefined;
}
