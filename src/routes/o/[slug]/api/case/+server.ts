import { json } from '@sveltejs/kit';
import { openCaseSchema } from '$lib/schemas/cases';
import { reporterCaseRequest, reporterCaseView } from '$lib/server/cases';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The reporter opens their case: found by lookup token, proven by the request signature. */
export const POST: RequestHandler = async (event) => {
  const database = await db();
  const { case: record } = await reporterCaseRequest(database, event, openCaseSchema, 1024);
  return json(await reporterCaseView(database, record));
};
