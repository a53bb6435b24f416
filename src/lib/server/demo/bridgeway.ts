import { presetById, type Policy } from '$lib/routing';
import type { DemoUnit } from './types';

/** Teams (projects) of the mentoring charity, as its policy lists them. */
export const DEMO_MENTORING_TEAMS = [
  { id: 'schools', name: 'Schools project' },
  { id: 'community', name: 'Community project' }
];

export const DEMO_MENTORING: DemoUnit = {
  slug: 'bridgeway',
  name: 'Bridgeway Mentoring',
  kind: 'organisation',
  bodies: ['bridgeway-lado'],
  people: [
    {
      key: 'mpAdmin',
      displayName: 'Nadia Rahman',
      email: 'admin@bridgeway.example',
      roles: [],
      isAdmin: true
    },
    {
      key: 'mpChiefExecutive',
      displayName: 'Owen Fraser',
      email: 'ceo@bridgeway.example',
      roles: ['chief_executive']
    },
    {
      key: 'mpSafeguardingLead',
      displayName: 'Kavita Desai',
      email: 'head.of.practice@bridgeway.example',
      roles: ['safeguarding_lead']
    },
    {
      key: 'mpDeputySafeguardingLead',
      displayName: 'Hugo Bennett',
      email: 'deputy.safeguarding@bridgeway.example',
      roles: ['deputy_safeguarding_lead']
    },
    {
      key: 'mpSeniorSchools',
      displayName: 'Lucy Hammond',
      email: 'lucy.hammond@bridgeway.example',
      roles: ['senior_practitioner'],
      teams: ['schools']
    },
    {
      key: 'mpSeniorCommunity',
      displayName: 'Daniel Osei',
      email: 'daniel.osei@bridgeway.example',
      roles: ['senior_practitioner'],
      teams: ['community']
    },
    {
      key: 'mpPractitionerSchools',
      displayName: 'Ellie Turner',
      email: 'ellie.turner@bridgeway.example',
      roles: ['practitioner'],
      teams: ['schools']
    },
    {
      key: 'mpPractitionerCommunity',
      displayName: 'Ravi Patel',
      email: 'ravi.patel@bridgeway.example',
      roles: ['practitioner'],
      teams: ['community']
    },
    {
      key: 'mpChair',
      displayName: 'Fiona Walsh',
      email: 'chair@bridgeway.example',
      roles: ['chair', 'committee_member']
    },
    {
      key: 'mpSafeguardingTrustee',
      displayName: 'George Lamb',
      email: 'george.lamb@bridgeway.example',
      // The trustee with responsibility for child safeguarding.
      roles: ['committee_member', 'safeguarding_lead']
    },
    {
      key: 'mpTrustee',
      displayName: 'Imogen Clarke',
      email: 'imogen.clarke@bridgeway.example',
      roles: ['committee_member']
    }
  ]
};

/** The mentoring charity's policy: the Mentoring Plus preset with its two teams. */
export function mentoringPolicy(): Policy {
  return { ...presetById('child-protection-mentoring-plus')!.policy, teams: DEMO_MENTORING_TEAMS };
}
