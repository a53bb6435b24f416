import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatPowToken,
  fromHex,
  parsePowToken,
  powHash,
  ready,
  solvePow,
  toHex,
  verifyPow,
  type PowChallenge
} from './index';

beforeAll(async () => {
  await ready();
});

// The vector in docs/PROTOCOL.md §12.
const vector: PowChallenge = {
  purpose: 'lookup',
  path: '/o/riverside/api/case',
  day: '2026-11-27',
  binding: new Uint8Array(32),
  difficulty: 8
};

describe('proof-of-work', () => {
  it('matches the known-answer vector', () => {
    const nonce = solvePow(vector);
    expect(toHex(nonce)).toBe('0000000000000052');
    expect(toHex(powHash(vector, nonce))).toBe(
      '004db1f008dd90405c3a24275ff683e47d33893a5a2125e42c6735ccc50850e5'
    );
    expect(formatPowToken(8, nonce)).toBe('v1.8.AAAAAAAAAFI');
  });

  it('finds the first nonce that verifies, for any challenge', () => {
    for (const [i, purpose] of (['lookup', 'submit', 'sign-in'] as const).entries()) {
      const challenge: PowChallenge = {
        purpose,
        path: `/o/centre-${i}/api/cases`,
        day: '2026-12-07',
        binding: new Uint8Array(16 + i).fill(i + 7),
        difficulty: 9
      };
      const nonce = solvePow(challenge);
      expect(verifyPow(challenge, nonce)).toBe(true);
      const found = Number(new DataView(nonce.buffer, nonce.byteOffset).getBigUint64(0));
      for (let earlier = 0; earlier < found; earlier++) {
        const candidate = new Uint8Array(8);
        new DataView(candidate.buffer).setBigUint64(0, BigInt(earlier));
        expect(verifyPow(challenge, candidate)).toBe(false);
      }
    }
  });

  it('is bound to the purpose, path, day, request and difficulty', () => {
    const nonce = fromHex('0000000000000052');
    expect(verifyPow(vector, nonce)).toBe(true);
    for (const changed of [
      { ...vector, purpose: 'submit' as const },
      { ...vector, path: '/o/other/api/case' },
      { ...vector, day: '2026-11-28' },
      { ...vector, binding: new Uint8Array(32).fill(1) },
      { ...vector, difficulty: 12 }
    ]) {
      expect(verifyPow(changed, nonce)).toBe(false);
    }
  });

  it('parses only well-formed tokens', () => {
    expect(parsePowToken('v1.8.AAAAAAAAAFI')).toEqual({
      difficulty: 8,
      nonce: fromHex('0000000000000052')
    });
    for (const bad of [
      null,
      '',
      'v2.8.AAAAAAAAAFI',
      'v1.99.AAAAAAAAAFI',
      'v1.8.AAAAAAAAAFJ',
      'v1.8.AAAA'
    ]) {
      expect(parsePowToken(bad)).toBeNull();
    }
  });
});
