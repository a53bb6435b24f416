/**
 * English: what a reporter is told when the keys their browser was served fail its checks.
 * Reporter-facing, so every language has them.
 */
export const trust = {
  'trust.reporter':
    'The list of people for {unit} could not be verified. Do not send anything; tell {unit} or NACCC by another route (phone or in person) that their Candour page may have been tampered with.',
  'trust.thisOrganisation': 'this organisation',
  'trust.reason.duplicate': 'The same person appears more than once.',
  'trust.reason.unsigned': 'Someone on it is not signed by the organisation key.',
  'trust.reason.not_on_list': 'Someone on it is not on the signed list of people.',
  'trust.reason.mismatch': 'Someone’s keys, roles or name differ from the signed list.',
  'trust.reason.old_list': 'It is older than a list this browser has already seen.',
  'trust.reason.unit_key_changed':
    'Its signing key has changed since this browser last saw it, and the old key did not sign the change.',
  'trust.reason.body_link': 'Its link to this organisation is not signed by both of them.',
  'trust.reason.no_unit_key': 'It has no signing key.',
  'trust.bodyUnlinked':
    '{unit} cannot be offered: its link to this organisation has not been signed by both of them yet.'
} as const;

/** What staff and admins are told about keys, links and the signed list (English only for now). */
export const trustStaff = {
  'trust.staff':
    'The list of people for {unit} could not be verified. Do not send anything or share this case; tell your Candour administrator by phone or in person, not through Candour.',
  'people.listVersion':
    'Signed list of people: version {version}. Your browser signs a new version whenever someone joins, leaves, changes roles or goes on leave.',
  'links.title': 'Linked organisations and bodies',
  'links.intro':
    'Reporters are offered an external body only when both sides have signed the link. Compare the other side’s key fingerprint with them by phone before signing.',
  'links.none': 'No links yet.',
  'links.otherKey': 'Key fingerprint of {unit}: {fingerprint}',
  'links.signedBoth': 'Signed by both',
  'links.waitingOther': 'Waiting for {unit} to sign',
  'links.sign': 'Sign the link with {unit}',
  'links.noKey': '{unit} has no signing key yet.',
  'unitKey.title': 'Organisation signing key',
  'unitKey.fingerprint': 'Fingerprint: {fingerprint}',
  'unitKey.replaceHint':
    'Replace the key if an administrator’s device may have been lost. The old key signs the new one, so staff browsers accept the change; other administrators need the new key shared with them again, and every link must be signed again.',
  'unitKey.replace': 'Replace the signing key',
  'unitKey.replaceConfirm': 'Replace the organisation’s signing key now?',
  'unitKey.replaced': 'The signing key was replaced. New fingerprint: {fingerprint}'
} as const;
