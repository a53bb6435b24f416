import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { paths } from '$lib/paths';
import { config } from '../config';
import { originOf, runtimeNotifier } from '../notify';

/**
 * What the account code emails: the fixed "something needs you" notice, and an invitation link
 * sent to the person it is for (never shown to an admin).
 */
export interface StaffMail {
  readonly enabled: boolean;
  notice(to: string): Promise<void>;
  invitationLink(to: string, token: string): Promise<void>;
}

export const INVITATION_SUBJECT = 'Your new Candour sign-in link';

export function invitationText(origin: string, token: string): string {
  return [
    'A new link to set up your Candour sign-in was made for you.',
    '',
    `${origin}${paths.invite}#${token}`,
    '',
    'Using it replaces your password, recovery code and two-factor set-up. Your colleagues and',
    'administrators were told. If you did not ask for this, do not use the link and speak to',
    'another administrator of your organisation.'
  ].join('\n');
}

let shared: StaffMail | undefined;

/** The process-wide mailer; `enabled` is false (nothing can be delivered) without SMTP_URL. */
export function runtimeStaffMail(): StaffMail {
  if (shared) return shared;
  const cfg = config();
  const notifier = runtimeNotifier();
  if (!cfg.SMTP_URL) {
    shared = { enabled: false, notice: async () => {}, invitationLink: async () => {} };
    return shared;
  }
  const origin = originOf(cfg);
  const host = new URL(origin).hostname;
  const from = cfg.SMTP_FROM ?? `candour@${host}`;
  const domain = from.split('@').pop() ?? host;
  const url = new URL(cfg.SMTP_URL);
  for (const option of ['logger', 'debug', 'transactionLog']) url.searchParams.delete(option);
  const transport = nodemailer.createTransport({ url: url.toString(), name: host });
  shared = {
    enabled: true,
    notice: (to) => notifier.send(to),
    async invitationLink(to, token) {
      await transport.sendMail({
        from,
        to,
        subject: INVITATION_SUBJECT,
        text: invitationText(origin, token),
        messageId: `<${randomUUID()}@${domain}>`,
        disableFileAccess: true,
        disableUrlAccess: true
      });
    }
  };
  return shared;
}
