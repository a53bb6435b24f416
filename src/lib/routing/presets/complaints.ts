// complaints-policy-birmingham-ccc.txt (BH-n) and complaints-procedure-west-wilts-ccc.txt (WW-n).
// Neither procedure sends a complaint outside the centre when no one inside can take it ("The
// Management Committee may vary the procedure"), so there is no `no_one_inside` rule: the
// reporting page says that nobody can receive it rather than sending it to NACCC.
import type { Stage, Tier, Timescale, TrackPolicy } from '../policy';
import { type Preset, days, nacccChief, tier, weeks, workingDays } from './builders';

export const panelOfThree = {
  size: 3,
  roles: ['committee_member'],
  excludeStage2Investigator: true
} satisfies Stage['panel'];

/** What differs between the two procedures at one stage: who takes it and its timescales. */
interface StageTerms {
  tiers: Tier[];
  acknowledgeWithin?: Timescale;
  replyWithin: Timescale;
  /** The window to ask for the next stage, counted from this stage's reply. */
  nextStageWithin?: Timescale;
}

const committee = tier('Management committee', ['committee_member'], 'no_member_left');

/**
 * The shape both procedures share: stage 1 and stage 2 with a window to ask for the next; stage 3
 * convened by the chair with a panel of three committee members, never the stage-2 investigator,
 * and final; then the Chief Executive of NACCC once stage 3 has been carried out. The management
 * committee is the last internal tier of stages 2 and 3 ("may vary the procedure ... to avoid a
 * conflict of interest").
 */
export function threeStageComplaint(terms: {
  stage1: StageTerms & { nextStageWithin: Timescale };
  stage2: StageTerms & { nextStageWithin: Timescale };
  stage3: Omit<StageTerms, 'tiers' | 'nextStageWithin'>;
  finalResort: string;
}): TrackPolicy {
  const stage = (name: string, t: StageTerms): Stage => ({
    name,
    tiers: t.tiers,
    alwaysInclude: [],
    ...(t.acknowledgeWithin ? { acknowledgeWithin: t.acknowledgeWithin } : {}),
    replyWithin: t.replyWithin,
    ...(t.nextStageWithin ? { nextStageWithin: t.nextStageWithin } : {})
  });
  return {
    stages: [
      stage('Stage 1', terms.stage1),
      stage('Stage 2', { ...terms.stage2, tiers: [...terms.stage2.tiers, committee] }),
      {
        ...stage('Stage 3', {
          ...terms.stage3,
          tiers: [tier('Chair of the management committee', ['chair']), committee]
        }),
        panel: panelOfThree
      }
    ],
    externalBodies: [
      nacccChief('reporter_choice', terms.finalResort, { stages: [3], afterReply: true })
    ]
  };
}

export const birminghamComplaint: TrackPolicy = threeStageComplaint({
  stage1: {
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
    acknowledgeWithin: weeks(1, 'Stage 1: acknowledged within 1 week'),
    replyWithin: weeks(4, 'Stage 1: if possible, a reply within 4 weeks'),
    nextStageWithin: weeks(2, 'Stage 2: within 2 weeks of receiving the stage 1 response')
  },
  stage2: {
    // BH-3 The complaints officer acknowledges; the chair investigates or designates.
    tiers: [tier('Complaints officer or chair', ['complaints_officer', 'chair'], 'no_member_left')],
    acknowledgeWithin: weeks(1, 'Stage 2: the Complaints Officer acknowledges within one week'),
    replyWithin: weeks(4, 'Stage 2: a reply within 4 weeks'),
    nextStageWithin: weeks(2, 'Stage 3: inform the Chair within 2 weeks of the stage 2 response')
  },
  // BH-4 "A panel of 3 Trustees ... not including the person who investigated at Stage 2"
  stage3: { replyWithin: weeks(4, 'Stage 3: a written decision within 4 weeks') },
  // BH-5 "Final Resort ... If after this procedure has been carried out you are still not happy"
  finalResort: 'Final resort, after stage 3: the Chief Executive of NACCC'
});

export const westWiltsComplaint: TrackPolicy = threeStageComplaint({
  stage1: {
    tiers: [
      // WW-1
      tier('Coordinator', ['coordinator']),
      // WW-2 "If your complaint is about the Coordinator ... the Chair of the Management Committee"
      tier('Chair of the management committee', ['chair']),
      committee
    ],
    acknowledgeWithin: workingDays(5, 'Stage 1: acknowledged within 5 working days'),
    replyWithin: workingDays(15, 'Stage 1: if possible, a reply within fifteen working days'),
    nextStageWithin: days(14, 'Stage 2: within 14 days of receiving the stage 1 response')
  },
  stage2: {
    // WW-3
    tiers: [tier('Chair of the management committee', ['chair'])],
    acknowledgeWithin: weeks(1, 'Stage 2: the chair acknowledges within a week'),
    replyWithin: weeks(4, 'Stage 2: a reply normally within 4 weeks'),
    nextStageWithin: days(14, 'Stage 3: inform the chair within 14 days of the stage 2 response')
  },
  // WW-4 "A panel of 3 Committee members ... not including the person who investigated at Stage 2"
  stage3: { replyWithin: weeks(3, 'Stage 3: a written decision within 3 weeks') },
  // WW-5 "If after the stage 3 procedure has been carried out you are still not happy"
  finalResort: 'After stage 3: the Chief Executive of NACCC'
});

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
