import type {
  ExternalBodyRule,
  Policy,
  RoleSelector,
  Stage,
  Tier,
  Timescale,
  TrackPolicy
} from './policy';

export interface Preset {
  id: string;
  name: string;
  /** The document and clauses the preset models, in a sentence. */
  source: string;
  policy: Policy;
}

const days = (amount: number): Timescale => ({ amount, unit: 'calendar_days' });
const workingDays = (amount: number): Timescale => ({ amount, unit: 'working_days' });
const weeks = (amount: number): Timescale => ({ amount, unit: 'weeks' });

function tier(
  name: string,
  roles: RoleSelector[],
  skipWhen: Tier['skipWhen'] = 'any_member_named'
): Tier {
  return { name, roles, skipWhen };
}

/** The staff safeguarding lead, as distinct from the trustee who also holds the role. */
const staffSafeguardingLead: RoleSelector = {
  role: 'safeguarding_lead',
  notHolding: ['committee_member']
};
/** The trustee with responsibility for child safeguarding: a committee member holding the role. */
const safeguardingTrustee: RoleSelector = {
  role: 'committee_member',
  alsoHolds: ['safeguarding_lead']
};

const nacccChief = (
  when: ExternalBodyRule['when'],
  note: string,
  stages?: number[]
): ExternalBodyRule => ({
  kind: 'naccc',
  roles: ['chief_executive'],
  when,
  note,
  ...(stages ? { stages } : {})
});

// Whistleblowing policy (Melton Mowbray CCC), "How to Raise a Concern".
const whistleblowingTrack: TrackPolicy = {
  stages: [
    {
      name: 'Whistleblowing concern',
      tiers: [
        // "the Centre Co-ordinator or the Team Leader on duty"; a deputy stands with the coordinator.
        tier('Coordinator or team leader', ['coordinator', 'deputy_coordinator', 'team_leader']),
        // "if ... the Centre Co-ordinator or a Team Leader is involved ... directly to the Chair"
        tier('Chair of the management committee', ['chair']),
        // "If the Chair ... is involved ... the Centre Co-ordinator or another member of the Committee"
        tier(
          'Coordinator or another committee member',
          ['coordinator', 'committee_member'],
          'no_member_left'
        )
      ],
      alwaysInclude: [],
      acknowledgeWithin: days(7),
      // "Once the investigation has been concluded, a formal written response ... within 7 days"
      replyWithin: days(7),
      replyFrom: 'concluded'
    }
  ],
  externalBodies: [
    nacccChief('no_one_inside', 'If this is not possible, the Chief Executive of NACCC'),
    nacccChief('reporter_choice', 'How to take the matter further: NACCC directly'),
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'reporter_choice',
      note: "Local authority Children's Services, for advice and assistance"
    }
  ]
};

// Same policy: "Safeguarding concerns that may involve a member of staff or volunteer".
const whistleblowingSafeguardingTrack: TrackPolicy = {
  stages: [
    {
      name: 'Safeguarding concern',
      tiers: [tier('Coordinator', ['coordinator'])],
      alwaysInclude: [],
      acknowledgeWithin: days(7),
      replyWithin: days(7),
      replyFrom: 'concluded'
    }
  ],
  externalBodies: [
    {
      kind: 'naccc',
      roles: ['safeguarding_manager'],
      when: 'role_named',
      ifNamed: ['coordinator', 'chair', 'committee_member'],
      note: 'Coordinator or management committee involved: the NACCC Safeguarding Manager'
    },
    {
      kind: 'naccc',
      roles: ['safeguarding_manager'],
      when: 'no_one_inside',
      note: 'No coordinator to consult: the NACCC Safeguarding Manager'
    },
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'reporter_choice',
      note: "Local authority Children's Services, for advice and assistance"
    }
  ]
};

const panelOfThree = {
  size: 3,
  roles: ['committee_member'],
  excludeStage2Investigator: true
} satisfies Stage['panel'];

// Birmingham CCC complaints policy, stages 1–3 and "Final Resort".
const birminghamComplaint: TrackPolicy = {
  stages: [
    {
      name: 'Stage 1',
      tiers: [
        tier('Volunteers & family coordinator / duty coordinator', [
          'coordinator',
          'deputy_coordinator'
        ]),
        // "If your complaint is about the ... Coordinator ... email ... the Complaints Officer"
        tier('Complaints officer', ['complaints_officer']),
        tier('Chair of the management committee', ['chair'])
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1),
      replyWithin: weeks(4),
      nextStageWithin: weeks(2)
    },
    {
      name: 'Stage 2',
      tiers: [
        // The complaints officer acknowledges; the chair investigates or designates.
        tier('Complaints officer or chair', ['complaints_officer', 'chair'], 'no_member_left'),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1),
      replyWithin: weeks(4),
      nextStageWithin: weeks(2)
    },
    {
      name: 'Stage 3',
      tiers: [
        tier('Chair of the management committee', ['chair']),
        // "The Management Committee may vary the procedure ... to avoid a conflict of interest"
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      panel: panelOfThree,
      replyWithin: weeks(4)
    }
  ],
  externalBodies: [
    nacccChief('reporter_choice', 'Final resort: the Chief Executive of NACCC', [3]),
    nacccChief('no_one_inside', 'No one left inside the centre: the Chief Executive of NACCC')
  ]
};

// West Wilts CCC complaints and compliments procedure.
const westWiltsComplaint: TrackPolicy = {
  stages: [
    {
      name: 'Stage 1',
      tiers: [
        tier('Coordinator', ['coordinator']),
        // "If your complaint is about the Coordinator ... the Chair of the Management Committee"
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: workingDays(5),
      replyWithin: workingDays(15),
      nextStageWithin: days(14)
    },
    {
      name: 'Stage 2',
      tiers: [
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1),
      replyWithin: weeks(4),
      nextStageWithin: days(14)
    },
    {
      name: 'Stage 3',
      tiers: [
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      panel: panelOfThree,
      replyWithin: weeks(3)
    }
  ],
  externalBodies: [
    nacccChief('reporter_choice', 'After stage 3: the Chief Executive of NACCC', [3]),
    nacccChief('no_one_inside', 'No one left inside the centre: the Chief Executive of NACCC')
  ]
};

// West Wilts: "send to the coordinator or chairman"; noted by the management committee.
const westWiltsCompliment: TrackPolicy = {
  stages: [
    {
      name: 'Compliment',
      tiers: [
        tier('Coordinator or chair', ['coordinator', 'chair'], 'no_member_left'),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: []
    }
  ],
  externalBodies: []
};

// Mentoring Plus child protection policy: 4.4, 6.2, 6.3, 6.4 and Appendix 1/1a.
const mentoringPlusSafeguarding: TrackPolicy = {
  stages: [
    {
      name: 'Safeguarding concern',
      tiers: [
        tier('Designated safeguarding lead', [staffSafeguardingLead]),
        // 6.2: "in his/her absence the DSL, DSG or Trustee with responsibility for Child Safeguarding"
        tier('Trustee for child safeguarding', [safeguardingTrustee]),
        tier('Chairperson', ['chair'])
      ],
      // 4.4 and Appendix 1a: the deputy is the lead's alternative and sees every concern.
      alwaysInclude: ['deputy_safeguarding_lead'],
      includeIf: [
        {
          // 6.3: "Where it is suspected that the CEO or Practitioners may be involved ... Board
          // Member (Chairperson or nominated trustee for safeguarding)"
          roles: ['chair', safeguardingTrustee],
          when: 'role_named',
          ifNamed: ['chief_executive', 'senior_practitioner']
        }
      ],
      // 6.4: notes within one working day; Appendix 1: action date 7 days from entry.
      acknowledgeWithin: workingDays(1),
      replyWithin: days(7)
    }
  ],
  externalBodies: [
    {
      kind: 'lado',
      roles: ['external_member'],
      when: 'allegation_against_staff_or_volunteer',
      note: '6.3: allegations against staff, volunteers or freelancers go to the LADO'
    },
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'no_one_inside',
      note: '6.2: no representative available: contact the relevant authorities'
    },
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'reporter_choice',
      note: "Children's social care duty and assessment team"
    }
  ]
};

// Keeping children safe (escalating concerns), steps 1–5.
const escalatingSafeguarding: TrackPolicy = {
  stages: [
    {
      name: 'Concern about a decision or behaviour',
      tiers: [
        // Steps 2–3: a line manager or another experienced member of the team.
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
        {
          // Step 1: "If you believe someone poses a risk to a child you must take this
          // information to a senior manager"
          roles: ['coordinator', 'chief_executive', staffSafeguardingLead],
          when: 'allegation_against_staff_or_volunteer'
        }
      ]
    }
  ],
  externalBodies: [
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'reporter_choice',
      note: "Children's services, when a senior manager cannot be reached"
    }
  ]
};

const escalatingWhistleblowing: TrackPolicy = {
  stages: [
    {
      name: 'Whistleblowing (last resort)',
      tiers: [
        // Step 5: "ensures senior managers hear about your concerns"; one of them named → the chair.
        tier('Senior managers', ['coordinator', 'deputy_coordinator', 'chief_executive']),
        tier('Chair', ['chair']),
        tier('Trustees', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: []
    }
  ],
  externalBodies: [
    {
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'reporter_choice'
    }
  ]
};

const anyTimeBodies: ExternalBodyRule[] = [
  nacccChief('reporter_choice', 'NACCC, which accredits the centre'),
  { kind: 'lado', roles: ['external_member'], when: 'reporter_choice' },
  { kind: 'childrens_services', roles: ['external_member'], when: 'reporter_choice' }
];

function withBodies(track: TrackPolicy, extra: ExternalBodyRule[]): TrackPolicy {
  const have = (r: ExternalBodyRule) =>
    track.externalBodies.some(
      (x) =>
        x.kind === r.kind && x.when === r.when && !x.stages && x.roles.join() === r.roles.join()
    );
  return { ...track, externalBodies: [...track.externalBodies, ...extra.filter((r) => !have(r))] };
}

const defaultSafeguarding: TrackPolicy = {
  stages: mentoringPlusSafeguarding.stages,
  externalBodies: [
    ...mentoringPlusSafeguarding.externalBodies,
    // From the whistleblowing policy, for a contact centre.
    ...whistleblowingSafeguardingTrack.externalBodies.filter((r) => r.when !== 'reporter_choice')
  ]
};

const defaultComplaint: TrackPolicy = {
  ...westWiltsComplaint,
  stages: westWiltsComplaint.stages.map((s, i) =>
    // Birmingham's complaints officer takes stage 2 with the chair, where a centre has one.
    i === 1
      ? {
          ...s,
          tiers: [
            tier('Chair or complaints officer', ['chair', 'complaints_officer'], 'no_member_left'),
            tier('Management committee', ['committee_member'], 'no_member_left')
          ]
        }
      : s
  )
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'default',
    name: 'Child contact centre (all tracks)',
    source:
      'Combined: whistleblowing per whistleblowing-policy-child-contact-centre.txt; complaints per ' +
      'complaints-procedure-west-wilts-ccc.txt (stage 2 also to a complaints officer, as Birmingham); ' +
      'safeguarding per child-protection-policy-mentoring-plus.txt 4.4/6.2/6.3 with the NACCC ' +
      'Safeguarding Manager from the whistleblowing policy; compliments to the coordinator.',
    policy: {
      version: 1,
      name: 'Child contact centre',
      tracks: {
        whistleblowing: withBodies(whistleblowingTrack, anyTimeBodies),
        complaint: withBodies(defaultComplaint, anyTimeBodies.slice(1)),
        safeguarding: withBodies(defaultSafeguarding, [
          {
            kind: 'naccc',
            roles: ['safeguarding_manager'],
            when: 'reporter_choice',
            note: 'The NACCC Safeguarding Manager, for advice'
          },
          ...anyTimeBodies.slice(1)
        ]),
        compliment: {
          stages: [
            {
              name: 'Compliment',
              tiers: [tier('Coordinator', ['coordinator']), tier('Chair', ['chair'])],
              alwaysInclude: []
            }
          ],
          externalBodies: []
        }
      }
    }
  },
  {
    id: 'whistleblowing-ccc',
    name: 'Whistleblowing policy (child contact centre)',
    source:
      'whistleblowing-policy-child-contact-centre.txt: "How to Raise a Concern" (coordinator or ' +
      'team leader → chair → coordinator or another committee member → NACCC Chief Executive; ' +
      'safeguarding involving staff → coordinator, else NACCC Safeguarding Manager), "How ... will ' +
      'Respond" (7 days) and "How to Take the Matter Further".',
    policy: {
      version: 1,
      name: 'Whistleblowing policy (child contact centre)',
      tracks: { whistleblowing: whistleblowingTrack, safeguarding: whistleblowingSafeguardingTrack }
    }
  },
  {
    id: 'complaints-birmingham-ccc',
    name: 'Complaints policy (Birmingham CCC)',
    source:
      'complaints-policy-birmingham-ccc.txt: Stage 1 (coordinator, 1 and 4 weeks; about the ' +
      'coordinator → complaints officer), Stage 2 (complaints officer and chair, within 2 weeks, ' +
      '1 and 4 weeks), Stage 3 (panel of 3 trustees without the stage-2 investigator, 4 weeks), ' +
      'Final Resort (NACCC Chief Executive).',
    policy: {
      version: 1,
      name: 'Complaints policy (Birmingham CCC)',
      tracks: { complaint: birminghamComplaint }
    }
  },
  {
    id: 'complaints-west-wilts-ccc',
    name: 'Complaints and compliments procedure (West Wilts CCC)',
    source:
      'complaints-procedure-west-wilts-ccc.txt: Stage 1 (coordinator, 5 and 15 working days; about ' +
      'the coordinator → chair), Stage 2 (chair, within 14 days, 1 and 4 weeks), Stage 3 (panel of ' +
      '3 committee members without the stage-2 investigator, within 14 days, 3 weeks), NACCC ' +
      'Chief Executive after stage 3, Compliments (coordinator or chairman).',
    policy: {
      version: 1,
      name: 'Complaints procedure (West Wilts CCC)',
      tracks: { complaint: westWiltsComplaint, compliment: westWiltsCompliment }
    }
  },
  {
    id: 'child-protection-mentoring-plus',
    name: 'Child protection policy (Mentoring Plus)',
    source:
      'child-protection-policy-mentoring-plus.txt: 4.4 (DSL supported by the deputy), 6.2 ' +
      "(in the lead's absence the DSL, DSG or trustee for safeguarding), 6.3 (CEO or practitioners " +
      'involved → chairperson or trustee for safeguarding; allegations against staff or volunteers → ' +
      'LADO), 6.4 (notes within one working day), Appendix 1 (action within 7 days).',
    policy: {
      version: 1,
      name: 'Child protection policy (Mentoring Plus)',
      tracks: { safeguarding: mentoringPlusSafeguarding }
    }
  },
  {
    id: 'escalating-concerns',
    name: 'Escalating concerns (keeping children safe)',
    source:
      'escalating-concerns-keeping-children-safe.txt: steps 2–3 (line manager or experienced ' +
      'colleague), step 1 (risk to a child → a senior manager), step 5 (whistleblowing: senior ' +
      'managers hear). The page sets no timescales.',
    policy: {
      version: 1,
      name: 'Escalating concerns (keeping children safe)',
      tracks: { safeguarding: escalatingSafeguarding, whistleblowing: escalatingWhistleblowing }
    }
  }
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

/** A fresh copy of the preset, safe to edit; undefined for an unknown id. */
export function presetById(id: string): Preset | undefined {
  const preset = PRESETS.find((p) => p.id === id);
  return preset && structuredClone(preset);
}
