import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { caseKeys, people } from '../db/schema';
import { logError } from '../log';
import type { Notifier } from './notifier';

export type CaseEvent = 'new_case' | 'new_message' | 'deadline';

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
 * Addresses of the people who may read the case right now: a live key row, and active (someone on
 * leave or removed is not chased). Nobody without a key is ever returned, whatever their role.
 */
export async function holderAddresses(
  db: Database,
  caseId: string,
  exceptPersonId?: string
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: people.email })
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
  return rows.map((r) => r.email);
}

/** Only the error's code (ECONNECTION, EENVELOPE...): SMTP replies often echo the address. */
export function failureReason(error: unknown): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,24}$/.test(code) ? new Error(code) : undefined;
}

/**
 * Emails the fixed notice to each holder of the case, one message each (never a shared To or
 * Bcc). Never rejects: a failure is logged without address or content and counted.
 */
export async function notifyHolders(
  db: Database,
  notifier: Notifier,
  input: NotifyHoldersInput
): Promise<NotifyResult> {
  const result: NotifyResult = { sent: 0, failed: 0 };
  if (!notifier.enabled) return result;
  let addresses: string[];
  try {
    addresses = await holderAddresses(db, input.caseId, input.exceptPersonId);
  } catch (error) {
    logError('notification failed', failureReason(error));
    return result;
  }
  const outcomes = await Promise.allSettled(addresses.map((to) => notifier.send(to)));
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') result.sent += 1;
    else {
      result.failed += 1;
      logError('notification failed', failureReason(outcome.reason));
    }
  }
  return result;
}

/** Fire-and-forget: starts `notifyHolders` and returns at once; the caller's answer never waits. */
export function notifyHoldersLater(
  db: Database,
  notifier: Notifier,
  input: NotifyHoldersInput
): void {
  void notifyHolders(db, notifier, input).catch(() => {});
}
