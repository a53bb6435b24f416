import { policySchema } from '$lib/routing';
import { slugParamsSchema } from '$lib/schemas/cases';
import { notFound, validateParams } from '$lib/server/http';
import { publicRoster } from '$lib/server/roster';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** The roster and policy the reporter's browser verifies and routes with. Public by design. */
export const load = (async ({ params }) => {
  const { slug } = validateParams(slugParamsSchema, params);
  const roster = await publicRoster(await db(), slug);
  if (!roster) notFound();
  const policy = policySchema.safeParse(roster.organisation.policy);
  if (!policy.success) notFound();
  const { policy: _p, publicInfo, ...organisation } = roster.organisation;
  void _p;
  const phone = (publicInfo as { childrensServicesPhone?: unknown }).childrensServicesPhone;
  return {
    organisation,
    bodies: roster.bodies,
    policy: policy.data,
    childrensServicesPhone: typeof phone === 'string' ? phone : null
  };
}) satisfies PageServerLoad;
