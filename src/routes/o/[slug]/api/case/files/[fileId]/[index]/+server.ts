import { FILE_CHUNK_BYTES, FILE_CHUNK_OVERHEAD } from '$lib/crypto';
import { fileChunkParamsSchema, openCaseSchema, REPORTER_BODY_LIMIT } from '$lib/schemas/cases';
import {
  readChunk,
  readSignedReporterBytes,
  readSignedReporterRequest,
  reporterOrganisation,
  storeChunk,
  storeErrorToHttp
} from '$lib/server/cases';
import { validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The file's path (without the chunk index): the one proof-of-work of its chunks binds it. */
const filePath = (url: URL) => url.pathname.replace(/\/[^/]*$/, '');

/** One chunk of the reporter's upload: the signed body is the chunk itself. */
export const PUT: RequestHandler = async ({ params, request, url }) => {
  const database = await db();
  const organisation = await reporterOrganisation(database, params);
  const { fileId, index } = validateParams(fileChunkParamsSchema, params);
  const { bytes, case: record } = await readSignedReporterBytes(
    database,
    organisation.id,
    request,
    url,
    FILE_CHUNK_BYTES + FILE_CHUNK_OVERHEAD,
    filePath(url)
  );
  await storeChunk(database, {
    caseId: record.id,
    fileId,
    index,
    data: bytes,
    actor: { kind: 'reporter' }
  }).catch(storeErrorToHttp);
  return new Response(null, { status: 204 });
};

/** One chunk of a file the reporter may read (never an internal note's). */
export const POST: RequestHandler = async ({ params, request, url }) => {
  const database = await db();
  const organisation = await reporterOrganisation(database, params);
  const { fileId, index } = validateParams(fileChunkParamsSchema, params);
  const { case: record } = await readSignedReporterRequest(
    database,
    organisation.id,
    request,
    url,
    openCaseSchema,
    REPORTER_BODY_LIMIT,
    filePath(url)
  );
  const data = await readChunk(database, {
    caseId: record.id,
    fileId,
    index,
    reader: { kind: 'reporter' }
  }).catch(storeErrorToHttp);
  return new Response(data as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
  });
};
