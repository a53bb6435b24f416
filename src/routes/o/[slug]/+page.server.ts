import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { policySchema, tracksOffered } from '$lib/routing';
import { slugParamsSchema } from '$lib/schemas/cases';
import { organisations } from '$lib/server/db/schema';
import { notFound, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

const publicInfoSchema = z.object({ childrensServicesPhone: z.string().max(40).optional() });

export const load = (async ({ params }) => {
  const { slug } = validateParams(slugParamsSchema, params);
  const [row] = await (
    await db()
  )
    .select({
      name: organisations.name,
      slug: organisations.slug,
      policy: organisations.policy,
      publicInfo: organisations.publicInfo
    })
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, 'organisation')));
  if (!row) notFound();
  const policy = policySchema.safeParse(row.policy);
  if (!policy.success) notFound();
  const info = publicInfoSchema.safeParse(row.publicInfo);
  return {
    name: row.name,
    slug: row.slug,
    childrensServicesPhone: info.success ? (info.data.childrensServicesPhone ?? null) : null,
    tracks: tracksOffered(policy.data).map((track) => {
      const stage = policy.data.tracks[track]!.stages[0]!;
      return {
        track,
        acknowledgeWithin: stage.acknowledgeWithin ?? null,
        replyWithin: stage.replyWithin ?? null
      };
    })
  };
}) satisfies PageServerLoad;
