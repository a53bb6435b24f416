import type { DemoUnit } from './types';

/** NACCC, the national body that serves Riverside. */
export const DEMO_NACCC: DemoUnit = {
  slug: 'naccc',
  name: 'NACCC',
  kind: 'naccc',
  people: [
    {
      key: 'nacccChiefExecutive',
      displayName: 'Jane Whitfield',
      email: 'ceo@naccc.example',
      roles: ['chief_executive'],
      isAdmin: true
    },
    {
      key: 'nacccSafeguardingManager',
      displayName: 'Mark Lewis',
      email: 'safeguarding@naccc.example',
      roles: ['safeguarding_manager']
    }
  ]
};
