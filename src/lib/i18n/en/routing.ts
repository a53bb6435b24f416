/**
 * What a reporter is told about teams, child-risk concerns, own choices, later bodies and where a
 * deadline comes from. Reporter-facing, so every language has them.
 */
export const routingReporter = {
  'reporter.role.practitioner': 'Practitioner',
  'reporter.reason.child_risk': 'Told because it is about a risk to a child',
  'reporter.reason.own_choice': "The organisation's own choice, beyond its written procedure",
  'reporter.q.team': 'Which team or project is this about?',
  'reporter.q.teamHint':
    'The senior practitioner of that team will read it too, unless you name them. If you are not sure, choose “Not sure”: the safeguarding leads will read it and can pass it on.',
  'reporter.team.notSure': 'Not sure',
  'reporter.childRisk.title': 'This may be a safeguarding concern',
  'reporter.childRisk.explain':
    'You said this is about a risk to a child. A safeguarding concern goes to the people who protect children here. Whistleblowing goes to the people who run the organisation. Either way, a safeguarding lead or deputy will be told unless you name them.',
  'reporter.childRisk.switch': 'Report it as a safeguarding concern instead',
  'reporter.childRisk.switched': 'You are now reporting a safeguarding concern.',
  'reporter.preview.later': 'Not yet: {body}',
  'reporter.preview.laterHint':
    'The procedure lets you take it to them once you have had a reply and are still not satisfied. Come back with your case key then.',
  'reporter.deadline.source': 'From the procedure: {source}'
} as const;

/** The policy editor's words for teams and own choices (staff pages: English only for now). */
export const routing = {
  'policy.teams': 'Teams (projects)',
  'policy.teamsHint':
    'A reporter can say which team a concern is about. Who belongs to a team is set on the People page and signed into the roster.',
  'policy.teamId': 'Short id',
  'policy.teamName': 'Name',
  'policy.addTeam': 'Add team',
  'policy.removeTeam': 'Remove {name}',
  'policy.ownChoices': 'Our own choices',
  'policy.ownChoicesHint':
    'These go beyond the written procedure. Reporters are told that a recipient is there by your choice.',
  'policy.previewTeam': 'Team the report is about',
  'policy.previewChildRisk': 'Marked as a risk to a child',
  'policy.previewAboutStaff': 'About a member of staff or a volunteer',
  'policy.timescaleSource': 'From: {source}',
  'policy.timescaleOwn': 'Set by the organisation',
  'people.teams': 'Teams (projects)'
} as const;
