import { z } from 'zod';
import {
  base64Bytes,
  base64Up,
  plainText,
  displayNameSchema,
  emailSchema,
  roleSchema,
  slugSchema,
  unitKindSchema
} from './common';
import { teamIdSchema } from '../routing/policy';

/** A roster signature: its version byte and an Ed25519 signature (docs/PROTOCOL.md). */
export const ROSTER_SIGNATURE_BYTES = 1 + 64;

/** Everything a browser sends when it has made a person's keys: never a password or private key. */
export const enrolmentSchema = z.strictObject({
  boxPublicKey: base64Bytes(32),
  signPublicKey: base64Bytes(32),
  passwordSalt: base64Bytes(16),
  passwordWrappedKeys: base64Up(512),
  recoveryWrappedKeys: base64Up(512),
  loginSecret: base64Bytes(32),
  recoveryProof: base64Bytes(32)
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const rolesSchema = z.array(roleSchema).min(1).max(12);

export const setupSchema = z.strictObject({
  organisation: z.strictObject({
    /** Chosen by the browser, because the admin's roster signature covers it. */
    id: z.uuid(),
    name: plainText(120, 2),
    slug: slugSchema,
    presetId: plainText(64)
  }),
  admin: z.strictObject({
    id: z.uuid(),
    displayName: displayNameSchema,
    email: emailSchema,
    roles: z.array(roleSchema).max(12)
  }),
  enrolment: enrolmentSchema,
  unit: z.strictObject({
    signingPublicKey: base64Bytes(32),
    sealedSigningKey: base64Up(256),
    adminRosterSignature: base64Bytes(ROSTER_SIGNATURE_BYTES)
  })
});

export const signInSaltSchema = z.strictObject({ email: emailSchema });

/** A two-factor code as typed: spaces are dropped. */
export const totpCodeSchema = z
  .string()
  .trim()
  .max(12)
  .transform((code) => code.replace(/\s+/g, ''));

export const signInSchema = z.strictObject({
  email: emailSchema,
  loginSecret: base64Bytes(32),
  code: totpCodeSchema.optional()
});

export const inviteSchema = z.strictObject({
  displayName: displayNameSchema,
  email: emailSchema,
  roles: rolesSchema,
  isAdmin: z.boolean().default(false)
});

export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation link');

export const foundingKeysSchema = z.strictObject({
  signingPublicKey: base64Bytes(32),
  sealedSigningKey: base64Up(256),
  rosterSignature: base64Bytes(ROSTER_SIGNATURE_BYTES)
});

export const acceptInvitationSchema = z.strictObject({
  token: invitationTokenSchema,
  enrolment: enrolmentSchema,
  /** Only from a unit's first admin: the unit signing key their browser just made. */
  founding: foundingKeysSchema.optional()
});

export const newUnitSchema = z.strictObject({
  name: plainText(120, 2),
  slug: slugSchema,
  kind: unitKindSchema,
  presetId: plainText(64).optional(),
  admin: z.strictObject({
    displayName: displayNameSchema,
    email: emailSchema,
    roles: z.array(roleSchema).max(12)
  })
});

export const unitLinkSchema = z.strictObject({
  organisationId: z.uuid(),
  bodyId: z.uuid(),
  linked: z.boolean()
});

export const rosterSignatureSchema = z.strictObject({
  signature: base64Bytes(ROSTER_SIGNATURE_BYTES)
});

export const updatePersonSchema = z.strictObject({
  status: z.enum(['active', 'on_leave', 'removed']).optional(),
  roles: rolesSchema.optional(),
  /** Team ids from the organisation's policy (docs/ROUTING.md, Teams). */
  teams: z
    .array(teamIdSchema)
    .max(20)
    .refine((t) => new Set(t).size === t.length, 'teams must not repeat')
    .optional(),
  isAdmin: z.boolean().optional()
});

export const totpConfirmSchema = z.strictObject({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'not a two-factor secret'),
  code: z.string().regex(/^\d{6}$/, 'enter the 6-digit code'),
  /** The password proves it is the person, not only their cookie. */
  currentLoginSecret: base64Bytes(32),
  /** A code from the second factor being replaced, when there is one. */
  currentCode: totpCodeSchema.optional()
});

export const recoveryStartSchema = z.strictObject({
  email: emailSchema,
  recoveryProof: base64Bytes(32),
  code: totpCodeSchema.optional()
});

export const recoveryFinishSchema = z.strictObject({
  email: emailSchema,
  recoveryProof: base64Bytes(32),
  code: totpCodeSchema.optional(),
  enrolment: enrolmentSchema
});

export const changePasswordSchema = z.strictObject({
  currentLoginSecret: base64Bytes(32),
  passwordSalt: base64Bytes(16),
  passwordWrappedKeys: base64Up(512),
  loginSecret: base64Bytes(32)
});

export const signingKeyGrantSchema = z.strictObject({ sealedSigningKey: base64Up(256) });

export const personParamsSchema = z.object({ personId: z.uuid() });

export const organisationSettingsSchema = z
  .strictObject({
    name: plainText(120, 2).optional(),
    requireTotp: z.boolean().optional(),
    safeguardingTotpOff: z.boolean().optional(),
    publicInfo: z
      .strictObject({
        childrensServicesPhone: plainText(40).optional(),
        contactNote: plainText(500).optional()
      })
      .optional()
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

/** A signed roster list: a few hundred bytes per person; bounded well above any real unit. */
export const rosterListSchema = z.strictObject({ rosterList: base64Up(512 * 1024) });

export const unitParamsSchema = z.object({ unitId: z.uuid() });

export const unitLinkSignatureSchema = z.strictObject({ signature: base64Bytes(65) });

export const signingKeyReplacementSchema = z.strictObject({
  signingPublicKey: base64Bytes(32),
  transition: base64Bytes(129),
  sealedSigningKey: base64Up(256),
  rosterList: base64Up(512 * 1024)
});

export const reinviteParamsSchema = z.object({ requestId: z.uuid() });
