// child-protection-policy-mentoring-plus.txt (MP-n): 4.4, 6.2, 6.3, 6.4 and Appendix 1/1a.
import type { IncludeRule, TrackPolicy } from '../policy';
import {
  type Preset,
  childrensServicesOnRequest,
  days,
  safeguardingTrustee,
  staffSafeguardingLead,
  teamSeniorPractitioner,
  tier
} from './builders';

/** MP-4, 6.3: "Where it is suspected that the CEO or Practitioners may be involved ... let the
 * alternative staff representative or Board Member (Chairperson or nominated trustee for
 * safeguarding) know". */
export const ceoOrPractitionerNamed: IncludeRule = {
  roles: ['chair', safeguardingTrustee],
  when: 'role_named',
  ifNamed: ['chief_executive', 'senior_practitioner', 'practitioner'],
  note: '6.3: the CEO or a practitioner is named, so the board hears of it'
};

export const mentoringPlusSafeguarding: TrackPolicy = {
  stages: [
    {
      name: 'Safeguarding concern',
      tiers: [
        // MP-1, 4.4: the Designated Safeguarding Lead.
        tier('Designated safeguarding lead', [staffSafeguardingLead]),
        // MP-3, 6.2: "in his/her absence the DSL, DSG or Trustee with responsibility for Child
        // Safeguarding"
        tier('Trustee for child safeguarding', [safeguardingTrustee]),
        tier('Chairperson', ['chair'])
      ],
      alwaysInclude: [
        // MP-1, 4.4 and Appendix 1a: the deputy is the lead's alternative and sees every concern.
        'deputy_safeguarding_lead',
        // MP-2, 4.4, 6.2 and Appendix 1(7): "the relevant project Senior Practitioner".
        teamSeniorPractitioner
      ],
      includeIf: [ceoOrPractitionerNamed],
      // MP-7: Appendix 1(7)a; 6.4's "within one working day" is about staff writing notes, not
      // about answering the person who raised the concern, so no acknowledgement time is set.
      replyWithin: days(7, 'Appendix 1(7)a: action date 7 days from date of entry')
    }
  ],
  externalBodies: [
    {
      // MP-5
      kind: 'lado',
      roles: ['external_member'],
      when: 'allegation_against_staff_or_volunteer',
      note: '6.3: allegations against staff, volunteers or freelancers go to the LADO'
    },
    {
      // MP-6
      kind: 'childrens_services',
      roles: ['external_member'],
      when: 'no_one_inside',
      note: '6.2: no representative available: contact the relevant authorities'
    },
    // MP-8
    childrensServicesOnRequest("Children's social care duty and assessment team")
  ]
};

export const mentoringPlus: Preset = {
  id: 'child-protection-mentoring-plus',
  name: 'Child protection policy (Mentoring Plus)',
  description:
    'From a youth mentoring charity’s child protection policy (Mentoring Plus). A concern goes ' +
    'to the safeguarding lead of the project it is about; when they are away, to the designated ' +
    'safeguarding lead, their deputy or the trustee for safeguarding (6.2). The designated lead ' +
    'is supported by the deputy and the team’s senior practitioner (4.4). If the chief executive ' +
    'or a practitioner is involved, it goes to the chair or the trustee for safeguarding; an ' +
    'allegation against staff or a volunteer also goes to the LADO (6.3). Action is due within ' +
    '7 days (Appendix 1, point 7).',
  policy: {
    version: 1,
    name: 'Child protection policy (Mentoring Plus)',
    tracks: { safeguarding: mentoringPlusSafeguarding }
  }
};
