import { error } from '@sveltejs/kit';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { fromBase64, lookupHash, toBase64 } from '$lib/crypto';
import { policySchema, type Policy } from '$lib/routing';
import { lookupTokenSchema, slugParamsSchema, type ReporterCaseView } from '$lib/schemas/cases';
import type { z } from 'zod';
import { parseJsonBytes, readBodyBytes, validateParams, notFound } from '../http';
import type { Database } from '../db';
import { organisations } from '../db/schema';
import { sealedReceiptOf } from '../receipts';
import { LOOKUP_DIFFICULTY, POW_HEADER, requirePow } from '../pow';
import { authenticateReporter, DAY_HEADER, SIGNATURE_HEADER } from './reporter-auth';
import { listEntries } from './entries';
import { holdersOf, reporterSealedKeys } from './holders';
import { CaseStoreError, type CaseRecord } from './types';

export interface ReporterOrganisation {
  id: string;
  name: string;
  policy: Policy;
}

/**
 * Parsed policies by organisation, with the digest of the stored policy they were parsed from.
 * Each request still reads the organisation (so an edit made through any worker process is seen
 * at once), but the policy crosses the wire and is parsed only when its digest has changed.
 */
const policies = new Map<string, { digest: string; policy: Policy }>();
const POLICY_CACHE_LIMIT = 1000;

/** A digest of the stored policy, computed by the database. */
const policyDigest = sql<string>`md5(${organisations.policy}::text)`;

/** Columns a route reads with the organisation, and the values of their placeholders. */
export interface ExtraColumns<Columns extends Record<string, SQL>> {
  /** The same object on every call: the query built for it is kept. */
  columns: Columns;
  values?: Record<string, unknown>;
}

type OrganisationQuery = ReturnType<typeof buildOrganisationQuery>;
const organisationQueries = new WeakMap<Database, Map<object | undefined, OrganisationQuery>>();
const ORGANISATION_QUERY_LIMIT = 16;

/**
 * Every reporter request starts with this query, so it is built once per column set (building
 * it cost more of Node's time than the database's answer) and runs prepared: parsed and planned
 * once per connection.
 */
function buildOrganisationQuery(db: Database, columns: Record<string, SQL> = {}) {
  return db
    .select({
      ...columns,
      id: organisations.id,
      name: organisations.name,
      digest: policyDigest,
      // Sent only when it is not the policy this process parsed last time.
      policy: sql<unknown>`case when ${policyDigest} = ${sql.placeholder('known')} then null else ${organisations.policy} end`
    })
    .from(organisations)
    .where(
      and(eq(organisations.slug, sql.placeholder('slug')), eq(organisations.kind, 'organisation'))
    )
    .prepare('reporter_organisation');
}

function organisationQuery(db: Database, columns?: Record<string, SQL>): OrganisationQuery {
  let queries = organisationQueries.get(db);
  if (!queries) organisationQueries.set(db, (queries = new Map()));
  let query = queries.get(columns);
  if (!query) {
    // A caller building its columns afresh each time would otherwise grow this without end.
    if (queries.size >= ORGANISATION_QUERY_LIMIT) queries.clear();
    queries.set(columns, (query = buildOrganisationQuery(db, columns)));
  }
  return query;
}

/**
 * The organisation a reporter route is for; 404 for an unknown slug or an external body.
 * `extra` adds columns read in the same round trip (e.g. a count the route needs).
 */
export async function reporterOrganisation<
  Columns extends Record<string, SQL> = Record<never, never>
>(
  db: Database,
  params: Record<string, string>,
  extra?: ExtraColumns<Columns>
): Promise<ReporterOrganisation & { [K in keyof Columns]: Columns[K]['_']['type'] }> {
  const { slug } = validateParams(slugParamsSchema, params);
  const known = policies.get(slug);
  const [row] = (await organisationQuery(db, extra?.columns).execute({
    ...extra?.values,
    slug,
    // No md5 is empty: an unknown policy is always sent.
    known: known?.digest ?? ''
  })) as (Record<string, unknown> & {
    id: string;
    name: string;
    digest: string;
    policy: unknown;
  })[];
  if (!row) notFound();
  const { digest, policy: stored, ...rest } = row;
  let policy: Policy;
  if (known && known.digest === digest) {
    policy = known.policy;
  } else {
    const parsed = policySchema.safeParse(stored);
    if (!parsed.success) notFound();
    policy = parsed.data;
    if (policies.size >= POLICY_CACHE_LIMIT) policies.clear();
    policies.set(slug, { digest, policy });
  }
  return { ...rest, policy } as ReporterOrganisation & {
    [K in keyof Columns]: Columns[K]['_']['type'];
  };
}

/**
 * Reads a signed reporter request: the exact body bytes (they are what was signed), validated,
 * then the case found by lookup token and the signature checked. Every failure that could tell
 * a guesser something is the same 404.
 */
export async function readSignedReporterRequest<S extends z.ZodType<{ lookupToken: string }>>(
  db: Database,
  organisationId: string,
  request: Request,
  url: URL,
  schema: S,
  limit: number,
  /** The path the proof-of-work is bound to, when not the request's (a file's chunks share one). */
  powPath = url.pathname
): Promise<{ body: z.infer<S>; case: CaseRecord }> {
  const bytes = await readBodyBytes(request, limit);
  const body = parseJsonBytes(bytes, schema);
  const day = request.headers.get(DAY_HEADER);
  if (!day || !request.headers.get(SIGNATURE_HEADER)) notFound();
  // One hash to check, before any database work: each look-up costs its sender, not the others.
  requirePow(
    request.headers.get(POW_HEADER),
    {
      purpose: 'lookup',
      path: powPath,
      day: day!,
      binding: lookupHash(fromBase64(body.lookupToken))
    },
    LOOKUP_DIFFICULTY
  );
  const auth = await authenticateReporter(db, {
    organisationId,
    lookupToken: fromBase64(body.lookupToken),
    method: request.method,
    path: url.pathname,
    body: bytes,
    day: request.headers.get(DAY_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER)
  });
  if (!auth.ok) {
    notFound();
  }
  return { body, case: auth.case };
}

/**
 * How every reporter case route starts: the organisation the URL names, then the signed body
 * checked against its case (readSignedReporterRequest).
 */
export async function reporterCaseRequest<S extends z.ZodType<{ lookupToken: string }>>(
  db: Database,
  event: { params: Record<string, string>; request: Request; url: URL },
  schema: S,
  limit: number,
  powPath?: string
): Promise<{ organisation: ReporterOrganisation; body: z.infer<S>; case: CaseRecord }> {
  const organisation = await reporterOrganisation(db, event.params);
  const signed = await readSignedReporterRequest(
    db,
    organisation.id,
    event.request,
    event.url,
    schema,
    limit,
    powPath
  );
  return { organisation, ...signed };
}

/** The header that carries the lookup token when the body is a file chunk (not JSON). */
export const LOOKUP_HEADER = 'x-candour-lookup';

/**
 * A signed reporter request whose body is raw bytes (a file chunk): the lookup token travels in
 * a header, the signature covers the body's BLAKE2b hash (`kind: 'chunk'`), and the proof-of-work
 * is bound to `powPath` (the file's path: one proof serves all its chunks that day, as one proof
 * serves any request to the same path). Same 404 for every failure.
 */
export async function readSignedReporterBytes(
  db: Database,
  organisationId: string,
  request: Request,
  url: URL,
  limit: number,
  powPath: string
): Promise<{ bytes: Uint8Array; case: CaseRecord }> {
  const header = request.headers.get(LOOKUP_HEADER) ?? '';
  const token = lookupTokenSchema.safeParse(header);
  const day = request.headers.get(DAY_HEADER);
  if (!token.success || !day || !request.headers.get(SIGNATURE_HEADER)) notFound();
  const lookupToken = fromBase64(token.data);
  requirePow(
    request.headers.get(POW_HEADER),
    { purpose: 'lookup', path: powPath, day: day!, binding: lookupHash(lookupToken) },
    LOOKUP_DIFFICULTY
  );
  const bytes = await readBodyBytes(request, limit);
  const auth = await authenticateReporter(db, {
    organisationId,
    lookupToken,
    method: request.method,
    path: url.pathname,
    body: bytes,
    day,
    signature: request.headers.get(SIGNATURE_HEADER),
    kind: 'chunk'
  });
  if (!auth.ok) notFound();
  return { bytes, case: auth.case };
}

/** Maps case-store refusals to HTTP: not_found → 404, invalid → 400, conflict → 409, too_large → 413. */
export function storeErrorToHttp(e: unknown): never {
  if (e instanceof CaseStoreError) {
    if (e.code === 'not_found') notFound();
    const status = { invalid: 400, conflict: 409, too_large: 413 }[e.code];
    error(status, { message: e.message, code: e.code });
  }
  throw e;
}

/** The case as its reporter's browser needs it: no notes, no staff-only keys. */
export async function reporterCaseView(
  db: Database,
  record: CaseRecord
): Promise<ReporterCaseView> {
  const [keys, holders, entries, receipt] = await Promise.all([
    reporterSealedKeys(db, record.id),
    holdersOf(db, record.id),
    listEntries(db, record.id, { includeNotes: false }),
    sealedReceiptOf(db, record.id)
  ]);
  return {
    caseId: record.id,
    track: record.track,
    stage: record.stage,
    status: record.status,
    keyEpoch: record.keyEpoch,
    receivedOn: record.receivedOn,
    stageStartedOn: record.stageStartedOn,
    acknowledgedOn: record.acknowledgedOn,
    respondedOn: record.respondedOn,
    closedOn: record.closedOn,
    reportCiphertext: toBase64(record.reportCiphertext),
    reporterKeys: keys.map((k) => ({ epoch: k.epoch, sealedKey: toBase64(k.sealedKey) })),
    sealedReceipt: receipt ? toBase64(receipt) : null,
    holders: holders.flatMap((h) => (h.personId ? [h.personId] : [])),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind as 'message' | 'action',
      senderKind: e.senderKind,
      senderPersonId: e.senderPersonId,
      epoch: e.epoch,
      createdOn: e.createdOn,
      ciphertext: toBase64(e.ciphertext)
    }))
  };
}
