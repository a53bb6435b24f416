import { describe, expect, it } from 'vitest';
import { canonical, constantTimeEqual, fromBase64, fromUtf8, toBase64, utf8 } from './encoding';
import { CryptoFormatError } from './errors';
import { ready } from './sodium';

await ready();

describe('encoding', () => {
  it('uses URL-safe base64 without padding, strictly', () => {
    expect(toBase64(new Uint8Array([251, 255]))).toBe('-_8');
    expect(fromBase64('-_8')).toEqual(new Uint8Array([251, 255]));
    for (const bad of ['+/8', '-_8=', '-_9', 'a', 'ab cd', 'ab\n']) {
      expect(() => fromBase64(bad)).toThrow(CryptoFormatError);
    }
  });

  it('rejects invalid UTF-8', () => {
    expect(fromUtf8(utf8('Grüße ✓'))).toBe('Grüße ✓');
    expect(() => fromUtf8(new Uint8Array([0xff, 0xfe]))).toThrow(CryptoFormatError);
  });

  it('encodes tuples unambiguously', () => {
    expect(canonical('ab', 'c')).not.toEqual(canonical('a', 'bc'));
    expect(canonical('a', '')).not.toEqual(canonical('a'));
  });

  it('compares in constant time, and lengths first', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});
