import { error, json } from '@sveltejs/kit';
import { presetById } from '$lib/routing';
import { setupSchema } from '$lib/schemas/staff';
import { createSession, setSessionCookie } from '$lib/server/auth/sessions';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { createUnitWithAdmin, organisationCount } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

/** First-run set-up: allowed only while the deployment has no organisation at all. */
export const POST: RequestHandler = async ({ request, cookies }) => {
  const input = await readJson(request, setupSchema);
  const database = await db();
  if ((await organisationCount(database)) > 0) {
    error(409, {
      message: 'Candour is already set up here. Please sign in.',
      code: 'already_set_up'
    });
  }
  const preset = presetById(input.organisation.presetId);
  if (!preset) error(400, { message: 'Unknown policy preset.', code: 'invalid' });
  const { personId } = await createUnitWithAdmin(
    database,
    { ...input, organisation: { ...input.organisation, policy: preset.policy } },
    { isHost: true }
  );
  setSessionCookie(cookies, await createSession(database, personId));
  return json({ ok: true }, { status: 201 });
};
