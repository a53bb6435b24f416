import type { DemoUnit } from './types';

/** The councils' LADOs: Riverside's, and Bridgeway's own. */
export const DEMO_LADOS: DemoUnit[] = [
  {
    slug: 'riverside-lado',
    name: 'Riverside Council LADO',
    kind: 'lado',
    people: [
      {
        key: 'lado',
        displayName: 'Sarah Nolan',
        email: 'lado@riverside-council.example',
        roles: ['external_member'],
        isAdmin: true
      }
    ]
  },
  {
    slug: 'bridgeway-lado',
    name: 'Bridgeway Council LADO',
    kind: 'lado',
    people: [
      {
        key: 'mpLado',
        displayName: 'Paul Okonjo',
        email: 'lado@bridgeway-council.example',
        roles: ['external_member'],
        isAdmin: true
      }
    ]
  }
];
