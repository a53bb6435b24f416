import { json } from '@sveltejs/kit';
import { isReachable } from '$lib/server/db';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const reachable = await isReachable(await db());
  return json(
    { status: reachable ? 'ok' : 'unavailable', database: reachable ? 'reachable' : 'unreachable' },
    { status: reachable ? 200 : 503 }
  );
};
