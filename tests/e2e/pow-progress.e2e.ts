import { expect, test } from '@playwright/test';

// The proof-of-work a reporter's browser solves before a request is shown as it happens, in both
// languages. The page is told a higher difficulty than the server asks for (a stronger proof is
// accepted), so the work lasts long enough to be seen.

async function slowProofs(page: import('@playwright/test').Page) {
  await page.route('**/o/riverside/api/pow', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { lookup: number; submit: number };
    await route.fulfill({ response, json: { ...body, lookup: 19, submit: 19 } });
  });
}

for (const [lang, status, bar] of [
  ['en', 'Preparing to send securely…', 'Preparing to send securely'],
  ['cy', 'Yn paratoi i anfon yn ddiogel…', 'Yn paratoi i anfon yn ddiogel']
] as const) {
  test(`a look-up shows its proof-of-work progress (${lang})`, async ({ page }) => {
    await slowProofs(page);
    await page.goto(`/o/riverside/case?lang=${lang}`);
    const { generateCaseKey, ready } = await import('../../src/lib/crypto');
    await ready();
    await page.locator('#case-key').fill(generateCaseKey());
    await page.locator('form button[type="submit"]').click();
    const progress = page.getByTestId('pow-progress');
    await expect(progress).toHaveAttribute('role', 'status');
    await expect(progress).toContainText(status, { timeout: 30_000 });
    await expect(progress.getByRole('progressbar', { name: bar })).toBeVisible();
    // Once the proof is made the status empties again; the look-up then answers as usual.
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 90_000 });
    await expect(progress).toBeEmpty();
  });
}
