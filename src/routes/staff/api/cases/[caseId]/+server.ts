import { json } from '@sveltejs/kit';
import { toBase64 } from '$lib/crypto';
import { holdersOf, listEntries } from '$lib/server/cases';
import {
  caseAuditView,
  heldCase,
  namesOf,
  organisationsById,
  summaryOf
} from '$lib/server/cases/staff-queries';
import { publicRoster } from '$lib/server/roster';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * One case for a holder's browser: the report, entries (notes included), their bundles, who holds
 * it, the roster to verify senders and newcomers with, and the case's audit events.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  const database = await db();
  const { record, sealedKeys } = await heldCase(database, locals, params);
  const [organisation] = await organisationsById(database, [record.organisationId]);
  const [entries, holders, audit, roster] = await Promise.all([
    listEntries(database, record.id, { includeNotes: true }),
    holdersOf(database, record.id),
    caseAuditView(database, record.organisationId, record.id),
    publicRoster(database, organisation!.slug)
  ]);
  const names = await namesOf(database, [
    ...holders.flatMap((h) => (h.personId ? [h.personId] : [])),
    ...entries.flatMap((e) => (e.senderPersonId ? [e.senderPersonId] : [])),
    ...audit.flatMap((a) => (a.own && a.actorPersonId ? [a.actorPersonId] : []))
  ]);
  return json(
    {
      case: summaryOf(record),
      sealedKeys: sealedKeys.map((k) => ({ epoch: k.epoch, sealedKey: toBase64(k.sealedKey) })),
      organisation: {
        id: organisation!.id,
        slug: organisation!.slug,
        name: organisation!.name,
        policy: organisation!.policy
      },
      units: roster
        ? [
            (({ policy: _p, publicInfo: _i, ...unit }) => (void _p, void _i, unit))(
              roster.organisation
            ),
            ...roster.bodies
          ]
        : [],
      holders,
      names,
      entries: entries.map((e) => ({
        id: e.id,
        seq: e.seq,
        kind: e.kind,
        senderKind: e.senderKind,
        senderPersonId: e.senderPersonId,
        epoch: e.epoch,
        ciphertext: toBase64(e.ciphertext),
        createdOn: e.createdOn,
        createdAt: e.createdAt ? e.createdAt.toISOString() : null
      })),
      audit
    },
    { headers: { 'cache-control': 'no-store' } }
  );
};
