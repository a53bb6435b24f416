import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/runtime';
import { organisations } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load = (async () => {
  const rows = await (
    await db()
  )
    .select({ slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, 'organisation'))
    .orderBy(asc(organisations.name));
  return { organisations: rows };
}) satisfies PageServerLoad;
