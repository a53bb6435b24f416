import { expect, test } from '@playwright/test';

// The proof-of-work a reporter's browser solves before a request is shown as it happens, in both
// languages. The page is told a higher difficulty than the server asks for (a stronger proof is
// accepted), so the work lasts long enough to be seen.

/**
 * Keeps what the progress region ever showed: a proof's length is luck (a lucky nonce comes in a
 * few milliseconds), so polling for the status can miss it while a record of every change cannot.
 */
async function recordProgress(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const seen = { text: '', bars: [] as string[] };
    (window as unknown as { powSeen: typeof seen }).powSeen = seen;
    new MutationObserver(() => {
      const region = document.querySelector('[data-testid="pow-progress"]');
      if (!region) return;
      if (region.textContent?.trim()) seen.text = region.textContent;
      for (const bar of region.querySelectorAll('progress')) {
        const label = bar.getAttribute('aria-label');
        if (label && !seen.bars.includes(label)) seen.bars.push(label);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

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
    await recordProgress(page);
    await slowProofs(page);
    await page.goto(`/o/riverside/case?lang=${lang}`);
    const { generateCaseKey, ready } = await import('../../src/lib/crypto');
    await ready();
    await page.locator('#case-key').fill(generateCaseKey());
    await page.locator('form button[type="submit"]').click();
    const progress = page.getByTestId('pow-progress');
    await expect(progress).toHaveAttribute('role', 'status');
    // Once the proof is made the status empties again; the look-up then answers as usual.
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 90_000 });
    await expect(progress).toBeEmpty();
    const seen = await page.evaluate(
      () => (window as unknown as { powSeen: { text: string; bars: string[] } }).powSeen
    );
    expect(seen.text).toContain(status);
    expect(seen.bars).toContain(bar);
  });
}
