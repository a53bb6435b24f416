import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import { serverLog } from '../../playwright.config';
import { dumpDatabase, encodingsOf, suiteDatabase, withDatabase } from '../support/dump';
import { withExif } from '../support/images';
import { demoPassword } from './support';

// One report with evidence, end to end: a 50 MB file whose upload is cut half-way and resumes,
// a photo with GPS that arrives without it, a PDF with its warning; the chair downloads each
// and gets the same bytes; a chunk altered in the database stops the download.
test.describe.configure({ mode: 'serial' });

const SLUG = 'riverside';
const CHAIR = 'chair@riverside.example';
const run = Date.now().toString(36);
const dir = mkdtempSync(path.join(tmpdir(), 'candour-files-e2e-'));
const BIG = `evidence-canary-${run}.bin`;
const PHOTO = `photo-canary-${run}.jpg`;
const PDF = `minutes-canary-${run}.pdf`;
const MARKER = `MARKER-inside-${run}-file`;
const GPS = `GPS-CANARY-${run}`;
const BIG_BYTES = 50 * 1000 * 1000;
let bigHash = '';
let caseId = '';
let caseKey = '';
const REPLY_FILE = `reply-canary-${run}.txt`;
const NOTE_FILE = `note-canary-${run}.txt`;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test.beforeAll(() => {
  const big = randomBytes(BIG_BYTES);
  Buffer.from(MARKER).copy(big, BIG_BYTES / 2);
  writeFileSync(path.join(dir, BIG), big);
  bigHash = sha256(big);
  writeFileSync(path.join(dir, PDF), `%PDF-1.4\n% ${MARKER}\n/Author (Someone)\n%%EOF\n`);
});

async function staff(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link').click();
  await expect(page.getByTestId('audit-status')).toBeVisible({ timeout: 30_000 });
  return page;
}

async function downloadAs(page: Page, name: string): Promise<Buffer> {
  const saved = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: `Download ${name}` }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe(name);
  const file = path.join(dir, `downloaded-${name}`);
  await download.saveAs(file);
  return readFileSync(file);
}

test('a reporter attaches evidence: the photo is cleaned and they are told, the PDF is flagged, and 50 MB uploads through a cut connection', async ({
  page
}) => {
  test.setTimeout(300_000);
  // A real JPEG from the browser's own encoder, with EXIF (GPS, camera, serial, time) added.
  const jpeg = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 32;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2a6';
    g.fillRect(0, 0, 32, 32);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg'));
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  const photo = Buffer.from(withExif(new Uint8Array(jpeg), GPS));
  expect(photo.toString('latin1')).toContain(GPS);
  writeFileSync(path.join(dir, PHOTO), photo);

  await page.goto(`/o/${SLUG}/report`);
  await page.getByLabel(/whistleblowing/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/code of conduct/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What happened?').fill(`files journey ${run}`);
  await page
    .getByLabel('Add files (optional)')
    .setInputFiles([path.join(dir, BIG), path.join(dir, PHOTO), path.join(dir, PDF)]);
  const chosen = page.getByTestId('chosen-file');
  await expect(chosen).toHaveCount(3);
  const cleaned = chosen.filter({ hasText: PHOTO }).getByTestId('file-cleaned');
  await expect(cleaned).toContainText('the location where it was taken (GPS)');
  await expect(cleaned).toContainText('serial number');
  await expect(chosen.filter({ hasText: PDF }).getByTestId('file-warning')).toContainText(
    'Documents can hold the author’s name'
  );
  await page.getByRole('button', { name: 'Continue' }).click();
  // The rest of the report: the defaults, as far as the preview.
  for (let i = 0; i < 12; i++) {
    if (await page.getByTestId('send-report').isVisible()) break;
    if (await page.getByRole('checkbox', { name: /Priya Shah/ }).isVisible()) {
      await page.getByRole('checkbox', { name: /Priya Shah/ }).check();
    }
    if (await page.getByLabel('Yes', { exact: true }).isVisible()) {
      await page.getByLabel('Yes', { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  // The connection drops half-way through the big file: chunk 24 never arrives, three times.
  let cut = 0;
  await page.route('**/api/case/files/*/24', async (route) => {
    if (route.request().method() === 'PUT' && cut < 3) {
      cut += 1;
      await route.abort('internetdisconnected');
    } else await route.continue();
  });
  const response = page.waitForResponse((r) => r.url().endsWith(`/o/${SLUG}/api/cases`));
  await page.getByTestId('send-report').click();
  caseId = ((await (await response).json()) as { caseId: string }).caseId;
  caseKey = (await page.getByTestId('case-key').textContent())!.trim();
  await expect(page.getByTestId('report-files')).toContainText('Keep this page open');
  const big = page.getByTestId('chosen-file').filter({ hasText: BIG });
  await expect(big.getByTestId('upload-progress')).toBeVisible({ timeout: 60_000 });
  await expect(big.getByTestId('upload-status')).toContainText(/of 50\.0 MB/);
  await expect(big.getByTestId('upload-status')).toContainText('The connection was lost', {
    timeout: 120_000
  });
  await expect(page.getByTestId('report-files')).toContainText(
    'Your files were sent with the report',
    { timeout: 240_000 }
  );
  expect(cut).toBe(3);
});

test('the chair downloads each file: the same 50 MB, the photo without its GPS', async ({
  browser
}) => {
  test.setTimeout(300_000);
  const page = await staff(browser, CHAIR);
  const files = page.getByTestId('conversation').getByTestId('entry-files');
  await expect(files.getByRole('button', { name: `Download ${BIG}` })).toBeVisible();
  const big = await downloadAs(page, BIG);
  expect(big.length).toBe(BIG_BYTES);
  expect(sha256(big)).toBe(bigHash);
  const photo = await downloadAs(page, PHOTO);
  const text = photo.toString('latin1');
  expect(photo[0]).toBe(0xff);
  expect(photo[1]).toBe(0xd8);
  expect(text).not.toContain(GPS);
  expect(text).not.toContain('Exif');
  expect(text).not.toContain('SN-0042');
  const pdf = await downloadAs(page, PDF);
  expect(pdf.toString()).toContain(MARKER);
});

test("the chair sends a file with a reply and another with an internal note; the reporter gets the reply's only", async ({
  browser,
  page
}) => {
  test.setTimeout(300_000);
  writeFileSync(path.join(dir, REPLY_FILE), `reply attachment ${MARKER}`);
  writeFileSync(path.join(dir, NOTE_FILE), `note attachment ${MARKER}`);
  const chair = await staff(browser, CHAIR);
  await chair.getByLabel('Message to the reporter', { exact: true }).fill(`See the rota ${run}`);
  await chair.locator('#files-message-files').setInputFiles(path.join(dir, REPLY_FILE));
  await chair.getByRole('button', { name: 'Send to the reporter' }).click();
  await expect(
    chair.getByTestId('conversation').getByRole('button', { name: `Download ${REPLY_FILE}` })
  ).toBeVisible({ timeout: 60_000 });
  await chair.getByLabel('Internal note', { exact: true }).fill(`Minutes ${run}`);
  await chair.locator('#files-note-files').setInputFiles(path.join(dir, NOTE_FILE));
  await chair.getByRole('button', { name: 'Save note' }).click();
  await expect(
    chair.getByTestId('notes').getByRole('button', { name: `Download ${NOTE_FILE}` })
  ).toBeVisible({ timeout: 60_000 });

  await page.goto(`/o/${SLUG}/case`);
  await page.getByLabel('Case key').fill(caseKey);
  await page.getByRole('button', { name: 'Open my case' }).click();
  await expect(page.getByRole('heading', { name: 'Your case' })).toBeVisible({ timeout: 60_000 });
  const conversation = page.getByTestId('conversation');
  await expect(conversation.getByRole('button', { name: `Download ${PHOTO}` })).toBeVisible();
  const saved = page.waitForEvent('download', { timeout: 60_000 });
  await conversation.getByRole('button', { name: `Download ${REPLY_FILE}` }).click();
  const file = path.join(dir, `reporter-${REPLY_FILE}`);
  await (await saved).saveAs(file);
  expect(readFileSync(file, 'utf8')).toBe(`reply attachment ${MARKER}`);
  await expect(page.locator('main')).not.toContainText(NOTE_FILE);
});

test('canary: no file name and no marker from inside a file in the database or the log', async () => {
  const source = suiteDatabase(serverLog);
  const dump = await withDatabase(source, (query) => dumpDatabase(source, query));
  const log = readFileSync(serverLog, 'utf8');
  for (const secret of [
    BIG,
    PHOTO,
    PDF,
    REPLY_FILE,
    NOTE_FILE,
    MARKER,
    GPS,
    ...encodingsOf(Buffer.from(MARKER))
  ]) {
    expect(dump).not.toContain(secret);
    expect(log).not.toContain(secret);
  }
});

test('a chunk altered in the database stops the download with a clear message, and nothing is saved', async ({
  browser
}) => {
  const { databaseUrl } = suiteDatabase(serverLog);
  test.skip(!databaseUrl, 'changes rows behind the running server: needs PostgreSQL');
  const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  try {
    // The photo and the PDF are one chunk each: flip a byte of each, as a compromised host could.
    const rows = await sql<{ file_id: string; data: Buffer }[]>`
      select c.file_id, c.data from case_file_chunks c join case_files f on f.id = c.file_id
      where f.case_id = ${caseId} and f.padded_size = 65536
        and f.uploader_kind = 'reporter'`;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const altered = Buffer.from(row.data);
      altered[100] = altered[100]! ^ 0xff;
      await sql`update case_file_chunks set data = ${altered} where file_id = ${row.file_id}`;
    }
    try {
      const page = await staff(browser, CHAIR);
      let saved = false;
      page.on('download', () => (saved = true));
      await page.getByRole('button', { name: `Download ${PDF}` }).click();
      const problem = page.getByTestId('download-problem');
      await expect(problem).toContainText(`${PDF} could not be opened and nothing was saved`);
      await expect(problem).toContainText('changed, swapped or damaged');
      expect(saved).toBe(false);
    } finally {
      for (const row of rows) {
        await sql`update case_file_chunks set data = ${row.data} where file_id = ${row.file_id}`;
      }
    }
  } finally {
    await sql.end();
  }
});
