// Roster signing: the organisation (unit) key vouches for each person's public keys.
import {
  ByteReader,
  canonical,
  concatBytes,
  expectLength,
  expectVersion,
  fromUtf8,
  readU32be,
  u32be
} from './encoding';
import { CryptoFormatError, SignatureError } from './errors';
import { ALPHABET } from './human-code';
import { BOX_KEY_BYTES, DOMAIN, SIGNATURE_BYTES, SIGN_PRIVATE_KEY_BYTES, VERSION } from './params';
import { openSealedBox, sealToBoxKey } from './envelope';
import {
  domainHash,
  generateSignKeyPair,
  signDetached,
  signKeyPairFromPrivateKey,
  verifyDetached
} from './primitives';
import type { BoxKeyPair, BoxPublicKey, SignKeyPair, SignPrivateKey, SignPublicKey } from './types';

export interface RosterEntry {
  unitId: string;
  personId: string;
  roles: string[];
  boxPublicKey: BoxPublicKey;
  signPublicKey: SignPublicKey;
}

export function generateUnitSigningKey(): SignKeyPair {
  return generateSignKeyPair();
}

/** Roles are a set: sorted and de-duplicated, so the same roster entry always encodes alike. */
export function encodeRosterEntry(entry: RosterEntry): Uint8Array {
  expectLength(entry.boxPublicKey, BOX_KEY_BYTES, 'Roster box public key');
  expectLength(entry.signPublicKey, 32, 'Roster sign public key');
  const roles = [...new Set(entry.roles)].sort();
  return canonical(
    DOMAIN.roster,
    new Uint8Array([VERSION.rosterSignature]),
    entry.unitId,
    entry.personId,
    u32be(roles.length),
    ...roles,
    entry.boxPublicKey,
    entry.signPublicKey
  );
}

/** Format: version(1) ‖ Ed25519 signature(64) over the canonical entry. */
export function signRosterEntry(
  unitSignPrivateKey: SignPrivateKey,
  entry: RosterEntry
): Uint8Array {
  const signature = signDetached(encodeRosterEntry(entry), unitSignPrivateKey);
  return concatBytes(new Uint8Array([VERSION.rosterSignature]), signature);
}

export function verifyRosterEntry(
  unitSignPublicKey: SignPublicKey,
  entry: RosterEntry,
  signature: Uint8Array
): boolean {
  try {
    const r = new ByteReader(signature, 'Roster signature');
    expectVersion(r.byte(), VERSION.rosterSignature, 'Roster signature');
    const sig = r.take(SIGNATURE_BYTES);
    r.end();
    return verifyDetached(sig, encodeRosterEntry(entry), unitSignPublicKey);
  } catch {
    return false;
  }
}

/** 160 bits of BLAKE2b as eight groups of four base32 symbols, to read out and compare. */
export function fingerprint(...publicKeys: Uint8Array[]): string {
  if (publicKeys.length === 0) throw new CryptoFormatError('Fingerprint of nothing');
  const digest = domainHash(DOMAIN.fingerprint, canonical(...publicKeys), 20);
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const b of digest) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join(' ');
}

/** The unit signing key travels sealed to each admin's box key: version ‖ private key(64). */
export function sealUnitSigningKey(
  adminBoxPublicKey: BoxPublicKey,
  unitKey: SignKeyPair
): Uint8Array {
  return sealToBoxKey(
    adminBoxPublicKey,
    'unitSigningKey',
    concatBytes(new Uint8Array([VERSION.unitSigningKey]), unitKey.privateKey)
  );
}

export function openUnitSigningKey(sealed: Uint8Array, adminBox: BoxKeyPair): SignKeyPair {
  const r = new ByteReader(openSealedBox(sealed, adminBox, 'unitSigningKey'), 'Unit signing key');
  expectVersion(r.byte(), VERSION.unitSigningKey, 'Unit signing key');
  const privateKey = r.take(SIGN_PRIVATE_KEY_BYTES).slice();
  r.end();
  return signKeyPairFromPrivateKey(privateKey);
}

/** One person on a signed roster list: who they are, their roles and the keys others seal to. */
export interface RosterListMember {
  personId: string;
  displayName: string;
  status: 'active' | 'on_leave';
  roles: string[];
  boxPublicKey: BoxPublicKey;
  signPublicKey: SignPublicKey;
}

/** A unit's whole roster at one version; the version only ever grows. */
export interface RosterList {
  unitId: string;
  version: number;
  members: RosterListMember[];
}

const LIST_STATUSES = ['active', 'on_leave'] as const;

function canonicalRoles(roles: string[]): string[] {
  return [...new Set(roles)].sort();
}

/** Members sorted by person id; a person id twice is not a roster. */
function encodeRosterListBody(list: RosterList): Uint8Array {
  const members = [...list.members].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const fields: (string | Uint8Array)[] = [
    DOMAIN.rosterList,
    new Uint8Array([VERSION.rosterList]),
    list.unitId,
    u32be(list.version),
    u32be(members.length)
  ];
  members.forEach((m, i) => {
    if (i > 0 && members[i - 1]!.personId === m.personId) {
      throw new CryptoFormatError('Roster list: a person appears twice');
    }
    if (!LIST_STATUSES.includes(m.status)) throw new CryptoFormatError('Roster list: bad status');
    expectLength(m.boxPublicKey, BOX_KEY_BYTES, 'Roster list box public key');
    expectLength(m.signPublicKey, 32, 'Roster list sign public key');
    const roles = canonicalRoles(m.roles);
    fields.push(m.personId, m.displayName, m.status, u32be(roles.length), ...roles);
    fields.push(m.boxPublicKey, m.signPublicKey);
  });
  return canonical(...fields);
}

/** Format: version(1) ‖ Ed25519 signature(64) by the unit key ‖ the canonical list it signs. */
export function signRosterList(unitSignPrivateKey: SignPrivateKey, list: RosterList): Uint8Array {
  const body = encodeRosterListBody(list);
  return concatBytes(
    new Uint8Array([VERSION.rosterList]),
    signDetached(body, unitSignPrivateKey),
    body
  );
}

/** Splits a canonical tuple back into its fields, or throws. */
function canonicalFields(bytes: Uint8Array, what: string): Uint8Array[] {
  const fields: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = readU32be(bytes, offset);
    offset += 4;
    if (offset + length > bytes.length) throw new CryptoFormatError(`${what}: too short`);
    fields.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return fields;
}

/** The version and unit a signed list claims, read without checking it (for storage and display). */
export function peekRosterList(signed: Uint8Array): { unitId: string; version: number } {
  const r = new ByteReader(signed, 'Roster list');
  expectVersion(r.byte(), VERSION.rosterList, 'Roster list');
  r.take(SIGNATURE_BYTES);
  const fields = canonicalFields(r.rest(), 'Roster list');
  if (fields.length < 5) throw new CryptoFormatError('Roster list: too short');
  return { unitId: fromUtf8(fields[2]!), version: readU32be(fields[3]!, 0) };
}

/**
 * Checks the unit's signature over a roster list and returns what it says; throws
 * `SignatureError` for a bad signature and `CryptoFormatError` for anything malformed, including
 * a list made for another unit, unsorted members or the same person twice.
 */
export function openRosterList(
  unitSignPublicKey: SignPublicKey,
  unitId: string,
  signed: Uint8Array
): RosterList {
  const r = new ByteReader(signed, 'Roster list');
  expectVersion(r.byte(), VERSION.rosterList, 'Roster list');
  const signature = r.take(SIGNATURE_BYTES);
  const body = r.rest();
  if (!verifyDetached(signature, body, unitSignPublicKey)) {
    throw new SignatureError('Roster list signature does not verify');
  }
  const fields = canonicalFields(body, 'Roster list');
  let i = 0;
  const next = (): Uint8Array => {
    const field = fields[i++];
    if (!field) throw new CryptoFormatError('Roster list: too short');
    return field;
  };
  const text = () => fromUtf8(next());
  const u32 = () => {
    const field = next();
    expectLength(field, 4, 'Roster list integer');
    return readU32be(field, 0);
  };
  if (text() !== DOMAIN.rosterList) throw new CryptoFormatError('Roster list: wrong domain');
  const inner = next();
  if (inner.length !== 1) throw new CryptoFormatError('Roster list: bad version');
  expectVersion(inner[0]!, VERSION.rosterList, 'Roster list');
  const listUnitId = text();
  if (listUnitId !== unitId) throw new CryptoFormatError('Roster list: made for another unit');
  const version = u32();
  const count = u32();
  const members: RosterListMember[] = [];
  for (let m = 0; m < count; m++) {
    const personId = text();
    const displayName = text();
    const status = text() as RosterListMember['status'];
    if (!LIST_STATUSES.includes(status)) throw new CryptoFormatError('Roster list: bad status');
    const roleCount = u32();
    const roles: string[] = [];
    for (let k = 0; k < roleCount; k++) roles.push(text());
    const boxPublicKey = next().slice() as BoxPublicKey;
    const signPublicKey = next().slice() as SignPublicKey;
    members.push({ personId, displayName, status, roles, boxPublicKey, signPublicKey });
  }
  if (i !== fields.length) throw new CryptoFormatError('Roster list: unexpected trailing fields');
  const list = { unitId, version, members };
  // Re-encoding must give the same bytes: sorted, unique members and roles, exact key lengths.
  const again = encodeRosterListBody(list);
  if (again.length !== body.length || again.some((b, k) => b !== body[k])) {
    throw new CryptoFormatError('Roster list: not in canonical form');
  }
  return list;
}
