// Sizes of the load, fault and crash tests. The small profile runs in `npm test`;
// CANDOUR_LOAD=heavy runs the heavy one (README.md, Tests).
export const heavy = process.env.CANDOUR_LOAD === 'heavy';

export const profile = heavy
  ? { reporters: 200, followUps: 5, concurrency: 50, crashRounds: 5 }
  : { reporters: 24, followUps: 2, concurrency: 12, crashRounds: 2 };

/** The servers these tests start listen next to the suite's own (E2E_PORT). */
export function loadPort(): number {
  return Number(process.env.E2E_PORT ?? 4173) + 1;
}
