import { describe, expect, it } from 'vitest';
import { chooseChromium } from './chromium';

const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('chooseChromium', () => {
  it('uses CHROMIUM_PATH first, even with a system Chromium present', () => {
    const exists = only('/opt/chrome/chrome', '/usr/bin/chromium');
    expect(chooseChromium({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, exists })).toBe(
      'CHROMIUM_PATH'
    );
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of falling back silently', () => {
    expect(() =>
      chooseChromium({
        env: { CHROMIUM_PATH: '/nowhere/chrome' },
        exists: only('/usr/bin/chromium')
      })
    ).toThrow(/CHROMIUM_PATH/);
  });

  it('uses a system Chromium when there is one', () => {
    expect(chooseChromium({ env: {}, exists: only('/usr/bin/chromium') })).toBe('system');
    expect(chooseChromium({ env: {}, exists: only('/usr/bin/chromium-browser') })).toBe('system');
  });

  it('falls back to the registry Chromium when there is none', () => {
    expect(chooseChromium({ env: {}, exists: only() })).toBe('registry');
  });

  it('can be told to ignore the system Chromium, to check the fallback', () => {
    const env = { CANDOUR_NO_SYSTEM_CHROMIUM: '1' };
    expect(chooseChromium({ env, exists: only('/usr/bin/chromium') })).toBe('registry');
  });
});
