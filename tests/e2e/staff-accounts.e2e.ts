import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import * as crypto from '../../src/lib/crypto';
import { dumpTables, encodingsOf, withDatabase } from '../support/dump';
import { startCandour } from './server.js';
import { expectAccessible } from './support';

// First-run set-up needs a deployment with no organisation, so this file runs its own server.
test.describe.configure({ mode: 'serial' });

let server: Awaited<ReturnType<typeof startCandour>>;
const admin = {
  name: 'Nora Admin',
  email: 'nora@oakfield.example',
  password: 'correct horse battery oak'
};
const chair = {
  name: 'Ada Chair',
  email: 'ada@oakfield.example',
  password: 'river stone lantern chair'
};
const lado = {
  name: 'Lou Officer',
  email: 'lou@oakshire.example',
  password: 'meadow kettle lado lamp'
};
const recoveryCodes: string[] = [];
const retiredPasswords: string[] = [];
let inviteLink = '';
let totpSecret = '';

test.beforeAll(async () => {
  server = await startCandour({
    // Next to the suite's own port, so parallel runs with distinct E2E_PORTs never collide.
    port: Number(process.env.E2E_PORT ?? 4173) + 17,
    logPath: path.join(tmpdir(), `candour-e2e-accounts-${process.env.E2E_PORT ?? 4173}.log`)
  });
});

test.afterAll(async () => {
  await server?.stop();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  return context.newPage();
}

async function keepRecoveryCode(page: Page): Promise<void> {
  const code = page.getByTestId('recovery-code');
  await expect(code).toBeVisible({ timeout: 30_000 });
  recoveryCodes.push((await code.textContent())!.trim());
  await expectAccessible(page);
  await page.getByLabel('I have written down or printed my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function signIn(
  page: Page,
  who: { email: string; password: string },
  code = ''
): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Code from your authenticator app').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('first-run set-up makes the organisation and its admin in the browser', async ({
  browser
}) => {
  const page = await newPage(browser);
  await page.goto('/');
  await page.getByRole('link', { name: 'Set up the first organisation' }).click();
  await expect(page.getByRole('heading', { name: 'Set up Candour' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Organisation name').fill('Oakfield Contact Centre');
  await expect(page.getByLabel('Web address')).toHaveValue('oakfield-contact-centre');
  await page.getByLabel('Procedure to start from').selectOption('default');
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Your email address').fill(admin.email);
  await page.getByLabel('Choose a password').fill(admin.password);
  await page.getByLabel('Type the password again').fill(admin.password);
  await page.getByRole('button', { name: 'Create the organisation' }).click();
  await keepRecoveryCode(page);
  await expect(page.getByRole('heading', { name: `Hello, ${admin.name}` })).toBeVisible();
  await expect(page.getByTestId('own-fingerprint')).toHaveText(/^([0-9A-Z]{4} ){7}[0-9A-Z]{4}$/);
  await expect(page.getByTestId('unit-fingerprint')).toHaveText(/^([0-9A-Z]{4} ){7}[0-9A-Z]{4}$/);
  await expectAccessible(page);

  // A second set-up is refused: the deployment has an organisation now.
  const again = await page.request.post('/setup/api', { data: {} });
  expect(again.status()).toBe(400);
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
});

test('an admin invites a chair, who makes keys in the browser and is signed into the roster', async ({
  browser
}) => {
  const adminPage = await newPage(browser);
  await signIn(adminPage, admin);
  await expect(adminPage.getByRole('heading', { name: `Hello, ${admin.name}` })).toBeVisible();
  await adminPage.getByRole('link', { name: 'People' }).click();
  await expectAccessible(adminPage);
  await adminPage.getByLabel('Their name').fill(chair.name);
  await adminPage.getByLabel('Their email address').fill(chair.email);
  await adminPage.locator('#invite-roles').getByLabel('Chair of the management committee').check();
  await adminPage.getByRole('button', { name: 'Create invitation' }).click();
  inviteLink = (await adminPage.getByTestId('invite-link').textContent())!.trim();
  expect(inviteLink).toMatch(/\/staff\/invite#[A-Za-z0-9_-]{43}$/);

  const chairPage = await newPage(browser);
  await chairPage.goto(inviteLink);
  await expect(chairPage.getByText(`as ${chair.name} (${chair.email})`)).toBeVisible();
  await expectAccessible(chairPage);
  await chairPage.getByLabel('Choose a password').fill(chair.password);
  await chairPage.getByLabel('Type the password again').fill(chair.password);
  await chairPage.getByRole('button', { name: 'Create my keys' }).click();
  await expect(chairPage.getByTestId('await-signature')).toBeVisible({ timeout: 30_000 });
  const fingerprint = (await chairPage.getByTestId('await-signature').textContent())!.match(
    /([0-9A-Z]{4} ){7}[0-9A-Z]{4}/
  )![0];
  await keepRecoveryCode(chairPage);

  // The link works once.
  const reuse = await chairPage.request.post('/staff/api/invitations/lookup', {
    data: { token: inviteLink.split('#')[1] }
  });
  expect(reuse.status()).toBe(410);

  await adminPage.reload();
  await adminPage.getByLabel('Password', { exact: true }).fill(admin.password);
  await adminPage.getByRole('button', { name: 'Unlock' }).click();
  const row = adminPage.getByTestId(`person-${chair.email}`);
  await expect(row).toContainText('Not signed yet');
  await expect(row).toContainText(fingerprint);
  await row.getByRole('button', { name: 'Sign keys' }).click();
  await expect(row).toContainText('Signed into the roster');
});

test('two-factor sign-in, and one answer for a wrong password or a wrong code', async ({
  browser
}) => {
  const page = await newPage(browser);
  await signIn(page, chair);
  await expect(page.getByRole('heading', { name: `Hello, ${chair.name}` })).toBeVisible();
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  totpSecret = (await page.getByTestId('totp-secret').textContent())!.trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) });
  await page.getByLabel('6-digit code').fill(totp.generate());
  // A session alone cannot change the second factor: the password is asked for.
  await page.getByLabel('Your password').fill(chair.password);
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-factor sign-in is now on.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in$/);

  const answers: string[] = [];
  for (const attempt of [
    { password: 'not the password at all', code: totp.generate() },
    { password: chair.password, code: '000000' },
    { password: chair.password, code: '' }
  ]) {
    await signIn(page, { email: chair.email, password: attempt.password }, attempt.code);
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    answers.push((await alert.textContent())!.trim());
  }
  expect(new Set(answers).size).toBe(1);
  expect(answers[0]).toContain('Those details are not right');

  await signIn(page, chair, totp.generate());
  await expect(page.getByRole('heading', { name: `Hello, ${chair.name}` })).toBeVisible();
});

test('the admin edits the policy and previews who would receive a sample case', async ({
  browser
}) => {
  const page = await newPage(browser);
  await signIn(page, admin);
  await page.getByRole('link', { name: 'Policy' }).click();
  await expect(page.getByRole('heading', { name: 'Policy' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Kind of report').selectOption('whistleblowing');
  await expect(page.getByTestId('preview-recipients')).toContainText(chair.name);
  const acknowledge = page.locator('#whistleblowing-0-acknowledgeWithin');
  await acknowledge.fill('3');
  await acknowledge.blur();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('Policy saved.')).toBeVisible();
  const saved = await page.request.get('/staff/api/policy');
  const body = (await saved.json()) as {
    policy: { tracks: { whistleblowing: { stages: { acknowledgeWithin: { amount: number } }[] } } };
  };
  expect(body.policy.tracks.whistleblowing.stages[0]!.acknowledgeWithin.amount).toBe(3);

  // A signed-in person who is not an admin cannot change it.
  const chairPage = await newPage(browser);
  await signIn(
    chairPage,
    chair,
    // A code works once, so this sign-in uses the next period's (accepted one step early).
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) }).generate({
      timestamp: Date.now() + 30_000
    })
  );
  await expect(chairPage.getByRole('heading', { name: `Hello, ${chair.name}` })).toBeVisible();
  const refused = await chairPage.request.put('/staff/api/policy', { data: body.policy });
  expect(refused.status()).toBe(403);
});

test('the host adds a LADO whose first member founds its signing key, and links it', async ({
  browser
}) => {
  const page = await newPage(browser);
  await signIn(page, admin);
  await page.getByRole('link', { name: 'Host' }).click();
  await expect(page.getByTestId('unit-oakfield-contact-centre')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Name', { exact: true }).fill('Oakshire LADO');
  await page.getByLabel('Web address').fill('oakshire-lado');
  await page.getByLabel('Kind').selectOption('lado');
  await page.getByLabel('Its first administrator’s name').fill(lado.name);
  await page.getByLabel('Their email address').fill(lado.email);
  await page.getByLabel('Member of an external body').check();
  await page.getByRole('button', { name: 'Add and invite the administrator' }).click();
  const link = (await page.getByTestId('unit-invite-link').textContent())!.trim();

  const ladoPage = await newPage(browser);
  await ladoPage.goto(link);
  await expect(ladoPage.getByText('your browser will also make its signing key')).toBeVisible();
  await ladoPage.getByLabel('Choose a password').fill(lado.password);
  await ladoPage.getByLabel('Type the password again').fill(lado.password);
  await ladoPage.getByRole('button', { name: 'Create my keys' }).click();
  await expect(ladoPage.getByTestId('await-signature')).toContainText('signing key of your unit', {
    timeout: 30_000
  });
  await keepRecoveryCode(ladoPage);

  const oakfield = page.getByTestId('unit-oakfield-contact-centre');
  await oakfield.getByLabel('Oakshire LADO').check();
  await expect(oakfield.getByLabel('Oakshire LADO')).toBeChecked();
  const roster = await page.request.get('/o/oakfield-contact-centre');
  expect(roster.status()).toBe(200);
  const units = (await (await page.request.get('/staff/api/host/units')).json()) as {
    units: { slug: string; linkedBodies: string[]; id: string }[];
  };
  const body = units.units.find((u) => u.slug === 'oakshire-lado')!;
  expect(units.units.find((u) => u.slug === 'oakfield-contact-centre')!.linkedBodies).toEqual([
    body.id
  ]);
});

test('a forgotten password is replaced with the recovery code, keeping the same keys', async ({
  browser
}) => {
  const page = await newPage(browser);
  await signIn(page, admin);
  const fingerprint = (await page.getByTestId('own-fingerprint').textContent())!.trim();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  await page.goto('/staff/sign-in');
  await page.getByRole('link', { name: /Use your recovery code/ }).click();
  await expectAccessible(page);
  const newPassword = 'a brand new admin passphrase';
  await page.getByLabel('Email address').fill(admin.email);
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!.toLowerCase());
  await page.getByLabel('New password').fill(newPassword);
  await page.getByLabel('Type the password again').fill(newPassword);
  await page.getByRole('button', { name: 'Recover my keys' }).click();
  await keepRecoveryCode(page);
  await expect(page.getByTestId('own-fingerprint')).toHaveText(fingerprint);

  // The old password no longer works; the new one does, with the same keys.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(page, admin);
  await expect(page.getByRole('alert')).toContainText('Those details are not right');
  retiredPasswords.push(admin.password);
  admin.password = newPassword;
  await signIn(page, admin);
  await expect(page.getByTestId('own-fingerprint')).toHaveText(fingerprint);
});

test('the database holds no password, recovery code or private key', async () => {
  await server.stopServer();
  const dump = await withDatabase(server, dumpTables);
  await crypto.ready();
  const needles: string[] = [];
  for (const who of [admin, chair, lado]) needles.push(...encodingsOf(who.password));
  for (const password of retiredPasswords) needles.push(...encodingsOf(password));
  for (const code of recoveryCodes) needles.push(...encodingsOf(code));
  // Unwrap each person's keys here with their password, then look for the private halves.
  const rows = (await withDatabase(server, (query) =>
    query(
      'select p.email, c.password_salt, c.password_wrapped_keys from people p join credentials c on c.person_id = p.id'
    )
  )) as { email: string; password_salt: Uint8Array; password_wrapped_keys: Uint8Array }[];
  const everyone = [admin, chair, lado];
  expect(rows.map((row) => row.email).sort()).toEqual(everyone.map((who) => who.email).sort());
  for (const row of rows) {
    const who = everyone.find((person) => person.email === row.email)!;
    const { keyEncryptionKey } = await crypto.derivePasswordSecrets(
      who.password,
      new Uint8Array(row.password_salt)
    );
    const keys = crypto.unwrapStaffKeys(
      new Uint8Array(row.password_wrapped_keys),
      keyEncryptionKey
    );
    needles.push(
      ...encodingsOf(keys.box.privateKey),
      ...encodingsOf(keys.sign.privateKey),
      ...encodingsOf(keys.sign.privateKey.slice(0, 32))
    );
  }
  expect(dump).toContain(admin.email);
  for (const needle of needles)
    expect(dump.includes(needle), `found ${needle.slice(0, 8)}…`).toBe(false);
});
