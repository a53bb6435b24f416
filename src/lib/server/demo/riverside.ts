import type { DemoUnit } from './types';

/** Riverside Child Contact Centre: a person in every role its policies name. */
export const DEMO_ORGANISATION: DemoUnit = {
  slug: 'riverside',
  name: 'Riverside Child Contact Centre',
  kind: 'organisation',
  people: [
    {
      key: 'admin',
      displayName: 'Olivia Hart',
      email: 'admin@riverside.example',
      roles: [],
      isAdmin: true
    },
    {
      key: 'coordinator',
      displayName: 'Priya Shah',
      email: 'coordinator@riverside.example',
      roles: ['coordinator']
    },
    {
      key: 'teamLeader1',
      displayName: 'Tom Baker',
      email: 'tom.baker@riverside.example',
      roles: ['team_leader']
    },
    {
      key: 'teamLeader2',
      displayName: 'Grace Okafor',
      email: 'grace.okafor@riverside.example',
      roles: ['team_leader']
    },
    {
      key: 'chair',
      displayName: 'Margaret Ellis',
      email: 'chair@riverside.example',
      roles: ['chair', 'committee_member']
    },
    {
      key: 'committee1',
      displayName: 'David Chen',
      email: 'david.chen@riverside.example',
      roles: ['committee_member']
    },
    {
      key: 'committee2',
      displayName: 'Helen Price',
      email: 'helen.price@riverside.example',
      // The trustee with responsibility for safeguarding.
      roles: ['committee_member', 'safeguarding_lead']
    },
    {
      key: 'committee3',
      displayName: 'Samuel Adeyemi',
      email: 'samuel.adeyemi@riverside.example',
      roles: ['committee_member']
    },
    {
      key: 'complaintsOfficer',
      displayName: 'Rachel Green',
      email: 'complaints@riverside.example',
      roles: ['complaints_officer']
    },
    {
      key: 'safeguardingLead',
      displayName: 'Aisha Khan',
      email: 'safeguarding@riverside.example',
      roles: ['safeguarding_lead']
    },
    {
      key: 'deputySafeguardingLead',
      displayName: 'Ben Morgan',
      email: 'ben.morgan@riverside.example',
      roles: ['deputy_safeguarding_lead']
    }
  ]
};
