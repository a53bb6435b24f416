import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db';

export interface Limit {
  /** How many attempts a window allows. */
  max: number;
  windowMs: number;
}

export interface LimitState {
  allowed: boolean;
  /** Seconds until the window resets, for Retry-After. */
  retryAfter: number;
}

/**
 * Counts one attempt against `key` in a fixed window, atomically, in the database so every
 * instance shares it. Keys name what is limited (an account, a case lookup), never an IP address.
 */
export async function consume(db: Database, key: string, limit: Limit): Promise<LimitState> {
  const now = new Date();
  // ISO strings with a cast: raw parameters are passed as-is, and the drivers differ on Dates.
  const at = now.toISOString();
  const floor = new Date(now.getTime() - limit.windowMs).toISOString();
  const [row] = await queryRows<{ count: number; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, count, window_start) values (${key}, 1, ${at}::timestamptz)
        on conflict (key) do update set
          count = case when rate_limits.window_start < ${floor}::timestamptz then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start < ${floor}::timestamptz then ${at}::timestamptz else rate_limits.window_start end
        returning count, window_start`
  );
  const count = Number(row?.count ?? 1);
  const started = new Date(row?.window_start ?? now).getTime();
  return {
    allowed: count <= limit.max,
    retryAfter: Math.max(1, Math.ceil((started + limit.windowMs - now.getTime()) / 1000))
  };
}

/** Forgets the attempts against `key`, after a success. */
export async function reset(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Attempts counted against `key` in its current window, without counting one more. */
export async function attemptsSoFar(db: Database, key: string, limit: Limit): Promise<number> {
  const floor = new Date(Date.now() - limit.windowMs).toISOString();
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count from rate_limits where key = ${key} and window_start >= ${floor}::timestamptz`
  );
  return Number(row?.count ?? 0);
}
