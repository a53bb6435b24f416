import { statisticsCsv } from '$lib/records/statistics';
import { statisticsQuerySchema } from '$lib/schemas/records';
import { requireStaff } from '$lib/server/auth/guards';
import { ledOrganisation } from '$lib/server/cases/staff-queries';
import { notFound, validateQuery } from '$lib/server/http';
import { organisationStatistics } from '$lib/server/records/statistics';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The statistics page's counts as CSV, with the same suppression and the same access rule. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const staff = requireStaff(locals);
  const database = await db();
  const organisation = await ledOrganisation(database, staff);
  if (!organisation) notFound();
  const { year } = validateQuery(statisticsQuerySchema, url);
  const stats = await organisationStatistics(database, organisation.id, organisation.policy, year);
  return new Response(statisticsCsv(stats), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="candour-statistics${year ? `-${year}` : ''}.csv"`,
      'cache-control': 'no-store'
    }
  });
};
