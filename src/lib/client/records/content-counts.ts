/**
 * Counts that need content — categories, outside bodies, outcomes — made in this browser from the
 * cases this person can read (docs/RECORDS.md). Each case is opened as the case page opens it;
 * nothing decrypted is sent anywhere.
 */
import { fetchCase, fetchInbox, openCase } from '$lib/client/cases/case';
import { contentCountsOf, type ContentCounts } from '$lib/records/statistics';
import type { StaffKeys } from '$lib/crypto';

export async function countContent(
  organisationId: string,
  keys: StaffKeys,
  year: number | null,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<ContentCounts> {
  const inbox = await fetchInbox();
  const held = inbox.cases.filter(
    (c) => c.organisationId === organisationId && (!year || c.receivedOn.startsWith(`${year}-`))
  );
  const opened: { category: string | null; outcome: string | null; bodies: string[] }[] = [];
  for (const [i, c] of held.entries()) {
    try {
      const open = await openCase(await fetchCase(c.caseId), keys);
      let outcome: string | null = null;
      const bodies: string[] = [];
      for (const entry of open.entries) {
        if (entry.state === 'ok' && entry.body.outcome) outcome = entry.body.outcome;
        if (
          entry.state === 'event' &&
          (entry.event.event === 'referred' || entry.event.event === 'escalated')
        ) {
          const body = entry.event.body;
          if (body && body !== 'next_tier' && body !== 'next_stage') bodies.push(body);
        }
      }
      opened.push({
        category: typeof open.report.category === 'string' ? open.report.category : null,
        outcome,
        bodies
      });
    } catch {
      // A case that does not open or verify is left out of the counts.
    }
    onProgress(i + 1, held.length);
  }
  return contentCountsOf(opened);
}
