import { json } from '@sveltejs/kit';
import { reporterOrganisation, today } from '$lib/server/cases';
import { dayCount, LOOKUP_DIFFICULTY, submitDifficulty } from '$lib/server/pow';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The proof-of-work difficulties a reporter's browser must solve today. */
export const GET: RequestHandler = async ({ params }) => {
  const database = await db();
  const day = today();
  const count = dayCount(params.slug, day);
  const organisation = await reporterOrganisation(database, params, count);
  return json({
    day,
    lookup: LOOKUP_DIFFICULTY,
    submit: await submitDifficulty(database, organisation.id, day, count.of(organisation))
  });
};
