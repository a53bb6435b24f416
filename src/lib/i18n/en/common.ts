/** English: strings shared by every page. */
export const common = {
  'app.name': 'Candour',
  'layout.skip': 'Skip to main content',
  'layout.footer': 'Candour encrypts every report in your browser. The server cannot read it.',
  'layout.build': 'Build',
  'layout.devBuild': 'Development build (not a release)',
  'exit.button': 'Exit this page',
  'exit.hint': 'Or press Shift three times.',
  'home.title': 'Raise a concern',
  'home.intro':
    'Candour lets staff, volunteers, parents and young people raise a concern, a complaint or a safeguarding worry with an organisation that works with children, without giving their name.',
  'home.organisations': 'Choose the organisation',
  'home.noOrganisations': 'No organisation has been set up here yet.',
  'home.setUp': 'Set up the first organisation',
  'home.staff': 'Staff and designated people: sign in',
  'home.emergencyTitle': 'If a child is in immediate danger',
  'home.emergency':
    'Call 999 now. For advice, the NSPCC helpline is 0808 800 5000. Candour is not an emergency service.',
  'errors.title': 'There is a problem',
  'error.notFound': 'Page not found',
  'error.generic': 'Something went wrong',
  'error.back': 'Go to the start'
} as const;
