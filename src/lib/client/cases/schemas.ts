/**
 * Request bodies of the staff case endpoints (/staff/api/cases/…), shared by the browser that
 * builds them and the server that validates them. Pure zod: no server code.
 */
import { z } from 'zod';
import { bodyKindSchema } from '$lib/routing/policy';
import { fileIdsSchema, signedEventSchema } from '$lib/schemas/cases';
import { base64Up, CASE_STATUSES, uuidSchema, type CaseStatusName } from '$lib/schemas/common';

/** A sealed bundle with both keys is 1 + 48 + 1 + 1 + 70 bytes; room for later versions. */
const sealedKey = base64Up(256);
const epoch = z.number().int().min(0).max(10_000);

export const STAFF_BODY_LIMIT = 160 * 1024;

export const caseParamsSchema = z.object({ caseId: uuidSchema });

export { CASE_STATUSES, type CaseStatusName };

export const OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld', 'referred', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What an entry is for. It decides the kind (a note is under the staff-only key) and what the
 * server records alongside: asking for information waits on the reporter, a final reply is the
 * stage's response and starts the window for the next stage.
 */
export const ENTRY_PURPOSES = ['reply', 'ask', 'final', 'note', 'action'] as const;
export type EntryPurpose = (typeof ENTRY_PURPOSES)[number];

export const staffEntrySchema = z.strictObject({
  entryId: uuidSchema,
  purpose: z.enum(ENTRY_PURPOSES),
  epoch,
  ciphertext: base64Up(96 * 1024),
  fileIds: fileIdsSchema
});
export type StaffEntryBody = z.infer<typeof staffEntrySchema>;

/** Status changes and acknowledgements carry the holder's signed event for the case's chain. */
export const statusSchema = z.strictObject({
  status: z.enum(CASE_STATUSES),
  event: signedEventSchema
});

export const acknowledgeSchema = z.strictObject({ event: signedEventSchema });

const holders = z
  .array(z.strictObject({ personId: uuidSchema, epoch, sealedKey }))
  .min(1)
  .max(120);

export const referSchema = z.strictObject({
  /** The referrer's signed `referred` event: its id makes a retry change nothing. */
  event: signedEventSchema,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('tier') }),
    z.strictObject({ kind: z.literal('body'), body: bodyKindSchema })
  ]),
  holders
});
export type ReferBody = z.infer<typeof referSchema>;

export const grantSchema = z.strictObject({
  /** The granter's signed `granted` event: its id makes a retry change nothing. */
  event: signedEventSchema,
  /** A colleague, or the members of a complaint's stage-3 panel. */
  purpose: z.enum(['colleague', 'panel']),
  holders
});
export type GrantBody = z.infer<typeof grantSchema>;

export const revokeSchema = z.strictObject({
  personId: uuidSchema,
  newEpoch: z.number().int().min(1).max(10_000),
  /** The new epoch's bundles; `personId` null is the reporter's (content key only). */
  sealedKeys: z
    .array(z.strictObject({ personId: uuidSchema.nullable(), sealedKey }))
    .min(1)
    .max(120),
  /** The remover's signed `revoked` event, under the new epoch. */
  event: signedEventSchema.omit({ epoch: true })
});
export type RevokeBody = z.infer<typeof revokeSchema>;
