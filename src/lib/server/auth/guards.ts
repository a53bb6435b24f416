import { error } from '@sveltejs/kit';
import type { StaffSession } from './sessions';

/** Every staff endpoint and action calls one of these itself, whatever its layout checked. */
export function requireStaff(
  locals: App.Locals,
  options: { beforeTotp?: boolean } = {}
): StaffSession {
  if (!locals.staff) error(401, { message: 'Please sign in.', code: 'signed_out' });
  // Where the organisation requires two-factor, nothing but setting it up works until it is on.
  if (locals.staff.mustEnrolTotp && !options.beforeTotp) {
    error(403, { message: 'Set up two-factor sign-in first.', code: 'totp_required' });
  }
  return locals.staff;
}

export function requireAdmin(locals: App.Locals): StaffSession {
  const staff = requireStaff(locals);
  if (!staff.isAdmin)
    error(403, { message: 'Only an administrator can do this.', code: 'forbidden' });
  return staff;
}

export function requireHost(locals: App.Locals): StaffSession {
  const staff = requireStaff(locals);
  if (!staff.isHost) error(403, { message: 'Only the host can do this.', code: 'forbidden' });
  return staff;
}
