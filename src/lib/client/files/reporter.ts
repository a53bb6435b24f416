/**
 * The reporter's files: sent with the report (once the case exists, as the reporter's first
 * message, signed like any other) and with follow-ups.
 */
import type { ContentKey, ReporterKeys } from '$lib/crypto';
import { fetchView, sendMessage } from '$lib/client/reporter/follow-up';
import type { FileRecord } from './record';
import { browserPowSolver, reporterTransport, type FileTransport } from './transport';

export function reporterFiles(slug: string, keys: ReporterKeys): FileTransport {
  return reporterTransport(slug, keys.lookupToken, keys.sign, browserPowSolver);
}

/** The message that carries the report's files, linked to the case's chain like any other. */
export async function sendReportFiles(
  slug: string,
  sent: { reporter: ReporterKeys; contentKey: ContentKey },
  files: FileRecord[]
): Promise<void> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const view = await fetchView(slug, sent.reporter, crypto);
  const contentKeys = new Map<number, ContentKey>([[0, sent.contentKey]]);
  await sendMessage(slug, { keys: sent.reporter, view, contentKeys }, '', files);
}
