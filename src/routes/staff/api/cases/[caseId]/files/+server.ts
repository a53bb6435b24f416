import { json } from '@sveltejs/kit';
import { fileUploadSchema } from '$lib/schemas/cases';
import { configuredFileLimits, startUpload, storeErrorToHttp } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Starts a holder's upload of a file, or says which chunks are stored (to resume). */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const body = await readJson(request, fileUploadSchema);
  const status = await startUpload(
    database,
    {
      caseId: record.id,
      fileId: body.fileId,
      paddedSize: body.paddedSize,
      actor: { kind: 'staff', personId: staff.personId }
    },
    configuredFileLimits()
  ).catch(storeErrorToHttp);
  return json(status, { headers: { 'cache-control': 'no-store' } });
};
