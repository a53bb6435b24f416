// The inbox: 1,000 cases held by one recipient, listed and decrypted in headless Chromium,
// next to the bare crypto_box_seal_open of 1,000 keys measured in the same run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  encryptReport,
  generateStaffKeys,
  newCaseKeys,
  randomBytes,
  ready,
  sealCaseKeysFor,
  type BoxPublicKey
} from '../src/lib/crypto/index';
import { lib } from '../src/lib/crypto/sodium';
import { openDatabase } from '../src/lib/server/db/index';
import { credentials } from '../src/lib/server/db/schema';
import { submitCase } from '../src/lib/server/cases/index';
import { seedDemo } from '../src/lib/server/demo/seed';
import { findChromium } from '../tests/chromium';
import { round, type Bench, type Figure } from './harness';
import { eq } from 'drizzle-orm';

const CASES = 1000;
const PASSWORD = 'bench inbox password';
const TRACKS = ['whistleblowing', 'complaint', 'safeguarding', 'compliment'] as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Files the cases as reporters' browsers would: signed, encrypted reports; sealed bundles. */
async function seed(dataDir: string): Promise<void> {
  const handle = await openDatabase({ dataDir });
  await ready();
  const demo = (await seedDemo(handle.db, { password: () => PASSWORD }))!;
  const chair = demo.people.chair!.personId;
  const [row] = await handle.db
    .select({ box: credentials.boxPublicKey })
    .from(credentials)
    .where(eq(credentials.personId, chair));
  const box = row!.box as BoxPublicKey;
  const start = new Date('2026-09-01T12:00:00Z').getTime();
  for (let i = 0; i < CASES; i++) {
    // Reporter key pairs stand in for the Argon2id-derived ones: the inbox never sees those.
    const reporter = generateStaffKeys();
    const keys = newCaseKeys();
    const caseId = randomUUID();
    const track = TRACKS[i % TRACKS.length]!;
    await submitCase(handle.db, {
      organisationId: demo.organisationId,
      caseId,
      submissionId: randomUUID(),
      lookupHash: randomBytes(32),
      reporterSignPublicKey: reporter.sign.publicKey,
      reporterBoxPublicKey: reporter.box.publicKey,
      track,
      reportCiphertext: encryptReport(
        keys.contentKey,
        caseId,
        {
          version: 1,
          track,
          category: 'other',
          whatHappened: `Bench report ${i} `.repeat(40),
          when: 'last week',
          where: 'the centre',
          involved: [],
          involvedOthers: '',
          aboutStaff: null,
          othersKnow: '',
          outcome: '',
          contact: ''
        },
        reporter.sign,
        reporter.box.publicKey
      ),
      recipients: [
        { personId: chair, sealedKey: sealCaseKeysFor(box, keys, { includeStaffKey: true }) }
      ],
      reporterSealedKey: sealCaseKeysFor(reporter.box.publicKey, keys, { includeStaffKey: false }),
      day: new Date(start + (i % 80) * 86_400_000).toISOString().slice(0, 10)
    });
  }
  await handle.close();
}

function rawUnsealMs(): number {
  const sodium = lib();
  const pair = sodium.crypto_box_keypair();
  const sealed = Array.from({ length: CASES }, () =>
    sodium.crypto_box_seal(randomBytes(72), pair.publicKey)
  );
  const start = performance.now();
  for (const s of sealed) sodium.crypto_box_seal_open(s, pair.publicKey, pair.privateKey);
  return performance.now() - start;
}

async function inbox(): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'candour-bench-inbox-'));
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ORIGIN: `http://127.0.0.1:${port}`
  };
  delete env.DATABASE_URL;
  delete env.CANDOUR_DEMO;
  let server: ReturnType<typeof spawn> | undefined;
  const found = findChromium();
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    args: [...found.args],
    env: found.env
  });
  try {
    await seed(dataDir);
    server = spawn(process.execPath, ['build'], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 360; i++) {
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const page = await browser.newPage({ baseURL: url });
    await page.goto('/staff/sign-in');
    await page.getByLabel('Email address').fill('chair@riverside.example');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('own-fingerprint').waitFor({ timeout: 60_000 });
    const raw = rawUnsealMs();
    const start = performance.now();
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    const table = page.locator(`table[data-testid="inbox"][data-count="${CASES}"]`);
    await table.waitFor({ timeout: 120_000 });
    const wall = performance.now() - start;
    const inPage = Number(await table.getAttribute('data-ms'));
    return [
      {
        figure: `inbox: ${CASES} cases listed and decrypted in Chromium`,
        unit: 'ms',
        candour: round(wall),
        raw: round(raw),
        params: {
          cases: CASES,
          fetchAndDecryptMs: inPage,
          raw: `crypto_box_seal_open x${CASES} in Node`,
          goalMs: 2000
        }
      }
    ];
  } finally {
    await browser.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const inboxBenches: Bench[] = [{ name: 'inbox', run: inbox }];
