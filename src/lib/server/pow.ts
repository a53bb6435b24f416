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
 * The cases an organisation received on `day`, counted up to `cap`: one range of
 * `cases_organisation_received_idx`, read no further. `organisation` is its id, or `outer`: the
 * row of a query on `organisations` this is a column of.
 */
export function receivedOnCount(
  organisation: string | typeof OUTER_ORGANISATION,
  day: string | SQL.Aliased | ReturnType<typeof sql.placeholder>,
  cap: number
): SQL<number> {
  // Qualified by hand: drizzle names a lone table's columns bare, and a bare "id" in here would
  // be the case's own.
  const id =
    organisation === OUTER_ORGANISATION ? sql`${organisations}."id"` : sql`${organisation}`;
  return sql<number>`(select count(*)::int from (select 1 from ${cases} as c where c."organisation_id" = ${id} and c."received_on" = ${day} limit ${cap}) as today)`.mapWith(
    Number
  );
}

const OUTER_ORGANISATION = Symbol('the outer organisations row');

/**
 * The day's count as a column of a query on `organisations` (read with the organisation), the
 * day a placeholder: one column object, so the query around it is built once.
 */
const COUNTED = {
  received: receivedOnCount(OUTER_ORGANISATION, sql.placeholder('day'), RECEIVED_COUNT_CAP)
};
const AT_CAP = { received: sql<number>`${RECEIVED_COUNT_CAP}::int`.mapWith(Number) };

/** Organisations this process saw reach RECEIVED_COUNT_CAP cases, by slug: the day and the id. */
const saturated = new Map<string, { day: string; organisationId: string }>();

/**
 * The day's count for a reporter route, read with the organisation (pass it to
 * reporterOrganisation, then `of` its row). The count only grows during a day, so once this
 * process has seen an organisation at the cap, the rest of its day costs no count at all: the
 * column is then the cap itself. `of` gives undefined if the slug now names another
 * organisation; submitDifficulty then counts.
 */
export function dayCount(slug: string, day: string) {
  const known = saturated.get(slug);
  const atCap = known?.day === day;
  return {
    columns: atCap ? AT_CAP : COUNTED,
    values: { day },
    of(row: { id: string; received: number }): number | undefined {
      if (atCap && known!.organisationId !== row.id) {
        saturated.delete(slug);
        return undefined;
      }
      if (row.received >= RECEIVED_COUNT_CAP) {
        if (saturated.size >= 10_000) saturated.clear();
        saturated.set(slug, { day, organisationId: row.id });
      }
      return row.received;
    }
  };
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
 * Pass `received` when the count was read already (dayCount).
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
