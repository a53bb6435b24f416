/**
 * The one place a browser decides whose keys it may seal to or trust a signature from. Everything
 * the server serves about people and units is checked here against keys the browser already
 * holds or can chain to (docs/PROTOCOL.md §6); any doubt refuses the whole roster.
 */
import type { BoxPublicKey, RosterListMember, SignPublicKey } from '$lib/crypto';
import { rosterTags, type RosterMember } from '$lib/routing';
import type { PinStore } from './roster-pins';
import type { ServedMember, ServedUnit } from './roster';

type Crypto = typeof import('$lib/crypto');

export type TrustReason =
  | 'duplicate'
  | 'unsigned'
  | 'not_on_list'
  | 'mismatch'
  | 'old_list'
  | 'unit_key_changed'
  | 'body_link'
  | 'no_unit_key';

/** The served roster failed a check: nothing may be sealed to anyone on it. */
export class RosterTrustError extends Error {
  override name = 'RosterTrustError';
  constructor(
    readonly unitName: string,
    readonly reason: TrustReason
  ) {
    super(`roster of ${unitName} refused: ${reason}`);
  }
}

/** Thrown when asked for the keys of someone who is not on the verified roster. */
export class UnverifiedMemberError extends Error {
  override name = 'UnverifiedMemberError';
}

/** A unit whose key and roster passed, with what a returning browser can pin. */
export interface VerifiedUnit {
  id: string;
  name: string;
  kind: ServedUnit['kind'];
  signingPublicKey: string;
  /** The signed list's version; 0 for a unit that has no list yet (per-person signatures). */
  listVersion: number;
  keyFingerprint: string;
}

export interface VerifiedKeys {
  /** Routing's view: only people whose keys verified. */
  members: RosterMember[];
  units: VerifiedUnit[];
  /** External bodies served without both link signatures: not offered, not sealed to. */
  unlinkedBodies: { id: string; name: string }[];
  member(personId: string): RosterMember | null;
  /** The verified box key to seal to, or UnverifiedMemberError. */
  boxKey(personId: string): BoxPublicKey;
  /** The verified sign key an entry from this person must verify under; null if none. */
  signKey(personId: string): SignPublicKey | null;
}

const sortedRoles = (roles: readonly string[]) => [...new Set(roles)].sort().join('\n');

function sameAsListed(crypto: Crypto, served: ServedMember, listed: RosterListMember): boolean {
  return (
    served.displayName === listed.displayName &&
    served.status === listed.status &&
    // Team membership is listed as `team:<id>` tags with the roles (docs/ROUTING.md, Teams).
    sortedRoles(rosterTags(served.roles, served.teams)) === sortedRoles(listed.roles) &&
    served.boxPublicKey === crypto.toBase64(listed.boxPublicKey) &&
    served.signPublicKey === crypto.toBase64(listed.signPublicKey)
  );
}

/** Checks one unit's key against the pin and its members against its signed list. */
function verifyUnit(crypto: Crypto, unit: ServedUnit, pins: PinStore | null) {
  const refuse = (reason: TrustReason): never => {
    throw new RosterTrustError(unit.name, reason);
  };
  if (!unit.signingPublicKey) return refuse('no_unit_key');
  const key = crypto.fromBase64(unit.signingPublicKey) as SignPublicKey;
  const pin = pins?.get(unit.id) ?? null;
  if (pin && pin.signingPublicKey !== unit.signingPublicKey) {
    const transitions = unit.signingKeyTransitions
      ? crypto.fromBase64(unit.signingKeyTransitions)
      : null;
    const pinned = crypto.fromBase64(pin.signingPublicKey) as SignPublicKey;
    if (!crypto.unitKeyFollowsFrom(unit.id, pinned, key, transitions)) refuse('unit_key_changed');
  }
  let listVersion = 0;
  if (unit.rosterList) {
    let listed: RosterListMember[] = [];
    try {
      const list = crypto.openRosterList(key, unit.id, crypto.fromBase64(unit.rosterList));
      listVersion = list.version;
      listed = list.members;
    } catch {
      refuse('unsigned');
    }
    const byId = new Map(listed.map((m) => [m.personId, m]));
    for (const member of unit.members) {
      const entry = byId.get(member.personId);
      if (!entry) refuse('not_on_list');
      else if (!sameAsListed(crypto, member, entry)) refuse('mismatch');
    }
  } else {
    for (const member of unit.members) {
      const signed =
        member.rosterSignature !== null &&
        crypto.verifyRosterEntry(
          key,
          {
            unitId: unit.id,
            personId: member.personId,
            roles: rosterTags(member.roles, member.teams),
            boxPublicKey: crypto.fromBase64(member.boxPublicKey) as BoxPublicKey,
            signPublicKey: crypto.fromBase64(member.signPublicKey) as SignPublicKey
          },
          crypto.fromBase64(member.rosterSignature)
        );
      if (!signed) refuse('unsigned');
    }
  }
  if (pin && pin.listVersion > listVersion) refuse('old_list');
  return { key, listVersion };
}

/**
 * Both units' keys sign the link between an organisation and a body (docs/PROTOCOL.md §6).
 * Absent signatures: the body is not linked yet. A signature that does not verify: refused.
 */
function linkState(
  crypto: Crypto,
  organisation: ServedUnit,
  organisationKey: SignPublicKey,
  body: ServedUnit
): 'linked' | 'unlinked' {
  const link = body.link;
  if (!link?.organisationSignature || !link.bodySignature || !body.signingPublicKey) {
    return 'unlinked';
  }
  const signed = {
    organisationId: organisation.id,
    organisationKey,
    bodyId: body.id,
    bodyKind: body.kind,
    bodyName: body.name,
    bodyKey: crypto.fromBase64(body.signingPublicKey) as SignPublicKey
  };
  const ok =
    crypto.verifyUnitLink(organisationKey, signed, crypto.fromBase64(link.organisationSignature)) &&
    crypto.verifyUnitLink(signed.bodyKey, signed, crypto.fromBase64(link.bodySignature));
  if (!ok) throw new RosterTrustError(body.name, 'body_link');
  return 'linked';
}

/**
 * Verifies the roster a page was served: the organisation first (`units[0]`), then each linked
 * body. Refuses (RosterTrustError) a person id served twice, a member not signed or not on the
 * current signed list, a list older than the pinned one, a unit key that changed without the
 * old key's signature, and a body link signed badly. On success the pins move forward.
 */
export async function verifiedKeys(
  units: ServedUnit[],
  options: { pins?: PinStore | null } = {}
): Promise<VerifiedKeys> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const pins = options.pins ?? null;
  const seen = new Set<string>();
  for (const unit of units) {
    for (const member of unit.members) {
      if (seen.has(member.personId)) throw new RosterTrustError(unit.name, 'duplicate');
      seen.add(member.personId);
    }
  }
  const [organisation, ...bodies] = units;
  if (!organisation) throw new RosterTrustError('', 'no_unit_key');
  const checked: { unit: ServedUnit; key: SignPublicKey; listVersion: number }[] = [];
  const org = verifyUnit(crypto, organisation, pins);
  checked.push({ unit: organisation, ...org });
  const unlinkedBodies: VerifiedKeys['unlinkedBodies'] = [];
  for (const body of bodies) {
    if (linkState(crypto, organisation, org.key, body) === 'unlinked') {
      unlinkedBodies.push({ id: body.id, name: body.name });
      continue;
    }
    checked.push({ unit: body, ...verifyUnit(crypto, body, pins) });
  }

  const keys = new Map<string, { box: BoxPublicKey; sign: SignPublicKey }>();
  const members: RosterMember[] = [];
  for (const { unit } of checked) {
    for (const m of unit.members) {
      members.push({
        personId: m.personId,
        unitId: unit.id,
        unitKind: unit.kind,
        displayName: m.displayName,
        roles: m.roles,
        teams: m.teams ?? [],
        status: m.status,
        keysSigned: true
      });
      keys.set(m.personId, {
        box: crypto.fromBase64(m.boxPublicKey) as BoxPublicKey,
        sign: crypto.fromBase64(m.signPublicKey) as SignPublicKey
      });
    }
  }
  const verifiedUnits = checked.map(({ unit, key, listVersion }) => ({
    id: unit.id,
    name: unit.name,
    kind: unit.kind,
    signingPublicKey: unit.signingPublicKey!,
    listVersion,
    keyFingerprint: crypto.fingerprint(key)
  }));
  for (const unit of verifiedUnits) {
    pins?.put(unit.id, { signingPublicKey: unit.signingPublicKey, listVersion: unit.listVersion });
  }
  const byId = new Map(members.map((m) => [m.personId, m]));
  return {
    members,
    units: verifiedUnits,
    unlinkedBodies,
    member: (personId) => byId.get(personId) ?? null,
    boxKey(personId) {
      const found = keys.get(personId);
      if (!found) throw new UnverifiedMemberError(personId);
      return found.box;
    },
    signKey: (personId) => keys.get(personId)?.sign ?? null
  };
}
