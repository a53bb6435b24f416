import { z } from 'zod';
import { bodyKindSchema } from '../routing/policy';
import { base64Bytes, base64Up, trackSchema, uuidSchema } from './common';

/** Sealed bundle: 1 + 48 + 1 + 1 + (1 + 1 + 4 + 32 + 32) bytes; a little room for later versions. */
const sealedKey = base64Up(256);
/** A padded report or message: the body limit bounds it first. */
const ciphertext = base64Up(96 * 1024);

export const REPORTER_BODY_LIMIT = 160 * 1024;

/**
 * An event (acknowledged, referred, escalated, …) as the actor's browser wrote it: a format-2
 * entry in the case's chain, signed by the actor. The entry id is chosen by the browser, so a
 * retry changes nothing.
 */
export const signedEventSchema = z.strictObject({
  entryId: uuidSchema,
  epoch: z.number().int().min(0).max(10_000),
  ciphertext: base64Up(8 * 1024)
});
export type SignedEventBody = z.infer<typeof signedEventSchema>;

export const submitCaseSchema = z.strictObject({
  submissionId: uuidSchema,
  caseId: uuidSchema,
  track: trackSchema,
  lookupToken: base64Bytes(32),
  reporterSignPublicKey: base64Bytes(32),
  reporterBoxPublicKey: base64Bytes(32),
  reportCiphertext: ciphertext,
  recipients: z
    .array(z.strictObject({ personId: uuidSchema, sealedKey }))
    .min(1)
    .max(40),
  reporterSealedKey: sealedKey
});
export type SubmitCaseBody = z.infer<typeof submitCaseSchema>;

export const openCaseSchema = z.strictObject({ lookupToken: base64Bytes(32) });

export const lookupTokenSchema = base64Bytes(32);

/** Files an entry carries (their keys are inside the entry): at most this many per entry. */
export const MAX_FILES_PER_ENTRY = 10;
export const fileIdsSchema = z.array(uuidSchema).max(MAX_FILES_PER_ENTRY).optional();

/** Starting, or asking about, an upload: only the padded size bucket travels. */
export const fileUploadSchema = z.strictObject({
  fileId: uuidSchema,
  paddedSize: z
    .number()
    .int()
    .min(1)
    .max(2 ** 32 - 1)
});
export const reporterFileUploadSchema = fileUploadSchema.extend({ lookupToken: base64Bytes(32) });

/** A chunk's place in the URL: /…/files/<fileId>/<index>. */
export const fileChunkParamsSchema = z.object({
  fileId: uuidSchema,
  index: z.coerce.number().int().min(0).max(4095)
});

export const reporterMessageSchema = z.strictObject({
  lookupToken: base64Bytes(32),
  entryId: uuidSchema,
  epoch: z.number().int().min(0).max(10_000),
  ciphertext,
  fileIds: fileIdsSchema
});
export type ReporterMessageBody = z.infer<typeof reporterMessageSchema>;

/** The reporter's receipt sealed to their own box key (a sealed box of about 600 bytes). */
export const storeReceiptSchema = z.strictObject({
  lookupToken: base64Bytes(32),
  sealedReceipt: base64Up(2048)
});

export const escalateSchema = z.strictObject({
  lookupToken: base64Bytes(32),
  /** The reporter's signed `escalated` event; its id makes a retry change nothing. */
  event: signedEventSchema,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('next_stage') }),
    z.strictObject({ kind: z.literal('body'), body: bodyKindSchema })
  ]),
  holders: z
    .array(
      z.strictObject({
        personId: uuidSchema,
        epoch: z.number().int().min(0).max(10_000),
        sealedKey
      })
    )
    // Empty only when the next stage goes to people who already hold the case (the route checks).
    .min(0)
    .max(60)
});
export type EscalateBody = z.infer<typeof escalateSchema>;

export const slugParamsSchema = z.object({
  slug: z
    .string()
    .min(2)
    .max(48)
    .regex(/^[a-z0-9-]+$/)
});

/** What the reporter's browser receives when it opens its case. */
export interface ReporterCaseView {
  caseId: string;
  track: z.infer<typeof trackSchema>;
  stage: number;
  status: string;
  keyEpoch: number;
  receivedOn: string;
  stageStartedOn: string;
  acknowledgedOn: string | null;
  respondedOn: string | null;
  closedOn: string | null;
  reportCiphertext: string;
  reporterKeys: { epoch: number; sealedKey: string }[];
  /** The proof of filing, sealed to the reporter's box key; null until the browser stored it. */
  sealedReceipt: string | null;
  holders: string[];
  entries: {
    id: string;
    kind: 'message' | 'action';
    senderKind: 'reporter' | 'staff' | 'system';
    senderPersonId: string | null;
    epoch: number;
    createdOn: string;
    /** Signed entry bytes; for old cases' server records, `0x00 ‖ JSON` in the clear. */
    ciphertext: string;
  }[];
}
