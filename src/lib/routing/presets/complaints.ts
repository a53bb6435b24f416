// complaints-policy-birmingham-ccc.txt (BH-n) and complaints-procedure-west-wilts-ccc.txt (WW-n).
// Neither procedure sends a complaint outside the centre when no one inside can take it ("The
// Management Committee may vary the procedure"), so there is no `no_one_inside` rule: the
// reporting page says that nobody can receive it rather than sending it to NACCC.
import type { Stage, TrackPolicy } from '../policy';
import { type Preset, days, nacccChief, tier, weeks, workingDays } from './builders';

export const panelOfThree = {
  size: 3,
  roles: ['committee_member'],
  excludeStage2Investigator: true
} satisfies Stage['panel'];

export const birminghamComplaint: TrackPolicy = {
  stages: [
    {
      name: 'Stage 1',
      tiers: [
        // BH-1
        tier('Volunteers & family coordinator / duty coordinator', [
          'coordinator',
          'deputy_coordinator'
        ]),
        // BH-2 "If your complaint is about the ... Coordinator ... email ... the Complaints Officer"
        tier('Complaints officer', ['complaints_officer']),
        tier('Chair of the management committee', ['chair'])
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1, 'Stage 1: acknowledged within 1 week'),
      replyWithin: weeks(4, 'Stage 1: if possible, a reply within 4 weeks'),
      nextStageWithin: weeks(2, 'Stage 2: within 2 weeks of receiving the stage 1 response')
    },
    {
      name: 'Stage 2',
      tiers: [
        // BH-3 The complaints officer acknowledges; the chair investigates or designates.
        tier('Complaints officer or chair', ['complaints_officer', 'chair'], 'no_member_left'),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1, 'Stage 2: the Complaints Officer acknowledges within one week'),
      replyWithin: weeks(4, 'Stage 2: a reply within 4 weeks'),
      nextStageWithin: weeks(2, 'Stage 3: inform the Chair within 2 weeks of the stage 2 response')
    },
    {
      name: 'Stage 3',
      tiers: [
        // BH-4
        tier('Chair of the management committee', ['chair']),
        // "The Management Committee may vary the procedure ... to avoid a conflict of interest"
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      panel: panelOfThree,
      replyWithin: weeks(4, 'Stage 3: a written decision within 4 weeks')
    }
  ],
  externalBodies: [
    // BH-5 "Final Resort ... If after this procedure has been carried out you are still not happy"
    nacccChief('reporter_choice', 'Final resort, after stage 3: the Chief Executive of NACCC', {
      stages: [3],
      afterReply: true
    })
  ]
};

export const westWiltsComplaint: TrackPolicy = {
  stages: [
    {
      name: 'Stage 1',
      tiers: [
        // WW-1
        tier('Coordinator', ['coordinator']),
        // WW-2 "If your complaint is about the Coordinator ... the Chair of the Management Committee"
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: workingDays(5, 'Stage 1: acknowledged within 5 working days'),
      replyWithin: workingDays(15, 'Stage 1: if possible, a reply within fifteen working days'),
      nextStageWithin: days(14, 'Stage 2: within 14 days of receiving the stage 1 response')
    },
    {
      name: 'Stage 2',
      tiers: [
        // WW-3
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      acknowledgeWithin: weeks(1, 'Stage 2: the chair acknowledges within a week'),
      replyWithin: weeks(4, 'Stage 2: a reply normally within 4 weeks'),
      nextStageWithin: days(14, 'Stage 3: inform the chair within 14 days of the stage 2 response')
    },
    {
      name: 'Stage 3',
      tiers: [
        // WW-4
        tier('Chair of the management committee', ['chair']),
        tier('Management committee', ['committee_member'], 'no_member_left')
      ],
      alwaysInclude: [],
      panel: panelOfThree,
      replyWithin: weeks(3, 'Stage 3: a written decision within 3 weeks')
    }
  ],
  externalBodies: [
    // WW-5 "If after the stage 3 procedure has been carried out you are still not happy"
    nacccChief('reporter_choice', 'After stage 3: the Chief Executive of NACCC', {
      stages: [3],
      afterReply: true
    })
  ]
};

// WW-6 "send to the coordinator or chairman"; noted by the management committee.
export const westWiltsCompliment: TrackPolicy = {
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

export const complaintsBirmingham: Preset = {
  id: 'complaints-birmingham-ccc',
  name: 'Complaints policy (Birmingham CCC)',
  description:
    'From a child contact centre’s complaints policy (Birmingham). Stage 1: the coordinator ' +
    'says the complaint has arrived within 1 week and replies within 4 weeks; a complaint about ' +
    'the coordinator goes to the complaints officer instead. Stage 2, if asked for within 2 ' +
    'weeks: the complaints officer and the chair, on the same timescales. Stage 3: a panel of ' +
    'three trustees who did not look into stage 2, who decide within 4 weeks. After stage 3, the ' +
    'chief executive of NACCC is the last resort ("Final Resort").',
  policy: {
    version: 1,
    name: 'Complaints policy (Birmingham CCC)',
    tracks: { complaint: birminghamComplaint }
  }
};

export const complaintsWestWilts: Preset = {
  id: 'complaints-west-wilts-ccc',
  name: 'Complaints and compliments procedure (West Wilts CCC)',
  description:
    'From a child contact centre’s complaints and compliments procedure (West Wilts). Stage 1: ' +
    'the coordinator says the complaint has arrived within 5 working days and replies within 15; ' +
    'a complaint about the coordinator goes to the chair instead. Stage 2, if asked for within ' +
    '14 days: the chair, who answers within 1 week and replies within 4. Stage 3, if asked for ' +
    'within 14 days: a panel of three committee members who did not look into stage 2, who ' +
    'decide within 3 weeks. After that, the chief executive of NACCC. Compliments go to the ' +
    'coordinator or the chair.',
  policy: {
    version: 1,
    name: 'Complaints procedure (West Wilts CCC)',
    tracks: { complaint: westWiltsComplaint, compliment: westWiltsCompliment }
  }
};
