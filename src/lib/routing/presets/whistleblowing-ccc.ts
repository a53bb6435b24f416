// whistleblowing-policy-child-contact-centre.txt (Melton Mowbray CCC). Clause ids (WB-n) are the
// rows of the table in docs/ROUTING.md and of clauses.test.ts.
import type { IncludeRule, TrackPolicy } from '../policy';
import {
  type Preset,
  childrensServicesOnRequest,
  days,
  nacccChief,
  staffSafeguardingLead,
  tier
} from './builders';

const RESPOND = '"How ... will Respond"';

/** WB-9: a concern that risks a child goes under the safeguarding procedure as well. */
export const childRiskToSafeguardingLeads: IncludeRule = {
  roles: [staffSafeguardingLead, 'deputy_safeguarding_lead'],
  when: 'child_risk',
  note: 'A risk to a child: the safeguarding lead or deputy hears of it too'
};

export const whistleblowingTrack: TrackPolicy = {
  stages: [
    {
      name: 'Whistleblowing concern',
      tiers: [
        // WB-1 "the Centre Co-ordinator or the Team Leader on duty"; a deputy stands with the
        // coordinator. WB-3: with the chair involved it goes to the coordinator or another
        // committee member only, so team leaders are passed over too.
        tier(
          'Coordinator or team leader',
          ['coordinator', 'deputy_coordinator', 'team_leader'],
          'any_member_named',
          ['chair']
        ),
        // WB-2 "if ... the Centre Co-ordinator or a Team Leader is involved ... directly to the Chair"
        tier('Chair of the management committee', ['chair']),
        // WB-3 "If the Chair ... is involved ... the Centre Co-ordinator or another member of the
        // Management Committee"
        tier(
          'Coordinator or another committee member',
          ['coordinator', 'committee_member'],
          'no_member_left'
        )
      ],
      alwaysInclude: [],
      includeIf: [childRiskToSafeguardingLeads],
      acknowledgeWithin: days(7, `${RESPOND}: acknowledge receipt in writing within 7 days`),
      replyWithin: days(
        7,
        `${RESPOND}: written response within 7 days of the investigation concluding`
      ),
      replyFrom: 'concluded'
    }
  ],
  externalBodies: [
    // WB-4 "If this is not possible, the concern should be raised with the Chief Executive of NACCC"
    nacccChief('no_one_inside', 'If this is not possible, the Chief Executive of NACCC'),
    // WB-10 "How to Take the Matter Further": only once it has not been dealt with satisfactorily.
    nacccChief('reporter_choice', 'If not satisfied with how it was dealt with: NACCC directly', {
      afterReply: true
    }),
    // WB-7
    childrensServicesOnRequest("Local authority Children's Services, for advice and assistance")
  ]
};

// "Safeguarding concerns that may involve a member of staff or volunteer".
export const whistleblowingSafeguardingTrack: TrackPolicy = {
  stages: [
    {
      name: 'Safeguarding concern',
      tiers: [
        // WB-5 "should first consult with the ... Co-ordinator"; WB-6 "If the whistleblower feels
        // that the Co-ordinator or the Management Committee may be involved" → not the coordinator.
        tier('Coordinator', ['coordinator'], 'any_member_named', ['chair', 'committee_member'])
      ],
      alwaysInclude: [],
      acknowledgeWithin: days(7, `${RESPOND}: acknowledge receipt in writing within 7 days`),
      replyWithin: days(
        7,
        `${RESPOND}: written response within 7 days of the investigation concluding`
      ),
      replyFrom: 'concluded'
    }
  ],
  externalBodies: [
    {
      // WB-6
      kind: 'naccc',
      roles: ['safeguarding_manager'],
      when: 'role_named',
      ifNamed: ['coordinator', 'chair', 'committee_member'],
      note: 'Coordinator or management committee involved: the NACCC Safeguarding Manager'
    },
    {
      // WB-6: the only other person the paragraph names, when no coordinator can be consulted.
      kind: 'naccc',
      roles: ['safeguarding_manager'],
      when: 'no_one_inside',
      note: 'No coordinator to consult: the NACCC Safeguarding Manager'
    },
    // WB-7
    childrensServicesOnRequest("Local authority Children's Services, for advice and assistance")
  ]
};

export const whistleblowingCcc: Preset = {
  id: 'whistleblowing-ccc',
  name: 'Whistleblowing policy (child contact centre)',
  description:
    'From a child contact centre’s whistleblowing policy. A concern goes to the coordinator or a ' +
    'team leader. If one of them is involved, it goes to the chair of the management committee ' +
    'instead; if the chair is involved, to the coordinator or another committee member; if no one ' +
    'at the centre is left, to the chief executive of NACCC ("How to Raise a Concern"). A ' +
    'safeguarding concern about staff goes to the coordinator, or to NACCC’s safeguarding manager. ' +
    'The centre answers within 7 days ("How … will Respond"), and anyone not satisfied ' +
    'can go to NACCC ("How to Take the Matter Further").',
  policy: {
    version: 1,
    name: 'Whistleblowing policy (child contact centre)',
    tracks: { whistleblowing: whistleblowingTrack, safeguarding: whistleblowingSafeguardingTrack }
  }
};
