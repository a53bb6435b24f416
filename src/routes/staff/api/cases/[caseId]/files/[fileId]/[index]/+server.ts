import { FILE_CHUNK_BYTES, FILE_CHUNK_OVERHEAD } from '$lib/crypto';
import { fileChunkParamsSchema } from '$lib/schemas/cases';
import { readChunk, storeChunk, storeErrorToHttp } from '$lib/server/cases';
import { heldCase } from '$lib/server/cases/staff-queries';
import { readBodyBytes, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** One chunk of a holder's own upload. Anyone who does not hold the case gets 404. */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const { fileId, index } = validateParams(fileChunkParamsSchema, params);
  const data = await readBodyBytes(request, FILE_CHUNK_BYTES + FILE_CHUNK_OVERHEAD);
  await storeChunk(database, {
    caseId: record.id,
    fileId,
    index,
    data,
    actor: { kind: 'staff', personId: staff.personId }
  }).catch(storeErrorToHttp);
  return new Response(null, { status: 204 });
};

/** One chunk of a file of the case, for a holder. */
export const GET: RequestHandler = async ({ locals, params }) => {
  const database = await db();
  const { staff, record } = await heldCase(database, locals, params);
  const { fileId, index } = validateParams(fileChunkParamsSchema, params);
  const data = await readChunk(database, {
    caseId: record.id,
    fileId,
    index,
    reader: { kind: 'staff', personId: staff.personId }
  }).catch(storeErrorToHttp);
  return new Response(data as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
  });
};
