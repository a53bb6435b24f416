import { describe, expect, it } from 'vitest';
import { base64Bytes, base64Up, displayNameSchema, emailSchema, plainText } from './common';

describe('base64 in request schemas', () => {
  it('rejects a non-canonical ending that decodes to the same bytes', () => {
    // 32 zero bytes are 43 'A's; a last character with unused low bits set is not canonical.
    const canonical = 'A'.repeat(43);
    expect(base64Bytes(32).safeParse(canonical).success).toBe(true);
    expect(base64Bytes(32).safeParse('A'.repeat(42) + 'B').success).toBe(false);
    expect(base64Up(64).safeParse('A'.repeat(42) + 'D').success).toBe(false);
    // One leftover character can never be base64.
    expect(base64Up(64).safeParse('A'.repeat(5)).success).toBe(false);
    expect(base64Up(64).safeParse('AAAAAA').success).toBe(true);
  });
});

describe('text in request schemas', () => {
  it('rejects NUL and lone surrogates with a clear message', () => {
    for (const bad of ['Ada\u0000Chair', 'Ada \ud800', '\udc00x']) {
      const parsed = displayNameSchema.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/character/);
    }
    expect(emailSchema.safeParse('a\u0000@example.org').success).toBe(false);
    expect(plainText(10).safeParse('fine 👍').success).toBe(true);
  });
});
