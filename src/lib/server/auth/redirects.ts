import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import type { StaffSession } from './sessions';

/** For page loads: send a signed-out visitor to sign in rather than showing an error. */
export function staffOrSignIn(locals: App.Locals): StaffSession {
  if (!locals.staff) redirect(303, paths.signIn);
  return locals.staff;
}

export function adminOrHome(locals: App.Locals): StaffSession {
  const staff = staffOrSignIn(locals);
  if (!staff.isAdmin) redirect(303, paths.staff);
  return staff;
}
