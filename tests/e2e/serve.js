// The server Playwright starts for the whole suite: the production build with the demo seeded,
// sending its notices to an SMTP server in this process. The server's output is written to
// E2E_LOG and every message received to `${E2E_LOG}.mail.json`, so tests can check both.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startCandour } from './server.js';

const logPath = process.env.E2E_LOG ?? path.join(tmpdir(), 'candour-e2e-server.log');
const mailPath = `${logPath}.mail.json`;

/** @type {{ to: string[], raw: string }[]} */
const mail = [];
writeFileSync(mailPath, '[]');
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => (raw += chunk));
    stream.on('end', () => {
      mail.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      writeFileSync(mailPath, JSON.stringify(mail));
      callback();
    });
  }
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (smtp.server.address());

const server = await startCandour({
  port: Number(process.env.E2E_PORT ?? 4173),
  logPath,
  // As `npm start` runs it (one process: the journeys expect one), static-file headers included.
  args: ['src/cli/start.js'],
  env: {
    ...(process.env.TEST_DATABASE_URL ? { WORKERS: '1' } : {}),
    CANDOUR_DEMO: '1',
    SMTP_URL: `smtp://127.0.0.1:${address.port}`,
    SMTP_FROM: 'notices@candour.example'
  }
});

// Where the data lives, so canary tests can dump it after the journeys.
writeFileSync(
  `${logPath}.database.json`,
  JSON.stringify({ databaseUrl: server.databaseUrl ?? null, dataDir: server.dataDir ?? null })
);

/** @param {number} code */
async function stop(code) {
  await server.stop();
  smtp.close();
  process.exit(code);
}
void server.exited.then((code) => stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
