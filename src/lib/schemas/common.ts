import { z } from 'zod';

/** URL-safe base64 without padding, as the crypto module writes it, of exactly `bytes` bytes. */
export function base64Bytes(bytes: number) {
  const length = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .length(length, `must be ${bytes} bytes in base64`)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe base64');
}

/** URL-safe base64 of at most `maxBytes` bytes. */
export function base64Up(maxBytes: number) {
  return z
    .string()
    .min(1)
    .max(Math.ceil((maxBytes * 4) / 3), `must be at most ${maxBytes} bytes`)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe base64');
}

export const uuidSchema = z.uuid();
export const slugSchema = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single dashes');
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be an email address'));
export const displayNameSchema = z.string().trim().min(1).max(120);
export const daySchema = z.iso.date();

// The vocabulary of tracks, roles and units belongs to the routing module; re-exported here so
// request schemas and the database enums use the very same lists.
export {
  ROLES,
  TRACKS,
  UNIT_KINDS,
  roleSchema,
  trackSchema,
  type Role,
  type Track,
  type UnitKind
} from '../routing/policy';
import { UNIT_KINDS } from '../routing/policy';

export const unitKindSchema = z.enum(UNIT_KINDS);
