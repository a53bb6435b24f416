import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

/**
 * The one notice Candour ever emails. It is the same for every event so that a mailbox, a mail
 * provider or anyone reading over a shoulder learns nothing: no case, number, category, track,
 * organisation or reporter, not even which kind of event it was.
 */
export const NOTICE_SUBJECT = 'Something in Candour needs you';

export function noticeText(origin: string): string {
  return [
    'Something in Candour needs your attention.',
    '',
    `Sign in to see it: ${origin}/staff/sign-in`,
    '',
    'This email says nothing more on purpose.'
  ].join('\n');
}

export type NotifierConfig = Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'ORIGIN' | 'PORT'>;

/** Sends the fixed notice; `enabled` is false (and `send` does nothing) without SMTP_URL. */
export interface Notifier {
  readonly enabled: boolean;
  send(to: string): Promise<void>;
  close(): void;
}

export function originOf(config: Pick<Config, 'ORIGIN' | 'PORT'>): string {
  return (config.ORIGIN ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

const off: Notifier = {
  enabled: false,
  send: async () => {},
  close: () => {}
};

export function createNotifier(config: NotifierConfig): Notifier {
  if (!config.SMTP_URL) return off;
  const origin = originOf(config);
  const host = new URL(origin).hostname;
  const from = config.SMTP_FROM ?? `candour@${host}`;
  const domain = from.split('@').pop() ?? host;
  // Nodemailer's own logger would write addresses and messages: never let the URL turn it on.
  const url = new URL(config.SMTP_URL);
  for (const option of ['logger', 'debug', 'transactionLog']) url.searchParams.delete(option);
  // EHLO with the public host rather than the machine's own name, which says where it runs.
  const transport = nodemailer.createTransport({ url: url.toString(), name: host });
  const text = noticeText(origin);
  return {
    enabled: true,
    async send(to) {
      await transport.sendMail({
        from,
        to,
        subject: NOTICE_SUBJECT,
        text,
        messageId: `<${randomUUID()}@${domain}>`,
        disableFileAccess: true,
        disableUrlAccess: true
      });
    },
    close: () => transport.close()
  };
}
