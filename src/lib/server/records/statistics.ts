/** The organisation's statistics from metadata already held (docs/RECORDS.md); no new metadata. */
import { and, eq, gte, lt } from 'drizzle-orm';
import { statisticsOf, type Statistics } from '$lib/records/statistics';
import type { Policy } from '$lib/routing';
import { today } from '../cases/store';
import type { Database } from '../db';
import { cases } from '../db/schema';

export async function organisationStatistics(
  db: Database,
  organisationId: string,
  policy: Policy | null,
  year?: number,
  day = today()
): Promise<Statistics> {
  const rows = await db
    .select({
      track: cases.track,
      stage: cases.stage,
      status: cases.status,
      receivedOn: cases.receivedOn,
      stageStartedOn: cases.stageStartedOn,
      acknowledgedOn: cases.acknowledgedOn,
      respondedOn: cases.respondedOn
    })
    .from(cases)
    .where(
      and(
        eq(cases.organisationId, organisationId),
        year ? gte(cases.receivedOn, `${year}-01-01`) : undefined,
        year ? lt(cases.receivedOn, `${year + 1}-01-01`) : undefined
      )
    );
  return statisticsOf(rows, policy, day);
}
