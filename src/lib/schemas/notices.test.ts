import { describe, expect, it } from 'vitest';
import { noticeSettingsSchema } from './notices';

describe('noticeSettingsSchema', () => {
  it('accepts the three batch intervals', () => {
    for (const intervalMinutes of [15, 30, 60]) {
      expect(noticeSettingsSchema.parse({ intervalMinutes })).toEqual({ intervalMinutes });
    }
  });

  it('refuses "at once" and anything else', () => {
    for (const intervalMinutes of [0, 1, 5, 45, 120, '60', null]) {
      expect(noticeSettingsSchema.safeParse({ intervalMinutes }).success).toBe(false);
    }
    expect(noticeSettingsSchema.safeParse({ intervalMinutes: 60, extra: 1 }).success).toBe(false);
  });
});
