import { expect, test, type Page } from '@playwright/test';
import { en } from '../../src/lib/i18n/en/index';
import { openFromInbox, signIn } from './support';

// Every page a person reads, in English and in Welsh, is checked for the marks of text put
// together wrongly: a raw catalogue key or field name, an empty bracket, a doubled word,
// "undefined", "null" or "NaN", or a {placeholder} left unfilled.

test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const KEYS = Object.keys(en);
const hits: string[] = [];
let caseKey = '';
let caseId = '';

/** What is wrong with a page's visible text, one line per finding. */
function problemsIn(text: string): string[] {
  const found: string[] = [];
  const add = (what: string, match: RegExpMatchArray | null) => {
    if (match) found.push(`${what}: "${context(text, match.index ?? 0, match[0].length)}"`);
  };
  for (const key of KEYS) {
    const at = text.indexOf(key);
    if (at >= 0 && !/[\w.]/.test(text[at + key.length] ?? ' ')) {
      found.push(`raw key: "${context(text, at, key.length)}"`);
    }
  }
  add('camelCase field name', text.match(/\b[a-z]+[A-Z][a-zA-Z]*\b/));
  add('empty brackets', text.match(/\(\s*\)|\[\s*\]/));
  // Within a line: a heading followed by a paragraph that starts with its last word is fine.
  add('doubled word', text.match(/(?<![\p{L}'’-])(\p{L}+) +\1(?![\p{L}'’-])/iu));
  add('undefined, null or NaN', text.match(/\b(undefined|null|NaN)\b/));
  add('placeholder', text.match(/\{[a-zA-Z]+\}/));
  return found;
}

function context(text: string, at: number, length: number): string {
  return text
    .slice(Math.max(0, at - 30), at + length + 30)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads the page as a person sees it, with every "details" opened. */
async function read(page: Page, where: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
  const { seen: text, shown } = await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    // Machine values (hashes, signatures, keys shown in monospace) are not wording: random
    // base64 can look like a camelCase name, a fingerprint's "3C C5" like a doubled word.
    // Hidden while the text is read, then shown again. Through each element's own style: the
    // page's CSP refuses a <style> element added to it.
    const machine = [...document.querySelectorAll<HTMLElement>('.mono, code, kbd, samp')];
    const before = machine.map((element) => element.style.getPropertyValue('visibility'));
    for (const element of machine) element.style.setProperty('visibility', 'hidden', 'important');
    const shown = machine.filter((element) => getComputedStyle(element).visibility !== 'hidden');
    const seen = `${document.title}\n${document.body.innerText}`;
    machine.forEach((element, i) => element.style.setProperty('visibility', before[i]!));
    return { seen, shown: shown.length };
  });
  expect(shown, 'machine values left showing while the wording is read').toBe(0);
  for (const problem of problemsIn(text)) hits.push(`${where} (${page.url()}): ${problem}`);
  // A Welsh reporter page gives its dates in Welsh, whatever locale data the browser carries.
  const url = new URL(page.url());
  if (url.pathname.startsWith('/o/') && url.searchParams.get('lang') === 'cy') {
    const english = text.match(
      /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\b/
    );
    if (english) hits.push(`${where} (${page.url()}): English date word "${english[0]}"`);
  }
  for (const title of await repeatedTitles(page)) {
    hits.push(`${where} (${page.url()}): repeated heading or label: "${title}"`);
  }
}

/**
 * Things said twice: two headings alike, one term for two facts in a list, or a label that
 * repeats the heading right above it (GOV.UK: make the label the heading).
 */
async function repeatedTitles(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const text = (n: Element) => (n as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
    const visible = (n: Element) => (n as HTMLElement).offsetParent !== null;
    const twice = (texts: string[]) => texts.filter((x, i) => x && texts.indexOf(x) !== i);
    const headings = [...main.querySelectorAll('h1, h2, h3, h4')].filter(visible);
    const found = twice(headings.map(text));
    for (const list of main.querySelectorAll('dl')) {
      found.push(...twice([...list.querySelectorAll(':scope > dt, :scope > div > dt')].map(text)));
    }
    for (const label of main.querySelectorAll('label')) {
      if (!visible(label) || label.closest('h1, h2, h3, h4')) continue;
      const before = headings.filter(
        (h) => h.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING
      );
      const above = before.at(-1);
      if (above && text(above) === text(label)) found.push(text(label));
    }
    return [...new Set(found)];
  });
}

const submit = (page: Page) => page.locator('main form button[type="submit"]').first().click();

/** Walks the report form by its structure (so the same walk works in any language). */
async function fileReport(page: Page, lang: 'en' | 'cy'): Promise<string> {
  const q = lang === 'cy' ? '?lang=cy' : '';
  await page.goto(`/o/${SLUG}${q}`);
  await read(page, `landing ${lang}`);
  await page.goto(`/o/${SLUG}/report${q}`);
  await read(page, `report: track ${lang}`);
  await page.locator('#track-whistleblowing').check();
  await submit(page);
  await expect(page.locator('input[name="category"]').first()).toBeVisible();
  await page.locator('input[name="category"]').first().check();
  await read(page, `report: category ${lang}`);
  await submit(page);
  await page.locator('#what').fill('Something I saw at handover.');
  await read(page, `report: what ${lang}`);
  await submit(page);
  await expect(page.locator('#when')).toBeVisible();
  await read(page, `report: when ${lang}`);
  await submit(page);
  while (!(await page.locator('#involved-others').isVisible())) {
    // A team question, if the policy has teams.
    await page.locator('input[type="radio"]').first().check();
    await read(page, `report: team ${lang}`);
    await submit(page);
  }
  await read(page, `report: involved ${lang}`);
  await submit(page);
  await page.locator('#staff-unsure').check();
  await read(page, `report: about staff ${lang}`);
  await submit(page);
  await expect(page.locator('#others')).toBeVisible();
  await read(page, `report: others ${lang}`);
  await submit(page);
  await expect(page.locator('#outcome')).toBeVisible();
  await read(page, `report: outcome ${lang}`);
  await submit(page);
  await expect(page.locator('#contact')).toBeVisible();
  await read(page, `report: contact ${lang}`);
  await submit(page);
  await expect(page.getByTestId('send-report')).toBeVisible({ timeout: 30_000 });
  await read(page, `report: who will read ${lang}`);
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  const filed = (await (await response).json()) as { caseId: string };
  await expect(page.getByTestId('case-key')).toBeVisible({ timeout: 60_000 });
  await read(page, `report: sent ${lang}`);
  caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  return filed.caseId;
}

test('the report form and the sent page, in English and in Welsh', async ({ page }) => {
  await page.goto('/');
  await read(page, 'home');
  await fileReport(page, 'cy');
  caseId = await fileReport(page, 'en');
});

test('staff pages: inbox, case, record, overdue, security', async ({ browser }) => {
  const page = await signIn(browser, 'coordinator@riverside.example');
  await read(page, 'staff home');
  await openFromInbox(page, caseId);
  await read(page, 'staff case');
  await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Acknowledged');
  await read(page, 'staff case, acknowledged');
  await page
    .getByLabel('Message to the reporter', { exact: true })
    .fill('Thank you; we are looking into it.');
  await page.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(page.getByText('Thank you; we are looking into it.').first()).toBeVisible();
  await read(page, 'staff case, replied');
  await page.getByRole('link', { name: 'Written record (printable)' }).click();
  await expect(page).toHaveURL(/\/record$/);
  await read(page, 'staff case record');
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  await expect(page).toHaveURL(/\/staff\/inbox/);
  await read(page, 'inbox');
  for (const path of ['/staff/overdue', '/staff/security', '/staff/inbox?lang=cy']) {
    await page.goto(path);
    await read(page, path);
  }
  await page.context().close();
});

test('admin pages: people, policy, notices, security, host', async ({ browser }) => {
  const page = await signIn(browser, 'admin@riverside.example');
  for (const path of [
    '/staff',
    '/staff/admin/people',
    '/staff/admin/policy',
    '/staff/admin/notices',
    '/staff/security',
    '/staff/host',
    '/staff/admin/people?lang=cy'
  ]) {
    await page.goto(path);
    await read(page, path);
  }
  await page.context().close();
});

test('the reporter case page, in English and in Welsh', async ({ page }) => {
  for (const q of ['', '?lang=cy']) {
    await page.goto(`/o/${SLUG}/case${q}`);
    await read(page, `case key page ${q}`);
    await page.locator('#case-key').fill(caseKey);
    await submit(page);
    await expect(page.getByTestId('case-facts')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('Thank you; we are looking into it.')).toBeVisible();
    await read(page, `reporter case ${q}`);
  }
});

test('no page shows a raw key, an empty bracket, a doubled word or an unfilled placeholder', () => {
  expect(hits).toEqual([]);
});
