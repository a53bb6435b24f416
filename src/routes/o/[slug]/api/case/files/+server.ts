import { json } from '@sveltejs/kit';
import { REPORTER_BODY_LIMIT, reporterFileUploadSchema } from '$lib/schemas/cases';
import {
  configuredFileLimits,
  reporterCaseRequest,
  startUpload,
  storeErrorToHttp
} from '$lib/server/cases';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Starts the reporter's upload of a file, or says which chunks are stored (to resume). */
export const POST: RequestHandler = async (event) => {
  const database = await db();
  const { body, case: record } = await reporterCaseRequest(
    database,
    event,
    reporterFileUploadSchema,
    REPORTER_BODY_LIMIT
  );
  const status = await startUpload(
    database,
    {
      caseId: record.id,
      fileId: body.fileId,
      paddedSize: body.paddedSize,
      actor: { kind: 'reporter' }
    },
    configuredFileLimits()
  ).catch(storeErrorToHttp);
  return json(status, { headers: { 'cache-control': 'no-store' } });
};
