import { describe, expect, it } from 'vitest';
import { v8Flags, workerCount } from './workers.js';

const pg = 'postgres://candour@db/candour';

describe('workerCount', () => {
  it('runs one worker per core on PostgreSQL unless WORKERS says otherwise', () => {
    expect(workerCount({ DATABASE_URL: pg }, 8)).toEqual({ workers: 8 });
    expect(workerCount({ DATABASE_URL: pg, WORKERS: '3' }, 8)).toEqual({ workers: 3 });
    expect(workerCount({ DATABASE_URL: pg, WORKERS: '' }, 2)).toEqual({ workers: 2 });
  });

  it('always runs one process on the embedded database, and says so when asked for more', () => {
    expect(workerCount({}, 8)).toEqual({ workers: 1 });
    expect(workerCount({ WORKERS: '1' }, 8)).toEqual({ workers: 1 });
    const many = workerCount({ WORKERS: '4' }, 8);
    expect(many).toMatchObject({ workers: 1 });
    expect('note' in many && many.note).toMatch(/one process/);
  });

  it('refuses a WORKERS that is not a whole number from 1 to 256', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '257', '1e3', ' 01']) {
      expect(workerCount({ DATABASE_URL: pg, WORKERS: bad }, 2)).toHaveProperty('error');
    }
  });
});

describe('v8Flags', () => {
  it('compiles WebAssembly with the baseline compiler only on the embedded database', () => {
    expect(v8Flags({})).toEqual(['--liftoff-only']);
    expect(v8Flags({ DATABASE_URL: pg })).toEqual([]);
  });
});
