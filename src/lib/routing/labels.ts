import type { ExclusionReason, InclusionReason } from './routing';
import type { BODY_CONDITIONS, BodyKind, Role, TIMESCALE_UNITS, Track } from './policy';

// English display names; the app's i18n layer may wrap these later.

export const trackLabels: Record<Track, string> = {
  whistleblowing: 'Whistleblowing concern',
  complaint: 'Complaint',
  safeguarding: 'Safeguarding concern',
  compliment: 'Compliment'
};

export const roleLabels: Record<Role, string> = {
  coordinator: 'Coordinator',
  deputy_coordinator: 'Deputy coordinator',
  team_leader: 'Team leader',
  chair: 'Chair of the management committee',
  committee_member: 'Committee member (trustee)',
  complaints_officer: 'Complaints officer',
  safeguarding_lead: 'Designated safeguarding lead',
  deputy_safeguarding_lead: 'Deputy safeguarding lead',
  senior_practitioner: 'Senior practitioner',
  practitioner: 'Practitioner',
  chief_executive: 'Chief executive',
  safeguarding_manager: 'Safeguarding manager',
  external_member: 'Member of an external body'
};

export const bodyKindLabels: Record<BodyKind, string> = {
  naccc: 'NACCC (National Association of Child Contact Centres)',
  lado: 'LADO (Local Authority Designated Officer)',
  childrens_services: "Children's services",
  other_body: 'Other body'
};

/** Said to the reporter about someone who will not read the report. */
export const exclusionReasonLabels: Record<ExclusionReason, string> = {
  named_as_involved: 'You named this person as involved',
  removed: 'No longer part of the organisation',
  not_yet_active: 'Has not finished joining yet',
  on_leave: 'On leave',
  unsigned_keys: 'Their keys have not been confirmed by the organisation yet',
  stage2_investigator: 'Investigated at stage 2, so cannot sit on the stage 3 panel',
  not_on_panel: 'Not chosen for the panel',
  tier_passed_over:
    'Someone they work closely with is named as involved, so the report goes to other people instead',
  lower_tier_used: 'Receives such reports only when the people before them cannot',
  not_in_tier: 'Does not handle this kind of report',
  body_offered_not_added: 'You can choose to send it to them too',
  body_not_included: 'This body is not involved in this kind of report'
};

export const inclusionReasonLabels: Record<InclusionReason, string> = {
  tier: 'Handles this kind of report',
  always: 'Always receives this kind of report',
  include_rule: 'Receives it because of who is named',
  child_risk: 'Receives it because it is about a risk to a child',
  own_choice: "The organisation's own choice, not part of its written procedure",
  panel: 'Chosen for the panel',
  external_body: 'External body included by the policy or by you'
};

export const bodyConditionLabels: Record<(typeof BODY_CONDITIONS)[number], string> = {
  always: 'Always',
  allegation_against_staff_or_volunteer: 'When the concern is about staff or a volunteer',
  no_one_inside: 'When no one inside the organisation can receive it',
  role_named: 'When certain people are named as involved',
  reporter_choice: 'When the reporter chooses'
};

export const timescaleUnitLabels: Record<(typeof TIMESCALE_UNITS)[number], string> = {
  calendar_days: 'days',
  working_days: 'working days',
  weeks: 'weeks'
};
