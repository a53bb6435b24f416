import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { invitationTokenSchema } from '$lib/schemas/staff';
import { readJson } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import { invitationDetails } from '$lib/server/staff/accounts';
import type { RequestHandler } from './$types';

/** The token travels in the link's #fragment and this body, never in a URL the server logs. */
export const POST: RequestHandler = async ({ request }) => {
  const { token } = await readJson(request, z.strictObject({ token: invitationTokenSchema }), 1024);
  const details = await invitationDetails(await db(), token);
  if (!details)
    error(410, {
      message: 'This invitation has expired or was already used.',
      code: 'invitation_gone'
    });
  return json(details);
};
