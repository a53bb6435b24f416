/** Staff: the second factor asked of people who can read safeguarding cases. */
export const secondFactor = {
  'secondFactor.offWarning':
    'Two-factor sign-in is turned off for people who can read safeguarding cases in {unit}. Anyone who learns one of their passwords can read those cases. Turn it on again from the Security page.',
  'secondFactor.mustEnrol':
    'You can read safeguarding cases, so you sign in with a second factor. Set it up here before you continue: nothing else opens until it is on.',
  'secondFactor.safeguarding':
    'Ask everyone who can read safeguarding cases in {unit} for a second factor (recommended)',
  'secondFactor.safeguardingHint':
    'Turning this off is recorded on the audit trail, and every administrator sees a warning while it is off.'
} as const;
