import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serverLog } from '../../playwright.config';

interface Mail {
  to: string[];
  raw: string;
}

const mailbox = () => JSON.parse(readFileSync(`${serverLog}.mail.json`, 'utf8')) as Mail[];

/** The outbox looks for due notices every 20 s (src/lib/server/notify): a little more than that. */
const OUTBOX_TICK_MS = 25_000;

/** Waits until no mail has arrived for one outbox tick, so earlier journeys' notices are out. */
async function quietMailbox(): Promise<number> {
  for (let count = mailbox().length; ;) {
    await new Promise((resolve) => setTimeout(resolve, OUTBOX_TICK_MS));
    const now = mailbox().length;
    if (now === count) return now;
    count = now;
  }
}

test('a new case emails nobody at the moment it is filed: its notice waits for the batch', async ({
  page
}) => {
  test.setTimeout(180_000);
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
  // Staff actions of earlier journeys are mailed at the next outbox tick: let them go first, and
  // keep clear of the last moments before a full hour, when the reporters' batch goes out.
  const toHour = () => 3_600_000 - (Date.now() % 3_600_000);
  let before = await quietMailbox();
  while (toHour() < 2 * OUTBOX_TICK_MS) {
    await page.waitForTimeout(toHour() + OUTBOX_TICK_MS);
    before = await quietMailbox();
  }
  await page.getByTestId('send-report').click();
  await expect(page.getByTestId('case-key')).toBeVisible();
  // A reporter's action is never announced at the moment it happens: the notice waits in the
  // outbox for the organisation's next batch (the full hour), so a whole outbox tick passes
  // without it. What the notice holds, and its batch timing, are checked in tests/integration.
  await page.waitForTimeout(OUTBOX_TICK_MS);
  expect(mailbox().slice(before)).toEqual([]);
});
