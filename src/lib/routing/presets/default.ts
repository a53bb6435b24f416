// The default preset: a child contact centre running every track (DF-n). Each rule comes from
// one of the policies; what none of them says is an own choice (choices.ts), shown as a setting.
import type { ExternalBodyRule, TrackPolicy } from '../policy';
import { type Preset, childrensServicesOnRequest, tier, withBodies } from './builders';
import { OWN_CHOICES, setOwnChoice } from './choices';
import { westWiltsComplaint } from './complaints';
import { whistleblowingSafeguardingTrack, whistleblowingTrack } from './whistleblowing-ccc';

/** The design lets a reporter add the LADO and children's services on any track at any time. */
const anyTimeBodies: ExternalBodyRule[] = [
  { kind: 'lado', roles: ['external_member'], when: 'reporter_choice' },
  childrensServicesOnRequest("Children's services, for advice")
];

const defaultComplaint: TrackPolicy = {
  ...westWiltsComplaint,
  stages: westWiltsComplaint.stages.map((s, i) =>
    // DF-3: Birmingham's complaints officer takes stage 2 with the chair, where a centre has one.
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

// DF-1: safeguarding as the whistleblowing policy's paragraph on concerns involving staff.
const defaultSafeguarding: TrackPolicy = withBodies(whistleblowingSafeguardingTrack, [
  {
    kind: 'naccc',
    roles: ['safeguarding_manager'],
    when: 'reporter_choice',
    note: 'The NACCC Safeguarding Manager, for advice'
  },
  ...anyTimeBodies
]);

const basePolicy: Preset['policy'] = {
  version: 1,
  name: 'Child contact centre',
  tracks: {
    whistleblowing: withBodies(whistleblowingTrack, anyTimeBodies),
    complaint: withBodies(defaultComplaint, anyTimeBodies),
    safeguarding: defaultSafeguarding,
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
};

// DF-2: a contact centre with a safeguarding lead keeps the lead on safeguarding concerns, and
// the LADO on allegations against staff (as Mentoring Plus 6.3) — its own choices, on by default.
export const defaultPreset: Preset = {
  id: 'default',
  name: 'Child contact centre (all tracks)',
  description:
    'For a child contact centre, all four kinds of report. Whistleblowing concerns, and ' +
    'safeguarding concerns about staff, follow the whistleblowing policy ("How to Raise a ' +
    'Concern"). Complaints follow the West Wilts complaints procedure in three stages, with ' +
    'stage 2 also going to a complaints officer as in the Birmingham policy. Compliments go to ' +
    'the coordinator. The centre’s own choices, shown as settings you can turn off: the ' +
    'safeguarding lead and deputy also read safeguarding concerns and complaints about a risk to ' +
    'a child, and the LADO reads allegations against staff.',
  policy: OWN_CHOICES.reduce((p, choice) => setOwnChoice(p, choice, true), basePolicy)
};
