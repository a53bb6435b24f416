import { caseParamsSchema } from '$lib/client/cases/schemas';
import { staffOrSignIn } from '$lib/server/auth/redirects';
import { configuredFileLimits, loadCaseForStaff } from '$lib/server/cases';
import { notFound, validateParams } from '$lib/server/http';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** 404 unless this person holds the case; its content is fetched and decrypted in the browser. */
export const load = (async ({ locals, params }) => {
  const staff = staffOrSignIn(locals);
  const { caseId } = validateParams(caseParamsSchema, params);
  if (!(await loadCaseForStaff(await db(), caseId, staff.personId))) notFound();
  return { caseId, personId: staff.personId, fileLimits: configuredFileLimits() };
}) satisfies PageServerLoad;
