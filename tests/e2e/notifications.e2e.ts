import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serverLog } from '../../playwright.config';

interface Mail {
  to: string[];
  raw: string;
}

const mailbox = () => JSON.parse(readFileSync(`${serverLog}.mail.json`, 'utf8')) as Mail[];

test('a new case emails nobody at the moment it is filed: its notice waits for the batch', async ({
  page
}) => {
  const before = mailbox().length;
  const typed = `The coordinator left a child alone at handover ${Date.now()}`;
  await page.goto('/o/riverside/report');
  const next = () => page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/whistleblowing/).check();
  await next();
  await page.getByLabel(/code of conduct/).check();
  await next();
  await page.getByLabel('What happened?').fill(typed);
  await next();
  await next();
  await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
  for (let i = 0; i < 5; i++) await next();
  await expect(page.getByTestId('will-read')).toContainText('Margaret Ellis');
  // Not in the last moments before a full hour, when the batch itself may be going out.
  const toHour = 3_600_000 - (Date.now() % 3_600_000);
  if (toHour < 40_000) await page.waitForTimeout(toHour + 30_000);
  await page.getByTestId('send-report').click();
  await expect(page.getByTestId('case-key')).toBeVisible();
  // A reporter's action is never announced at the moment it happens: the notice waits in the
  // outbox for the organisation's next batch (the full hour), so nothing arrives now.
  // What the notice holds, and its batch timing, are checked in tests/integration.
  await page.waitForTimeout(5_000);
  expect(mailbox().slice(before)).toEqual([]);
});
