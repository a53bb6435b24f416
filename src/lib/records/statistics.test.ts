import { describe, expect, it } from 'vitest';
import { presetById } from '$lib/routing';
import {
  contentCountsOf,
  statisticsCsv,
  statisticsOf,
  suppress,
  type MetadataRow
} from './statistics';

const policy = presetById('complaints-birmingham-ccc')!.policy;

function row(over: Partial<MetadataRow>): MetadataRow {
  return {
    track: 'complaint',
    stage: 1,
    status: 'new',
    receivedOn: '2026-03-02',
    stageStartedOn: '2026-03-02',
    acknowledgedOn: null,
    respondedOn: null,
    ...over
  };
}

describe('statistics without content', () => {
  it('shows every count under 5, zero included, as fewer than 5', () => {
    expect([0, 1, 4, 5, 12].map(suppress)).toEqual([null, null, null, 5, 12]);
  });

  it('matches a hand count', () => {
    const rows = [
      ...Array.from({ length: 6 }, () => row({ acknowledgedOn: '2026-03-03' })),
      ...Array.from({ length: 2 }, () =>
        row({ receivedOn: '2026-04-01', stageStartedOn: '2026-04-01' })
      )
    ];
    const s = statisticsOf(rows, policy, '2026-12-01');
    expect(s.total).toBe(8);
    expect(s.byTrack.find((t) => t.key === 'complaint')?.count).toBe(8);
    expect(s.byTrack.find((t) => t.key === 'whistleblowing')?.count).toBeNull();
    expect(s.byMonth).toEqual([
      { key: '2026-03', count: 6 },
      { key: '2026-04', count: null }
    ]);
    const ack = s.deadlines.find((d) => d.track === 'complaint' && d.kind === 'acknowledge')!;
    expect(ack).toMatchObject({ met: 6, missed: null, pending: null });
    expect(statisticsCsv(s)).toContain('month,2026-04,fewer than 5');
    expect(statisticsCsv(s)).toContain('track,complaint,8');
  });

  it('counts content only from what the browser opened, with the same threshold', () => {
    const counts = contentCountsOf([
      ...Array.from({ length: 5 }, () => ({ category: 'service', outcome: 'upheld', bodies: [] })),
      { category: 'criminal', outcome: null, bodies: ['lado', 'lado'] }
    ]);
    expect(counts.cases).toBe(6);
    expect(counts.categories).toEqual([
      { key: 'criminal', count: null },
      { key: 'service', count: 5 }
    ]);
    expect(counts.bodies).toEqual([{ key: 'lado', count: null }]);
  });
});
