/** English: field errors and counts on staff pages (staff pages are English only). */
export const staffErrors = {
  'cases.error.text': 'The text',
  'cases.error.message': 'Write your message',
  'cases.error.note': 'Write your note',
  'cases.error.actionTaken': 'Describe the action taken',
  'cases.error.outcome': 'Choose the outcome',
  'cases.error.status': 'Choose the new status',
  'cases.error.referTo': 'Choose who to refer the case to',
  'cases.error.grantTo': 'Choose who to give access to',

  'people.error.name': "Enter the person's name",
  'people.error.email': 'Enter their email address',
  'people.error.emailFormat': 'Enter an email address in the correct format, like name@example.org',
  'recovery.error.kept': 'Confirm that you have kept your recovery code',
  'setup.error.orgName': 'Enter the name of the organisation',
  'setup.error.orgNameShort': 'The name of the organisation must be at least 2 characters',
  'setup.error.slug': 'Enter a web address for the organisation',
  'setup.error.slugFormat':
    'The web address can only use lower-case letters, numbers and hyphens, like riverside-centre',
  'setup.error.name': 'Enter your name',
  'setup.error.email': 'Enter your email address',
  'signIn.error.email': 'Enter your email address',
  'signIn.error.password': 'Enter your password',

  'timeline.field.stage': 'stage {value}',
  'timeline.field.acknowledgedOn': 'acknowledged on {value}',
  'timeline.field.respondedOn': 'replied on {value}',
  'timeline.field.closedOn': 'closed on {value}',
  'timeline.field.stageStartedOn': 'stage started on {value}',
  'timeline.field.cleared': '(date cleared)',
  'cases.audit.verifiedCount.one':
    'Audit trail verified in this browser: {n} event, unchanged and unbroken.',
  'cases.audit.verifiedCount.other':
    'Audit trail verified in this browser: {n} events, unchanged and unbroken.',
  'host.peopleCount.one': '{n} person',
  'host.peopleCount.other': '{n} people'
} as const;
