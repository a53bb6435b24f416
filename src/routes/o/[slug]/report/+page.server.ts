import { configuredFileLimits } from '$lib/server/cases';
import { reporterPageData } from '$lib/server/roster';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The roster and policy the reporter's browser verifies and routes with. Public by design. */
export const load = (async ({ params }) => ({
  ...(await reporterPageData(await db(), params)),
  fileLimits: configuredFileLimits()
})) satisfies PageServerLoad;
