import { z } from 'zod';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * True when `text` is URL-safe unpadded base64 exactly as the crypto module writes it: no
 * leftover single character, and no bits set in the unused end of the last character (such a
 * string decodes to the same bytes as another one, and the decoder refuses it).
 */
export function isCanonicalBase64(text: string): boolean {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return false;
  const last = BASE64_ALPHABET.indexOf(text.at(-1) ?? 'A');
  if (text.length % 4 === 2) return (last & 0x0f) === 0;
  if (text.length % 4 === 3) return (last & 0x03) === 0;
  return true;
}

const base64Message = 'must be URL-safe base64 without padding, as Candour writes it';

/** URL-safe base64 without padding, as the crypto module writes it, of exactly `bytes` bytes. */
export function base64Bytes(bytes: number) {
  const length = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .length(length, `must be ${bytes} bytes in base64`)
    .refine(isCanonicalBase64, base64Message);
}

/** URL-safe base64 of at most `maxBytes` bytes. */
export function base64Up(maxBytes: number) {
  return z
    .string()
    .min(1)
    .max(Math.ceil((maxBytes * 4) / 3), `must be at most ${maxBytes} bytes`)
    .refine(isCanonicalBase64, base64Message);
}

/** NUL (which PostgreSQL text refuses) or a UTF-16 surrogate without its partner. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export const unstorableMessage = 'must not contain a NUL or a broken (lone surrogate) character';

/** Text a person typed: trimmed, bounded, and only characters the database can store. */
export function plainText(max: number, min = 0) {
  return z.string().trim().min(min).max(max).refine(isStorableText, unstorableMessage);
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
  .refine(isStorableText, unstorableMessage)
  .pipe(z.email('must be an email address'));
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine(isStorableText, unstorableMessage);
export const daySchema = z.iso.date();

/** A case's statuses, in the order a case moves through them: the database enum and the views. */
export const CASE_STATUSES = [
  'new',
  'acknowledged',
  'investigating',
  'awaiting_reporter',
  'responded',
  'escalated',
  'closed'
] as const;
export type CaseStatusName = (typeof CASE_STATUSES)[number];

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
