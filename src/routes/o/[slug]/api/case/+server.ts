import { json } from '@sveltejs/kit';
import { openCaseSchema } from '$lib/schemas/cases';
import {
  readSignedReporterRequest,
  reporterCaseView,
  reporterOrganisation
} from '$lib/server/cases';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The reporter opens their case: found by lookup token, proven by the request signature. */
export const POST: RequestHandler = async ({ params, request, url }) => {
  const database = await db();
  const organisation = await reporterOrganisation(database, params);
  const { case: record } = await readSignedReporterRequest(
    database,
    organisation.id,
    request,
    url,
    openCaseSchema,
    1024
  );
  return json(await reporterCaseView(database, record));
};
