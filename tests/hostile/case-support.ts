// Helpers for the hostile-server tests of a case's integrity: file a case through the real
// reporter pages, sign staff in, and change the database behind the server's back as a
// compromised host would.
import { expect, type Page } from '@playwright/test';

export { demoPassword, openFromInbox, signIn, withHostDatabase } from './host';
export const SLUG = 'riverside';
export const CHAIR = 'chair@riverside.example';
export const COLLEAGUE = 'david.chen@riverside.example';

/** A whistleblowing report naming the coordinator, so it goes to the chair. */
export async function fileReport(
  page: Page,
  what: string
): Promise<{ caseId: string; caseKey: string }> {
  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/code of conduct/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What happened?').fill(what);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('When').fill('last Saturday');
  await page.getByLabel('Where').fill('the hall');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Does anyone else know about this?').fill('nobody');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What would you like to happen?').fill('an answer');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis');
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const caseId = ((await (await response).json()) as { caseId: string }).caseId;
  const caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  return { caseId, caseKey };
}

/** The reporter comes back with their case key. */
export async function openReporterCase(page: Page, caseKey: string): Promise<void> {
  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(caseKey);
  await page.getByRole('button', { name: 'Open my case' }).click();
}

/** The staff member writes a message to the reporter and waits until it shows. */
export async function reply(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message to the reporter', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(page.getByTestId('conversation')).toContainText(text);
}
