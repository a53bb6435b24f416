/** English: pages for designated people and admins. */
export const staff = {
  'staff.nav.label': 'Staff',
  'staff.nav.home': 'Home',
  'staff.nav.people': 'People',
  'staff.nav.policy': 'Policy',
  'staff.nav.notices': 'Notices',
  'staff.nav.security': 'Security',
  'staff.nav.host': 'Host',
  'staff.nav.overdue': 'Overdue',
  'staff.nav.signOut': 'Sign out',
  'staff.phase.deriving': 'Checking your password…',
  'signIn.title': 'Sign in',
  'signIn.intro':
    'Your password never leaves this browser: it unlocks your keys here, and only a secret derived from it is sent.',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.code': 'Code from your authenticator app',
  'signIn.codeHint':
    'Needed by everyone who can read safeguarding cases, and by anyone who has set it up. Not set up yet? Leave it empty: you will be asked to set it up next.',
  'signIn.submit': 'Sign in',
  'signIn.forgot': 'Forgotten your password? Use your recovery code',
  'unlock.title': 'Unlock your keys',
  'unlock.intro':
    'This tab does not hold your keys any more (it was reloaded). Enter your password to unlock them here.',
  'unlock.submit': 'Unlock',
  'unlock.wrong': 'That password does not unlock your keys.',
  'staffHome.title': 'Hello, {name}',
  'staffHome.unit': 'You are signed in to {unit}.',
  'staffHome.roles': 'Your roles',
  'staffHome.noRoles': 'No roles yet.',
  'staffHome.fingerprint': 'Your key fingerprint',
  'staffHome.unitFingerprint': 'The key of {unit}',
  'staffHome.unitFingerprintHint':
    'It vouches for everyone’s keys. Show it where reporters can compare it (a poster, your website); if it ever changes without your admins knowing, tell them at once.',
  'staffHome.adminNote':
    'As an administrator you manage people, keys and policy. Being an administrator gives you no access to any case.',
  'staffHome.totpRequired':
    'Your organisation requires two-factor sign-in. Set it up on the Security page before you continue.',
  'staffHome.inbox': 'Open your inbox',
  'recovery.title': 'Your recovery code',
  'recovery.intro':
    'Write this down and keep it somewhere safe, away from this computer. If you forget your password, it is the only way back to your keys: nobody at Candour or in your organisation can reset them. It is shown only now.',
  'recovery.copy': 'Copy',
  'recovery.print': 'Print',
  'recovery.copied': 'Copied.',
  'recovery.kept': 'I have written down or printed my recovery code',
  'recovery.continue': 'Continue',
  'setup.title': 'Set up Candour',
  'setup.intro':
    'Create the first organisation and its administrator. Your browser makes the organisation signing key and your own keys; the server never sees them.',
  'setup.organisation': 'The organisation',
  'setup.orgName': 'Organisation name',
  'setup.slug': 'Web address',
  'setup.slugHint':
    'Reporters will use {origin}/o/your-address. Lower-case letters, digits and dashes.',
  'setup.preset': 'Procedure to start from',
  'setup.presetHint': 'Modelled on a real written policy. You can change every part later.',
  'setup.you': 'You, the first administrator',
  'setup.name': 'Your name',
  'setup.email': 'Your email address',
  'setup.roles': 'Your roles in the organisation',
  'setup.rolesHint':
    'Leave all unticked if you only administer Candour and should receive no cases.',
  'setup.password': 'Choose a password',
  'setup.passwordHint': 'At least 12 characters. A few unrelated words work well.',
  'setup.confirm': 'Type the password again',
  'setup.submit': 'Create the organisation',
  'setup.working': 'Making keys in your browser…',
  'setup.done': 'Candour is set up',
  'password.tooShort': 'Choose a password of at least 12 characters.',
  'password.mismatch': 'The two passwords are not the same.'
} as const;
