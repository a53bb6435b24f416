import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serverLog } from '../../playwright.config';

interface Mail {
  to: string[];
  raw: string;
}

const mailbox = () => JSON.parse(readFileSync(`${serverLog}.mail.json`, 'utf8')) as Mail[];

test('a new case emails the people who can read it, with no content, and nobody else', async ({
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
  await page.getByTestId('send-report').click();
  const caseKey = (await page.getByTestId('case-key').textContent())!.trim();

  await expect.poll(() => mailbox().length, { timeout: 15_000 }).toBeGreaterThan(before);
  const sent = mailbox().slice(before);
  const recipients = sent.flatMap((m) => m.to);
  expect(recipients).toEqual(['chair@riverside.example']);
  for (const { raw } of sent) {
    expect(raw).toContain('Something in Candour needs you');
    for (const secret of [
      typed,
      caseKey,
      'whistleblowing',
      'Whistleblowing',
      'Priya',
      'Riverside'
    ]) {
      expect(raw.includes(secret), `the email mentions ${secret}`).toBe(false);
    }
  }
});
