import { json } from '@sveltejs/kit';
import { toBase64 } from '$lib/crypto';
import { inviteSchema } from '$lib/schemas/staff';
import { requireAdmin } from '$lib/server/auth/guards';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { invitePerson, listPeople, pendingReinvites } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const admin = requireAdmin(locals);
  const database = await db();
  const people = await listPeople(database, admin.organisationId);
  return json({
    pendingReinvites: await pendingReinvites(database, admin.organisationId),
    people: people.map((person) => ({
      ...person,
      boxPublicKey: person.boxPublicKey ? toBase64(person.boxPublicKey) : null,
      signPublicKey: person.signPublicKey ? toBase64(person.signPublicKey) : null,
      rosterSignature: person.rosterSignature ? toBase64(person.rosterSignature) : null
    }))
  });
};

export const POST: RequestHandler = async ({ locals, request }) => {
  const admin = requireAdmin(locals);
  const input = await readJson(request, inviteSchema, 4096);
  const invitation = await invitePerson(await db(), admin, input);
  return json(invitation, { status: 201 });
};
