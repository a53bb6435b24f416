// A compromised host, for the roster attacks: it writes to its own PostgreSQL database and
// rewrites its own responses. Everything it signs, it signs with keys it made itself.
import { expect, type Page } from '@playwright/test';
import postgres from 'postgres';
import * as crypto from '../../src/lib/crypto';

import { baseURL } from '../../playwright.config';
import { send } from '../support/reporter-client';
import { withHostDatabase } from './host';

export { demoPassword, openFromInbox, signIn, withHostDatabase } from './host';
export { crypto };
export const SLUG = 'riverside';
export const PROBLEM = 'could not be verified';
type Sql = postgres.Sql;

/** Walks the reporter's form to the preview: a whistleblowing concern naming the coordinator, so it goes to the chair. */
export async function reportToPreview(page: Page, aboutStaff: 'Yes' | 'No' = 'No') {
  const next = () => page.getByRole('button', { name: 'Continue' }).click();
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await next();
  await page.getByLabel(/code of conduct/).check();
  await next();
  await page.getByLabel('What happened?').fill('hostile-suite report');
  await next();
  await page.getByLabel('When').fill('last week');
  await page.getByLabel('Where').fill('the hall');
  await next();
  // A refused roster offers nobody to name; the warning is on every step.
  const priya = page.getByRole('checkbox', { name: /Priya Shah/ });
  await expect(priya.or(page.getByTestId('roster-problem'))).toBeVisible({ timeout: 30_000 });
  if (await priya.isVisible()) await priya.check();
  await next();
  await page.getByLabel(aboutStaff, { exact: true }).check();
  for (let i = 0; i < 4; i++) await next();
}

/** Files a report through the real form; returns the case id and the case key shown. */
export async function fileReport(page: Page): Promise<{ caseId: string; caseKey: string }> {
  await reportToPreview(page);
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis', { timeout: 30_000 });
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const caseId = ((await (await response).json()) as { caseId: string }).caseId;
  const caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  return { caseId, caseKey };
}

export async function unitBySlug(sql: Sql, slug: string) {
  const [unit] = await sql`select * from organisations where slug = ${slug}`;
  return unit as { id: string; name: string; signing_public_key: Uint8Array };
}

export async function personByEmail(sql: Sql, email: string) {
  const [person] =
    await sql`select p.id, p.display_name, p.status, c.box_public_key, c.sign_public_key,
    c.roster_signature from people p join credentials c on c.person_id = p.id where p.email = ${email}`;
  return person as {
    id: string;
    display_name: string;
    status: string;
    box_public_key: Uint8Array;
    sign_public_key: Uint8Array;
    roster_signature: Uint8Array | null;
  };
}

/**
 * The host replaces a unit's key with one it made and signs the whole roster again with it:
 * every per-person entry, the roster list and the unit's own side of its links. Returns an undo.
 */
export async function resignUnitWithHostKey(sql: Sql, slug: string): Promise<() => Promise<void>> {
  await crypto.ready();
  const unit = await unitBySlug(sql, slug);
  const hostKey = crypto.generateUnitSigningKey();
  const people =
    await sql`select p.id, p.display_name, p.status, c.box_public_key, c.sign_public_key,
      c.roster_signature, coalesce(array_agg(r.role::text) filter (where r.role is not null), '{}') as roles
    from people p join credentials c on c.person_id = p.id
    left join person_roles r on r.person_id = p.id
    where p.organisation_id = ${unit.id} and p.status in ('active', 'on_leave')
    group by p.id, c.person_id`;
  const [saved] = await sql`select * from organisations where id = ${unit.id}`;
  // Code older than the signed roster list has no list or link signatures to forge.
  const hasList = 'roster_list' in saved!;
  const links = hasList
    ? await sql`select * from unit_links where organisation_id = ${unit.id} or body_id = ${unit.id}`
    : [];
  for (const p of people) {
    const entry = {
      unitId: unit.id,
      personId: p.id as string,
      roles: p.roles as string[],
      boxPublicKey: p.box_public_key as crypto.BoxPublicKey,
      signPublicKey: p.sign_public_key as crypto.SignPublicKey
    };
    const signature = crypto.signRosterEntry(hostKey.privateKey, entry);
    await sql`update credentials set roster_signature = ${signature} where person_id = ${p.id}`;
  }
  await sql`update organisations set signing_public_key = ${hostKey.publicKey} where id = ${unit.id}`;
  const list = !hasList
    ? null
    : crypto.signRosterList(hostKey.privateKey, {
        unitId: unit.id,
        version: Number(saved!.roster_list_version) + 1,
        members: people.map((p) => ({
          personId: p.id as string,
          displayName: p.display_name as string,
          status: p.status as 'active' | 'on_leave',
          roles: p.roles as string[],
          boxPublicKey: p.box_public_key as crypto.BoxPublicKey,
          signPublicKey: p.sign_public_key as crypto.SignPublicKey
        }))
      });
  if (list) {
    await sql`update organisations set roster_list = ${list},
      roster_list_version = roster_list_version + 1 where id = ${unit.id}`;
  }
  for (const link of links) {
    const [organisation] =
      await sql`select * from organisations where id = ${link.organisation_id}`;
    const [body] = await sql`select * from organisations where id = ${link.body_id}`;
    const signed = {
      organisationId: organisation!.id as string,
      organisationKey: organisation!.signing_public_key as crypto.SignPublicKey,
      bodyId: body!.id as string,
      bodyKind: body!.kind as string,
      bodyName: body!.name as string,
      bodyKey: body!.signing_public_key as crypto.SignPublicKey
    };
    const signature = crypto.signUnitLink(hostKey.privateKey, signed);
    if (link.organisation_id === unit.id) {
      await sql`update unit_links set organisation_signature = ${signature}
        where organisation_id = ${link.organisation_id} and body_id = ${link.body_id}`;
    } else {
      await sql`update unit_links set body_signature = ${signature}
        where organisation_id = ${link.organisation_id} and body_id = ${link.body_id}`;
    }
  }
  return async () => {
    await withHostDatabase(async (db) => {
      await db`update organisations set signing_public_key = ${saved!.signing_public_key}
        where id = ${unit.id}`;
      if (hasList) {
        await db`update organisations set roster_list = ${saved!.roster_list},
          roster_list_version = ${saved!.roster_list_version} where id = ${unit.id}`;
      }
      for (const p of people) {
        await db`update credentials set roster_signature = ${p.roster_signature} where person_id = ${p.id}`;
      }
      for (const link of links) {
        await db`update unit_links set organisation_signature = ${link.organisation_signature},
          body_signature = ${link.body_signature}
          where organisation_id = ${link.organisation_id} and body_id = ${link.body_id}`;
      }
    });
  };
}

/**
 * Rewrites a page's server-rendered data as a hostile host would. The host computes its own
 * Content-Security-Policy for what it serves, so the rewritten page is served without one.
 */
export async function rewriteDocument(
  page: Page,
  path: string,
  rewrite: (html: string) => string
): Promise<void> {
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      delete headers['content-length'];
      await route.fulfill({ response, headers, body: rewrite(await response.text()) });
    }
  );
}

/**
 * In server-rendered data, serves a copy of one member ahead of the real one: the same person id
 * and name, the host's keys, no signature.
 */
export function duplicateMemberInHtml(
  html: string,
  personId: string,
  keys: { box: Uint8Array; sign: Uint8Array }
): string {
  const pattern = new RegExp(`\\{personId:"${personId}"[^{}]*\\}`);
  const original = pattern.exec(html)?.[0];
  if (!original) throw new Error(`member ${personId} not found in the page data`);
  const copy = original
    .replace(/boxPublicKey:"[^"]*"/, `boxPublicKey:"${crypto.toBase64(keys.box)}"`)
    .replace(/signPublicKey:"[^"]*"/, `signPublicKey:"${crypto.toBase64(keys.sign)}"`)
    .replace(/rosterSignature:"[^"]*"/, 'rosterSignature:null');
  return html.replace(original, `${copy},${original}`);
}

/** Derives the reporter's keys from a case key and opens the content key of epoch 0. */
export async function contentKeyOf(organisationId: string, caseKey: string) {
  await crypto.ready();
  const keys = await crypto.deriveCaseKeys(crypto.parseCaseKey(caseKey), organisationId);
  const text = JSON.stringify({ lookupToken: crypto.toBase64(keys.lookupToken) });
  // Signed and with its proof-of-work, exactly as the reporter's page asks for its case.
  const response = await send(baseURL, `/o/${SLUG}/api/case`, text, keys);
  const view = response.json as { reporterKeys: { sealedKey: string }[] };
  return crypto.openSealedCaseKeys(crypto.fromBase64(view.reporterKeys[0]!.sealedKey), keys.box)
    .contentKey;
}

/** In server-rendered data, serves one more member (as the host has them) after another one. */
export function insertMemberInHtml(
  html: string,
  afterPersonId: string,
  member: {
    personId: string;
    unitId: string;
    displayName: string;
    roles: string[];
    boxPublicKey: Uint8Array;
    signPublicKey: Uint8Array;
    rosterSignature: Uint8Array | null;
  }
): string {
  const pattern = new RegExp(`\\{personId:"${afterPersonId}"[^{}]*\\}`);
  const anchor = pattern.exec(html)?.[0];
  if (!anchor) throw new Error(`member ${afterPersonId} not found in the page data`);
  const signature = member.rosterSignature
    ? `"${crypto.toBase64(member.rosterSignature)}"`
    : 'null';
  const inserted =
    `{personId:"${member.personId}",unitId:"${member.unitId}",displayName:${JSON.stringify(member.displayName)},` +
    `status:"active",roles:${JSON.stringify(member.roles)},boxPublicKey:"${crypto.toBase64(member.boxPublicKey)}",` +
    `signPublicKey:"${crypto.toBase64(member.signPublicKey)}",rosterSignature:${signature}}`;
  return html.replace(anchor, `${anchor},${inserted}`);
}
