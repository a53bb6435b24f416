import { staffOrSignIn } from '$lib/server/auth/redirects';
import { reviewListFor } from '$lib/server/records/review';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The closed cases this person holds and when each comes up for review; nobody else's. */
export const load = (async ({ locals }) => {
  const staff = staffOrSignIn(locals);
  return { rows: await reviewListFor(await db(), staff.personId) };
}) satisfies PageServerLoad;
