import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveCaseKeys, formatCaseKey, generateCaseKey, parseCaseKey } from './case-key';
import { CaseKeyTypoError, RecoveryCodeTypoError } from './errors';
import { ALPHABET } from './human-code';
import { lib, ready } from './sodium';
import { generateRecoveryCode, parseRecoveryCode } from './staff';

await ready();

function typoReason(input: string): string | undefined {
  try {
    parseCaseKey(input);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(CaseKeyTypoError);
    return (e as CaseKeyTypoError).reason;
  }
}

describe('case key format', () => {
  it('is five groups of five from an unambiguous alphabet', () => {
    const key = generateCaseKey();
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(generateCaseKey()).not.toBe(key);
  });

  it('parses tolerantly: case, spaces, dashes and confusables', () => {
    const key = '8Z59A-6ZXG5-5PP8N-4AT2E-6HD96';
    const expected = parseCaseKey(key);
    for (const variant of [
      key.toLowerCase(),
      key.replace(/-/g, ' '),
      ` ${key.replace(/-/g, '')} `,
      key.replace(/-/g, ' – '),
      '8z59a 6zxg5 5pp8n 4at2e 6hd96'
    ]) {
      expect(parseCaseKey(variant)).toEqual(expected);
    }
    // O, I and L read as 0, 1, 1.
    const withZero = '00000-00000-00000-00000-00008';
    expect(parseCaseKey('OoOOO-00000-00000-00000-00008')).toEqual(parseCaseKey(withZero));
    const one = formatCaseKey(new Uint8Array(15).fill(0x08) as never);
    expect(parseCaseKey(one.replace(/1/g, 'l'))).toEqual(parseCaseKey(one));
    expect(parseCaseKey(one.replace(/1/g, 'I'))).toEqual(parseCaseKey(one));
  });

  it('catches every single-symbol substitution with the check symbol', () => {
    const key = generateCaseKey().replace(/-/g, '');
    for (let i = 0; i < key.length; i++) {
      for (const ch of ALPHABET) {
        if (ch === key[i]) continue;
        const typo = key.slice(0, i) + ch + key.slice(i + 1);
        expect(typoReason(typo)).toBe('check');
      }
    }
  });

  it('catches adjacent swaps of different symbols', () => {
    const key = '8Z59A6ZXG55PP8N4AT2E6HD96';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i + 1 < key.length; i++) {
      if (key[i] === key[i + 1]) continue;
      tried++;
      const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
      if (typoReason(swapped) === 'check') caught++;
    }
    // Luhn mod 32 misses only the swap of two symbols 16 apart.
    expect(caught).toBeGreaterThanOrEqual(tried - 2);
  });

  it('rejects wrong lengths and foreign characters', () => {
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD9')).toBe('length');
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD966')).toBe('length');
    expect(typoReason('')).toBe('length');
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD9U')).toBe('character');
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD9*')).toBe('character');
    expect(typoReason('x'.repeat(500))).toBe('length');
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD9ß')).toBe('character');
    expect(typoReason('8Z59A-6ZXG5-5PP8N-4AT2E-6HD9é')).toBe('character');
  });

  it('fails fast, before any Argon2id work', async () => {
    const pwhash = vi.spyOn(lib(), 'crypto_pwhash');
    const bad = '8Z59A-6ZXG5-5PP8N-4AT2E-6HD97';
    await expect(async () => deriveCaseKeys(parseCaseKey(bad), 'org')).rejects.toBeInstanceOf(
      CaseKeyTypoError
    );
    expect(pwhash).not.toHaveBeenCalled();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) typoReason(bad);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never accepts a recovery code as a case key, nor the reverse', () => {
    const recovery = generateRecoveryCode();
    expect(typoReason(recovery)).toBe('check');
    expect(() => parseRecoveryCode(generateCaseKey())).toThrow(RecoveryCodeTypoError);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });
});

describe('case key derivation', () => {
  it('binds the derived keys to the organisation', async () => {
    const key = parseCaseKey(generateCaseKey());
    const a = await deriveCaseKeys(key, 'org-a');
    const b = await deriveCaseKeys(key, 'org-b');
    expect(a.lookupToken).not.toEqual(b.lookupToken);
    expect(a.box.publicKey).not.toEqual(b.box.publicKey);
    expect(a.sign.publicKey).not.toEqual(b.sign.publicKey);
    // Three independent subkeys.
    expect(a.lookupToken).not.toEqual(a.box.privateKey);
  });
});
