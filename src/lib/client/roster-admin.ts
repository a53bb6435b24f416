/**
 * What an admin's browser signs with the unit key: the roster list whenever the people on it
 * change, its own side of each link to another unit, and a hand-over to a new unit key.
 */
import type { BoxPublicKey, SignKeyPair, SignPublicKey } from '$lib/crypto';
import { rosterTags } from '$lib/routing';
import type { Role } from '$lib/schemas/common';
import { api } from './api';

/** A person as the admin's people endpoint lists them. */
export interface AdminPerson {
  personId: string;
  displayName: string;
  status: 'invited' | 'active' | 'on_leave' | 'removed';
  roles: Role[];
  /** Team ids, signed with the roles as `team:<id>` tags. */
  teams?: string[];
  boxPublicKey: string | null;
  signPublicKey: string | null;
  rosterSignature: string | null;
}

/**
 * The list as it should be: everyone active or on leave whose keys this browser sees signed with
 * the unit key (an admin's "sign their keys"). The server's word is not enough to get on it.
 */
async function desiredList(unitKey: SignKeyPair, unitId: string, people: AdminPerson[]) {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  return people.flatMap((p) => {
    if (p.status !== 'active' && p.status !== 'on_leave') return [];
    if (!p.boxPublicKey || !p.signPublicKey || !p.rosterSignature) return [];
    const entry = {
      unitId,
      personId: p.personId,
      roles: rosterTags(p.roles, p.teams),
      boxPublicKey: crypto.fromBase64(p.boxPublicKey) as BoxPublicKey,
      signPublicKey: crypto.fromBase64(p.signPublicKey) as SignPublicKey
    };
    if (!crypto.verifyRosterEntry(unitKey.publicKey, entry, crypto.fromBase64(p.rosterSignature)))
      return [];
    return [{ ...entry, displayName: p.displayName, status: p.status }];
  });
}

/**
 * Signs and stores a new roster list when the people on it have changed; returns its version.
 * `force` signs a new one even when nothing changed (after a key change).
 */
export async function syncRosterList(
  unitKey: SignKeyPair,
  unitId: string,
  people: AdminPerson[]
): Promise<number> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const stored = await api.get<{ rosterList: string | null; rosterListVersion: number }>(
    '/staff/api/roster-list'
  );
  const members = await desiredList(unitKey, unitId, people);
  const next = crypto.signRosterList(unitKey.privateKey, {
    unitId,
    version: stored.rosterListVersion + 1,
    members
  });
  if (stored.rosterList) {
    try {
      const current = crypto.openRosterList(
        unitKey.publicKey,
        unitId,
        crypto.fromBase64(stored.rosterList)
      );
      const same = crypto.signRosterList(unitKey.privateKey, { ...current, members });
      if (crypto.toBase64(same) === stored.rosterList) return current.version;
    } catch {
      // Not ours to keep (another key, or damaged): replace it.
    }
  }
  const result = await api.post<{ version: number }>('/staff/api/roster-list', {
    rosterList: crypto.toBase64(next)
  });
  return result.version;
}

/** A link between this unit and another, as the links endpoint lists it. */
export interface AdminLink {
  organisationId: string;
  organisationName: string;
  organisationKey: string | null;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  bodyKey: string | null;
  organisationSignature: string | null;
  bodySignature: string | null;
}

/** Signs this unit's side of a link, after the admin compared the other unit's fingerprint. */
export async function signLink(unitKey: SignKeyPair, unitId: string, link: AdminLink) {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  if (!link.organisationKey || !link.bodyKey) throw new Error('the other unit has no key yet');
  const signature = crypto.signUnitLink(unitKey.privateKey, {
    organisationId: link.organisationId,
    organisationKey: crypto.fromBase64(link.organisationKey) as SignPublicKey,
    bodyId: link.bodyId,
    bodyKind: link.bodyKind,
    bodyName: link.bodyName,
    bodyKey: crypto.fromBase64(link.bodyKey) as SignPublicKey
  });
  const other = link.organisationId === unitId ? link.bodyId : link.organisationId;
  await api.post(`/staff/api/links/${other}`, { signature: crypto.toBase64(signature) });
}

/**
 * Replaces the unit key: the old key signs the new one, the new key signs the roster list again
 * (and every person's entry), and only this admin holds it until they share it again.
 */
export async function replaceUnitKey(
  unitKey: SignKeyPair,
  unitId: string,
  ownBoxPublicKey: string,
  people: AdminPerson[]
): Promise<SignKeyPair> {
  const crypto = await import('$lib/crypto');
  await crypto.ready();
  const fresh = crypto.generateUnitSigningKey();
  const members = await desiredList(unitKey, unitId, people);
  const stored = await api.get<{ rosterListVersion: number }>('/staff/api/roster-list');
  await api.post('/staff/api/organisation/signing-key', {
    signingPublicKey: crypto.toBase64(fresh.publicKey),
    transition: crypto.toBase64(crypto.signUnitKeyTransition(unitId, unitKey, fresh.publicKey)),
    sealedSigningKey: crypto.toBase64(
      crypto.sealUnitSigningKey(crypto.fromBase64(ownBoxPublicKey) as BoxPublicKey, fresh)
    ),
    rosterList: crypto.toBase64(
      crypto.signRosterList(fresh.privateKey, {
        unitId,
        version: stored.rosterListVersion + 1,
        members
      })
    )
  });
  for (const m of members) {
    await api.post(`/staff/api/people/${m.personId}/roster-signature`, {
      signature: crypto.toBase64(crypto.signRosterEntry(fresh.privateKey, m))
    });
  }
  return fresh;
}
