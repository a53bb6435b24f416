import { expect, test } from '@playwright/test';
import { demoPassword, signIn } from './support';

// Issue 10, item 3: people who can read safeguarding cases sign in with a second factor unless an
// admin turns that off; admins see a warning on every staff page while it is off. The demo starts
// with it off. Bridgeway is used so Riverside's journeys are not disturbed; the setting is put
// back at the end.

const ADMIN = 'admin@bridgeway.example';
const LEAD = 'head.of.practice@bridgeway.example';

test('a safeguarding lead without a second factor is sent to set one up; the admin is warned while it is off', async ({
  browser
}) => {
  const admin = await signIn(browser, ADMIN);
  const warning = admin.getByTestId('second-factor-off');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('turned off for people who can read safeguarding cases');
  await admin.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  await expect(warning).toBeVisible();

  await admin.getByRole('navigation').getByRole('link', { name: 'Security' }).click();
  const ask = admin.getByLabel(/Ask everyone who can read safeguarding cases/);
  await expect(ask).not.toBeChecked();
  try {
    await ask.check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(warning).toBeHidden();

    // The lead signs in without a code and lands on setting one up; nothing else opens.
    const lead = await (await browser.newContext()).newPage();
    await lead.goto('/staff/sign-in');
    await expect(
      lead.getByText(/Needed by everyone who can read safeguarding cases/)
    ).toBeVisible();
    await lead.getByLabel('Email address').fill(LEAD);
    await lead.getByLabel('Password', { exact: true }).fill(demoPassword(LEAD));
    await lead.getByRole('button', { name: 'Sign in' }).click();
    await expect(lead.getByTestId('must-enrol-totp')).toBeVisible({ timeout: 30_000 });
    await expect(lead).toHaveURL(/\/staff\/security$/);
    await lead.goto('/staff/inbox');
    await expect(lead).toHaveURL(/\/staff\/security$/);
    const api = await lead.request.get('/staff/api/cases');
    expect(api.status()).toBe(403);
    await lead.context().close();
  } finally {
    await admin.goto('/staff/security');
    await admin
      .getByLabel('Password', { exact: true })
      .fill(demoPassword(ADMIN))
      .catch(() => {});
    const unlock = admin.getByRole('button', { name: 'Unlock' });
    if (await unlock.isVisible()) await unlock.click();
    await admin.getByLabel(/Ask everyone who can read safeguarding cases/).uncheck();
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(warning).toBeVisible();
  }
});
