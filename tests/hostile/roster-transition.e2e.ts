import { expect, test, type Browser } from '@playwright/test';
import { crypto, fileReport, openFromInbox, reportToPreview, signIn } from './roster-support';

// The legitimate change a hostile key swap imitates: an admin hands the unit key over, signed by
// the old one. Pinned browsers follow it; links wait until both sides sign again.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  await crypto.ready();
});

async function signLinkAs(browser: Browser, email: string, other: string) {
  const page = await signIn(browser, email);
  await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: `Sign the link with ${other}` }).click();
  await expect(page.getByTestId(`link-${other}`)).toContainText('Signed by both', {
    timeout: 30_000
  });
}

test('an admin replaces the organisation key; pinned staff browsers follow the signed change', async ({
  browser,
  page
}) => {
  const { caseId } = await fileReport(page);
  const chair = await signIn(browser, 'chair@riverside.example');
  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);

  const admin = await signIn(browser, 'admin@riverside.example');
  await admin.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  // The page has checked (and if need be signed) the roster list before the key changes.
  await expect(admin.getByTestId('roster-list-version')).toBeVisible({ timeout: 30_000 });
  await expect(admin.getByTestId('unit-key-fingerprint')).toHaveText(/Fingerprint: \w{4} /);
  const before = await admin.getByTestId('unit-key-fingerprint').textContent();
  admin.once('dialog', (dialog) => void dialog.accept());
  await admin.getByRole('button', { name: 'Replace the signing key' }).click();
  await expect(admin.getByRole('status')).toContainText('The signing key was replaced', {
    timeout: 30_000
  });
  await expect(admin.getByTestId('unit-key-fingerprint')).not.toHaveText(before!);

  await openFromInbox(chair, caseId);
  await expect(chair.getByTestId('roster-problem')).toHaveCount(0);

  // Both sides signed the old key: the LADO is not offered until both sign again.
  await reportToPreview(page, 'Yes');
  await expect(page.getByTestId('body-unlinked').first()).toContainText('cannot be offered');
  await expect(page.getByTestId('roster-problem')).toHaveCount(0);

  await admin.getByRole('button', { name: 'Sign the link with NACCC' }).click();
  await expect(admin.getByTestId('link-NACCC')).toContainText('Waiting for NACCC');
  await admin.getByRole('button', { name: 'Sign the link with Riverside Council LADO' }).click();
  await expect(admin.getByTestId('link-Riverside Council LADO')).toContainText('Waiting');
  await signLinkAs(browser, 'ceo@naccc.example', 'Riverside Child Contact Centre');
  await signLinkAs(browser, 'lado@riverside-council.example', 'Riverside Child Contact Centre');

  await reportToPreview(page, 'Yes');
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis', {
    timeout: 30_000
  });
  await expect(page.getByTestId('body-unlinked')).toHaveCount(0);
  await expect(page.getByTestId('roster-problem')).toHaveCount(0);
});
