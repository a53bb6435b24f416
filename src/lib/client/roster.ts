import { rosterTags, type RosterMember } from '$lib/routing';
import type { BoxPublicKey, SignKeyPair, SignPublicKey } from '$lib/crypto';
import type { Role } from '$lib/schemas/common';
import { t } from '$lib/i18n';
import { RosterTrustError } from './verified-keys';

/** An admin's browser signs a person's keys and roles into the unit's roster. */
export async function signRosterEntryB64(
  unitKey: SignKeyPair,
  entry: {
    unitId: string;
    personId: string;
    roles: Role[];
    /** Team ids, signed as `team:<id>` tags in the roles list. */
    teams?: string[];
    boxPublicKey: string;
    signPublicKey: string;
  }
): Promise<string> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return crypto.toBase64(
    crypto.signRosterEntry(unitKey.privateKey, {
      unitId: entry.unitId,
      personId: entry.personId,
      roles: rosterTags(entry.roles, entry.teams),
      boxPublicKey: crypto.fromBase64(entry.boxPublicKey) as BoxPublicKey,
      signPublicKey: crypto.fromBase64(entry.signPublicKey) as SignPublicKey
    })
  );
}

/** Password rules shared by every page that sets one. */
export function passwordProblem(
  password: string,
  confirmation: string
): 'tooShort' | 'mismatch' | null {
  if ([...password].length < 12) return 'tooShort';
  if (password !== confirmation) return 'mismatch';
  return null;
}

/** The roster as the server serves it (see $lib/server/roster). */
export interface ServedMember {
  personId: string;
  unitId: string;
  displayName: string;
  roles: Role[];
  /** Team ids; absent from older servers. */
  teams?: string[];
  status: 'active' | 'on_leave';
  boxPublicKey: string;
  signPublicKey: string;
  rosterSignature: string | null;
}

export interface ServedUnit {
  id: string;
  slug: string;
  name: string;
  kind: RosterMember['unitKind'];
  signingPublicKey: string | null;
  signingKeyTransitions: string | null;
  rosterList: string | null;
  link: { organisationSignature: string | null; bodySignature: string | null } | null;
  members: ServedMember[];
}

export {
  verifiedKeys,
  RosterTrustError,
  UnverifiedMemberError,
  type VerifiedKeys,
  type VerifiedUnit,
  type TrustReason
} from './verified-keys';

/** What a person is told when a roster is refused: what to do, then why. */
export function trustMessage(error: RosterTrustError, audience: 'reporter' | 'staff'): string {
  const unit = error.unitName || t('trust.thisOrganisation');
  return `${t(audience === 'reporter' ? 'trust.reporter' : 'trust.staff', { unit })} ${t(
    `trust.reason.${error.reason}`
  )}`;
}
