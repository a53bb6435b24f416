import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError } from './log';

afterEach(() => vi.restoreAllMocks());

describe('the error log', () => {
  it('never writes a failed query, its parameters or a request value, only the error kind', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021'
    });
    const failed = Object.assign(
      new Error(
        'Failed query: insert into "people" ("display_name", "email") values ($1, $2)\nparams: Ada Chair,ada@riverside.example'
      ),
      { name: 'DrizzleQueryError', cause }
    );
    logError('request failed', failed);
    const line = written.join('');
    expect(line).toContain('request failed');
    expect(line).toContain('DrizzleQueryError');
    expect(line).toContain('22021');
    for (const leak of ['ada@riverside.example', 'Ada Chair', 'insert into', 'params']) {
      expect(line).not.toContain(leak);
    }
  });
});
