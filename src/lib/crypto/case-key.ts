// Reporter side: the case key, and everything derived from it.
import { canonical } from './encoding';
import { CaseKeyTypoError } from './errors';
import { formatHumanCode, parseHumanCode } from './human-code';
import { ARGON2_SALT_BYTES, DOMAIN, HUMAN_CODE_BYTES, KDF_CONTEXT, KDF_SUBKEY } from './params';
import {
  argon2id,
  boxKeyPairFromSeed,
  domainHash,
  kdfSubkey,
  randomBytes,
  sha256,
  signKeyPairFromSeed
} from './primitives';
import { lib } from './sodium';
import type { CaseKeyBytes, LookupToken, ReporterKeys } from './types';

export function generateCaseKeyBytes(): CaseKeyBytes {
  return randomBytes(HUMAN_CODE_BYTES) as CaseKeyBytes;
}

/** A fresh case key in its written form, e.g. `7KQ2M-0RZ4T-…-…-…`. 120 random bits. */
export function generateCaseKey(): string {
  return formatCaseKey(generateCaseKeyBytes());
}

export function formatCaseKey(bytes: CaseKeyBytes): string {
  return formatHumanCode('caseKey', bytes);
}

/** Throws CaseKeyTypoError on a wrong length, character or check symbol, with no slow work. */
export function parseCaseKey(input: string): CaseKeyBytes {
  return parseHumanCode(
    'caseKey',
    input,
    (message, reason) => new CaseKeyTypoError(message, reason)
  ) as CaseKeyBytes;
}

/** Salt bound to the organisation, so one derivation cannot be tried against every tenant. */
export function caseKeySalt(organisationId: string): Uint8Array {
  return domainHash(DOMAIN.caseKeySalt, canonical(organisationId), ARGON2_SALT_BYTES);
}

/** Synchronous core of deriveCaseKeys (Argon2id; blocks for a few hundred ms). */
export function deriveCaseKeysSync(caseKey: CaseKeyBytes, organisationId: string): ReporterKeys {
  const master = argon2id(caseKey, caseKeySalt(organisationId));
  try {
    const ctx = KDF_CONTEXT.caseKey;
    const signSeed = kdfSubkey(master, KDF_SUBKEY.reporterSignSeed, ctx);
    const boxSeed = kdfSubkey(master, KDF_SUBKEY.reporterBoxSeed, ctx);
    const keys: ReporterKeys = {
      lookupToken: kdfSubkey(master, KDF_SUBKEY.lookupToken, ctx) as LookupToken,
      sign: signKeyPairFromSeed(signSeed),
      box: boxKeyPairFromSeed(boxSeed)
    };
    lib().memzero(signSeed);
    lib().memzero(boxSeed);
    return keys;
  } finally {
    lib().memzero(master);
  }
}

export async function deriveCaseKeys(
  caseKey: CaseKeyBytes,
  organisationId: string
): Promise<ReporterKeys> {
  return deriveCaseKeysSync(caseKey, organisationId);
}

/** What the server stores to find a case: SHA-256 of the lookup token. */
export function lookupHash(lookupToken: Uint8Array): Uint8Array {
  return sha256(lookupToken);
}
