// escalating-concerns-keeping-children-safe.txt (EC-n). The page sets no timescales.
import type { RoleSelector, TrackPolicy } from '../policy';
import { type Preset, childrensServicesOnRequest, staffSafeguardingLead, tier } from './builders';

const seniorManagers: RoleSelector[] = ['coordinator', 'chief_executive', staffSafeguardingLead];

export const escalatingSafeguarding: TrackPolicy = {
  stages: [
    {
      name: 'Concern about a decision or behaviour',
      tiers: [
        // EC-1, steps 2–3: a line manager or another experienced member of the team.
        tier('Line manager', ['team_leader', 'senior_practitioner'], 'no_member_left'),
        tier('Senior manager', [
          'coordinator',
          'deputy_coordinator',
          'chief_executive',
          staffSafeguardingLead
        ]),
        tier('Chair', ['chair']),
        tier('Trustees', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      includeIf: [
        // EC-2, step 1: "If you believe someone poses a risk to a child you must take this
        // information to a senior manager"
        { roles: seniorManagers, when: 'allegation_against_staff_or_volunteer' },
        { roles: seniorManagers, when: 'child_risk' }
      ]
    }
  ],
  externalBodies: [
    childrensServicesOnRequest("Children's services, when a senior manager cannot be reached")
  ]
};

export const escalatingWhistleblowing: TrackPolicy = {
  stages: [
    {
      name: 'Whistleblowing (last resort)',
      tiers: [
        // EC-3, step 5: "ensures senior managers hear about your concerns"; one of them named →
        // the chair.
        tier('Senior managers', ['coordinator', 'deputy_coordinator', 'chief_executive']),
        tier('Chair', ['chair']),
        tier('Trustees', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      // EC-2 applies to every route on the page.
      includeIf: [{ roles: seniorManagers, when: 'child_risk' }]
    }
  ],
  externalBodies: [
    { kind: 'childrens_services', roles: ['external_member'], when: 'reporter_choice' }
  ]
};

export const escalating: Preset = {
  id: 'escalating-concerns',
  name: 'Escalating concerns (keeping children safe)',
  description:
    'From a guide to escalating concerns about keeping children safe. A concern goes first to ' +
    'a line manager or an experienced colleague (steps 2 and 3). A risk to a child always goes ' +
    'to a senior manager as well (step 1). Whistleblowing, the last resort, makes sure senior ' +
    'managers hear (step 5). The guide sets no timescales.',
  policy: {
    version: 1,
    name: 'Escalating concerns (keeping children safe)',
    tracks: { safeguarding: escalatingSafeguarding, whistleblowing: escalatingWhistleblowing }
  }
};
