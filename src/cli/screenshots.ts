// npm run screenshots: the reporter's journey at 375 px and 1280 px, in English and in Welsh,
// written to docs/screenshots/ so a reviewer sees the service without running it. It builds
// nothing: run `npm run build` first (the npm script does). The browser is launched exactly as
// the Playwright suite launches it.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { startCandour } from '../../tests/e2e/server.js';

const OUT = path.resolve('docs/screenshots');
const SLUG = 'riverside';
const WIDTHS = [375, 1280] as const;
const LANGUAGES = ['en', 'cy'] as const;

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const port = Number(process.env.SCREENSHOTS_PORT ?? 4399);
  const server = await startCandour({
    port,
    logPath: path.join(tmpdir(), `candour-screenshots-${port}.log`),
    env: { CANDOUR_DEMO: '1' }
  });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    for (const lang of LANGUAGES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({
          baseURL: server.url,
          viewport: { width, height: width < 600 ? 740 : 900 },
          ...(width < 600 ? { isMobile: true, hasTouch: true } : {})
        });
        const page = await context.newPage();
        await journey(page, lang, `${lang}-${width}`);
        await context.close();
        process.stdout.write(`screenshots: ${lang} at ${width} px done\n`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  process.stdout.write(`screenshots written to ${path.relative(process.cwd(), OUT)}/\n`);
}

async function journey(page: Page, lang: string, prefix: string): Promise<void> {
  let n = 0;
  const shot = async (name: string) => {
    n += 1;
    await page.waitForTimeout(150);
    await page.screenshot({
      path: path.join(OUT, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`),
      fullPage: true
    });
  };
  const query = lang === 'en' ? '' : `?lang=${lang}`;
  const next = () => page.locator('form button[type="submit"]').click();

  await page.goto(`/o/${SLUG}${query}`);
  await shot('landing');
  await page.goto(`/o/${SLUG}/report${query}`);
  await page.locator('input[name="track"]').first().waitFor();
  await shot('track');
  await next();
  await shot('track-error');
  await page.locator('#track-whistleblowing').check();
  await next();
  await page.locator('input[name="category"]').first().waitFor();
  await shot('category');
  await page.locator('#category-child_risk').check();
  await next();
  await page.locator('#what').waitFor();
  await page
    .locator('#what')
    .fill(
      lang === 'cy'
        ? 'Ddydd Sadwrn, gadawodd y cydlynydd blentyn ar ei ben ei hun gyda rhiant y mae’n rhaid goruchwylio ei gyswllt.'
        : 'On Saturday the coordinator left a child alone with a parent whose contact must be supervised.'
    );
  await shot('what');
  await next();
  await page.locator('#when').waitFor();
  await shot('when');
  await next();
  await page.locator('#involved-others').waitFor();
  await page.locator('input[type="checkbox"][id^="involved-"]').first().check();
  await shot('involved');
  await next();
  await page.locator('#staff-yes').check();
  await shot('about-staff');
  await next();
  await page.locator('#others').waitFor();
  await shot('others');
  await next();
  await page.locator('#outcome').waitFor();
  await shot('outcome');
  await next();
  await page.locator('#contact').waitFor();
  await shot('contact');
  await next();
  await page.getByTestId('send-report').waitFor({ timeout: 60_000 });
  await shot('who-will-read');
  await page.getByTestId('send-report').click();
  const key = page.getByTestId('case-key');
  await key.waitFor({ timeout: 120_000 });
  await shot('case-key');
  const caseKey = (await key.textContent())!.trim();

  await page.goto(`/o/${SLUG}/case${query}`);
  await page.locator('#case-key').waitFor();
  await page.locator('form button[type="submit"]').click();
  await shot('case-key-error');
  await page.locator('#case-key').fill(caseKey);
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('case-facts').waitFor({ timeout: 120_000 });
  await shot('case');

  const noScript = await page
    .context()
    .browser()!
    .newContext({
      baseURL: page.url().split('/o/')[0],
      javaScriptEnabled: false,
      viewport: page.viewportSize()!
    });
  const bare = await noScript.newPage();
  await bare.goto(`/o/${SLUG}/report${query}`);
  n += 1;
  await bare.screenshot({
    path: path.join(OUT, `${prefix}-${String(n).padStart(2, '0')}-without-javascript.png`),
    fullPage: true
  });
  await noScript.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  );
  process.exit(1);
});
