import { rosterTags, type RosterMember } from '$lib/routing';
import type { BoxPublicKey, SignKeyPair, SignPublicKey } from '$lib/crypto';
import type { Role } from '$lib/schemas/common';

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
  members: ServedMember[];
}

/**
 * Checks every roster signature against its unit's key before anyone is encrypted to, and gives
 * the routing module its view: a member whose signature fails is `keysSigned: false` and so
 * never receives a case.
 */
export async function verifiedRoster(units: ServedUnit[]): Promise<RosterMember[]> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return units.flatMap((unit) =>
    unit.members.map((member) => {
      const signed =
        unit.signingPublicKey !== null &&
        member.rosterSignature !== null &&
        crypto.verifyRosterEntry(
          crypto.fromBase64(unit.signingPublicKey) as SignPublicKey,
          {
            unitId: unit.id,
            personId: member.personId,
            // Team membership is covered by the same signature (docs/ROUTING.md, Teams).
            roles: rosterTags(member.roles, member.teams),
            boxPublicKey: crypto.fromBase64(member.boxPublicKey) as BoxPublicKey,
            signPublicKey: crypto.fromBase64(member.signPublicKey) as SignPublicKey
          },
          crypto.fromBase64(member.rosterSignature)
        );
      return {
        personId: member.personId,
        unitId: unit.id,
        unitKind: unit.kind,
        displayName: member.displayName,
        roles: member.roles,
        teams: member.teams ?? [],
        status: member.status,
        keysSigned: signed
      };
    })
  );
}
