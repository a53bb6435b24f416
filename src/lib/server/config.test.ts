import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CANDOUR_DEMO).toBe(false);
  });

  it('accepts a PostgreSQL URL and a port', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/candour', PORT: '8080' });
    expect(config.DATABASE_URL).toBe('postgres://u:p@db:5432/candour');
    expect(config.PORT).toBe(8080);
  });

  it.each([
    ['PORT', 'abc', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 1 and 65535/],
    ['ORIGIN', 'candour.example', /ORIGIN: must be an http\(s\) URL/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL: must be a postgres/],
    ['CANDOUR_DEMO', 'yes', /CANDOUR_DEMO: must be 1 or 0/]
  ])('stops on a wrong %s and says why', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never echoes a database URL, which may hold a password', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('DATABASE_URL');
      expect(String(error)).not.toContain('hunter2');
    }
  });
});
