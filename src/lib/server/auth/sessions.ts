import type { Cookies } from '@sveltejs/kit';
import { and, eq, gt, lt, or } from 'drizzle-orm';
import type { Database } from '../db';
import { credentials, people, sessions } from '../db/schema';
import { config } from '../config';
import { secondFactorRequired } from './second-factor-policy';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'candour_session';
export const SESSION_COOKIE_PATH = '/staff';
/** Signed out after this long without a request… */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** …and after this long whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export interface StaffSession {
  personId: string;
  organisationId: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
  isHost: boolean;
  /**
   * This person must sign in with a second factor (everyone, or people who can read safeguarding
   * cases: auth/second-factor-policy.ts) and has not set it up yet.
   */
  mustEnrolTotp: boolean;
}

export async function createSession(db: Database, personId: string): Promise<string> {
  const { token, hash } = await newToken();
  const now = Date.now();
  await db.insert(sessions).values({
    idHash: hash,
    personId,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS)
  });
  // Expired sessions of anyone are cleared as new ones are made; no scheduler needed.
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, new Date(now)),
        lt(sessions.lastSeenAt, new Date(now - IDLE_TIMEOUT_MS))
      )
    );
  return token;
}

export async function findSession(
  db: Database,
  token: string | undefined
): Promise<StaffSession | null> {
  if (!token) return null;
  const hash = await hashToken(token);
  if (!hash) return null;
  const now = Date.now();
  const [row] = await db
    .select({
      personId: people.id,
      organisationId: people.organisationId,
      displayName: people.displayName,
      email: people.email,
      isAdmin: people.isAdmin,
      isHost: people.isHost,
      status: people.status,
      totpSecret: credentials.totpSecret
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .innerJoin(credentials, eq(credentials.personId, people.id))
    .where(
      and(
        eq(sessions.idHash, hash),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, new Date(now - IDLE_TIMEOUT_MS))
      )
    );
  if (!row || row.status === 'removed' || row.status === 'invited') return null;
  await db
    .update(sessions)
    .set({ lastSeenAt: new Date(now) })
    .where(eq(sessions.idHash, hash));
  const { status: _status, totpSecret, ...session } = row;
  const mustEnrolTotp = !totpSecret && (await secondFactorRequired(db, row.personId));
  return { ...session, mustEnrolTotp };
}

export async function endSession(db: Database, token: string | undefined): Promise<void> {
  const hash = token ? await hashToken(token) : null;
  if (hash) await db.delete(sessions).where(eq(sessions.idHash, hash));
}

export async function endAllSessions(db: Database, personId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.personId, personId));
}

export function setSessionCookie(cookies: Cookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    // Only staff pages and endpoints: reporter page loads never carry it.
    path: SESSION_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: config().ORIGIN?.startsWith('https:') ?? false,
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: SESSION_COOKIE_PATH });
}
