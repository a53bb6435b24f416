import { error } from '@sveltejs/kit';
import { sql, type SQL } from 'drizzle-orm';
import { parsePowToken, verifyPow, type PowChallenge } from '$lib/crypto';
import { queryRows, type Database } from './db';
import { cases, organisations } from './db/schema';

/*
 * Anonymous endpoints cost the client work instead of spending a shared allowance: a flood slows
 * the flooder, never a real reporter, and nothing about any requester is stored
 * (docs/THREAT-MODEL.md, "a flooder").
 */

export const POW_HEADER = 'x-candour-pow';

/** About 4,000 hashes: well under a second in a phone's browser. */
export const LOOKUP_DIFFICULTY = 12;
/** About 65,000 hashes for a submission; more when an organisation is being flooded. */
export const SUBMIT_BASE_DIFFICULTY = 16;
export const SUBMIT_MAX_DIFFICULTY = 22;
/** Cases an organisation may receive in a day before each next one costs twice as much. */
export const SUBMIT_DOUBLING_EVERY = 20;
/** New-case emails an organisation's holders get in a day; later cases are in their inbox. */
export const NEW_CASE_NOTICES_PER_DAY = 5;

/**
 * The day's count stops mattering once the work asked for is at its cap: counting stops there,
 * so a flooded organisation's thousandth case of the day costs no more to admit than its
 * hundredth (the notice allowance is far below it).
 */
export const RECEIVED_COUNT_CAP =
  (SUBMIT_MAX_DIFFICULTY - SUBMIT_BASE_DIFFICULTY) * SUBMIT_DOUBLING_EVERY;

/**
 * The cases `organisation` (an id, or the column of a query on `organisations`) received on
 * `day`, counted up to `cap`: one range of `cases_organisation_received_idx`, read no further.
 */
export function receivedOnCount(
  organisation: string | typeof organisations.id,
  day: string,
  cap: number
): SQL<number> {
  return sql<number>`(select count(*)::int from (select 1 from ${cases} where ${cases.organisationId} = ${organisation} and ${cases.receivedOn} = ${day} limit ${cap}) as today)`.mapWith(
    Number
  );
}

/** The day's count as a column of a query on `organisations` (read with the organisation). */
export function receivedOnColumn(day: string): SQL<number> {
  return receivedOnCount(organisations.id, day, RECEIVED_COUNT_CAP);
}

async function casesReceivedOn(db: Database, organisationId: string, day: string, cap: number) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select ${receivedOnCount(organisationId, day, cap)} as n`
  );
  return Number(row?.n ?? 0);
}

/**
 * The work a submission costs today: doubles with every SUBMIT_DOUBLING_EVERY cases the
 * organisation already received today. Counted from the cases themselves, so no new rows.
 * Pass `received` when the count was read already (receivedOnColumn).
 */
export async function submitDifficulty(
  db: Database,
  organisationId: string,
  day: string,
  received?: number
): Promise<number> {
  const n = received ?? (await casesReceivedOn(db, organisationId, day, RECEIVED_COUNT_CAP));
  return Math.min(
    SUBMIT_MAX_DIFFICULTY,
    SUBMIT_BASE_DIFFICULTY + Math.floor(n / SUBMIT_DOUBLING_EVERY)
  );
}

/**
 * A burst of new cases sends one round of emails, not one per case (NOTIFICATIONS.md).
 * `receivedBefore`: the day's count read before this case was filed, if known; the count only
 * grows, so past the allowance nothing more is read.
 */
export async function newCaseNoticeAllowed(
  db: Database,
  organisationId: string,
  day: string,
  receivedBefore?: number
): Promise<boolean> {
  if (receivedBefore !== undefined && receivedBefore + 1 > NEW_CASE_NOTICES_PER_DAY) return false;
  const received = await casesReceivedOn(db, organisationId, day, NEW_CASE_NOTICES_PER_DAY + 1);
  return received <= NEW_CASE_NOTICES_PER_DAY;
}

/** Refuses (428, with the difficulty to use) a request without a sufficient proof. */
export function requirePow(
  header: string | null,
  challenge: Omit<PowChallenge, 'difficulty'>,
  required: number
): void {
  const token = parsePowToken(header);
  if (
    !token ||
    token.difficulty < required ||
    !verifyPow({ ...challenge, difficulty: token.difficulty }, token.nonce)
  ) {
    error(428, {
      message: 'This request needs a little work from your browser first. Please try again.',
      code: 'pow_required',
      difficulty: required
    });
  }
}
