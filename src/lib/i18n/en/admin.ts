/** English: organisation administration. */
export const admin = {
  'notices.title': 'Email notices',
  'notices.intro':
    'Candour emails people when a case they hold needs them. The email says only "Something in Candour needs you": no case, no name, not even what happened.',
  'notices.interval.legend':
    'When a reporter acts (a new concern, a message, an escalation), notices go out',
  'notices.interval.60': 'At the next full hour (recommended)',
  'notices.interval.60.tradeOff':
    'The email’s time, and the mail servers’ records of it, narrow the reporter’s action only to the hour. A notice can take up to an hour to arrive.',
  'notices.interval.30': 'At the next half hour',
  'notices.interval.30.tradeOff':
    'Notices arrive within 30 minutes, but their time narrows the reporter’s action to a half hour: in a small centre, that can point to who was on shift.',
  'notices.interval.15': 'At the next quarter hour',
  'notices.interval.15.tradeOff':
    'Notices arrive within 15 minutes, but their time narrows the reporter’s action to a quarter hour, which makes a reporter easier to identify.',
  'notices.staffAtOnce':
    'Notices about what staff do (a reply, a referral) go at once: they say nothing about a reporter. Notices are never sent at the moment a reporter acts.',
  'notices.save': 'Save',
  'notices.saved': 'Saved.',
  'notices.delivery': 'Delivery',
  'notices.allDelivered': 'No notices are waiting for a retry.',
  'notices.failing':
    '{count} notice(s) to your people could not be delivered yet and will be retried. The mail server’s last answer: {code}.',
  'people.title': 'People',
  'people.intro':
    'Everyone who can receive cases, with their roles and keys. A person receives cases only once an administrator has signed their keys into the roster.',
  'people.roles': 'Roles',
  'people.keys': 'Keys',
  'people.status.invited': 'Invited',
  'people.status.active': 'Active',
  'people.status.on_leave': 'On leave',
  'people.status.removed': 'Removed',
  'people.admin': 'administrator',
  'people.signed': 'Signed into the roster',
  'people.unsigned': 'Not signed yet',
  'people.noKeys': 'No keys yet',
  'people.sign': 'Sign keys',
  'people.signConfirm':
    'Before signing, check with {name} that the fingerprint on their home page is {fingerprint}.',
  'people.onLeave': 'Mark on leave',
  'people.back': 'Mark back from leave',
  'people.remove': 'Remove',
  'people.removeConfirm':
    'Remove {name}? They will be signed out and receive no new cases. Cases they hold keep their keys until someone revokes them.',
  'people.reinvite': 'Send a new sign-in link',
  'people.reinviteConfirm':
    'Send {name} a new sign-in link? It replaces their password and two-factor set-up. It is emailed to them, never shown to you; they and every other administrator are told, and it is recorded.',
  'people.reinvitePending':
    'Another administrator must approve the new link for {name} before it is emailed to them.',
  'people.reinviteSent':
    'A new sign-in link was emailed to {name}. They and the other administrators were told.',
  'people.reinviteWaiting':
    'Waiting for approval: a new sign-in link for {name}, asked for by {by}.',
  'people.reinviteApprove': 'Approve and email the link',
  'people.editRoles': 'Change roles',
  'people.saveRoles': 'Save roles',
  'people.shareSigningKey': 'Share the organisation signing key',
  'people.invite': 'Invite someone',
  'people.inviteName': 'Their name',
  'people.inviteEmail': 'Their email address',
  'people.inviteRoles': 'Their roles',
  'people.inviteAdmin': 'Make them an administrator too',
  'people.inviteSubmit': 'Create invitation',
  'people.inviteLink': 'Invitation link for {name}',
  'people.inviteLinkHint':
    'Give this link to them yourself, in person or by a channel you trust. It works once and expires on {date}.',
  'people.noSigningKey':
    'You do not hold the organisation signing key, so you cannot sign keys. Ask another administrator to share it with you.',
  'people.rolesRequired': 'Choose at least one role.',
  'policy.title': 'Policy',
  'policy.intro':
    'Who receives each kind of report, in what order, and how quickly they must answer. Reporters see this before they send.',
  'policy.preset': 'Start again from a preset',
  'policy.applyPreset': 'Use this preset',
  'policy.tiers': 'Who receives it, in order',
  'policy.acknowledge': 'Acknowledge within',
  'policy.reply': 'Reply within',
  'policy.save': 'Save policy',
  'policy.saved': 'Policy saved.',
  'policy.preview': 'Who would receive a sample report',
  'policy.previewNamed': 'Named as involved',
  'policy.previewTrack': 'Kind of report',
  'policy.receives': 'Receives it',
  'policy.notReceives': 'Does not receive it',
  'policy.nobody': 'Nobody inside the organisation; the policy sends it to an external body.',
  'policy.json': 'Full policy (advanced)',
  'policy.invalid': 'The policy is not valid: {problem}',
  'security.title': 'Security',
  'security.totp': 'Two-factor sign-in',
  'security.totpOn': 'Two-factor sign-in is on.',
  'security.totpOff': 'Two-factor sign-in is off.',
  'security.totpStart': 'Set up two-factor sign-in',
  'security.totpSecret':
    'Add this key to your authenticator app (or open the link on your phone), then enter the 6-digit code it shows.',
  'security.totpCode': '6-digit code',
  'security.totpConfirm': 'Turn on',
  'security.totpPassword': 'Your password',
  'security.totpPasswordHint': 'Changing how you sign in needs your password.',
  'security.totpDone': 'Two-factor sign-in is now on.',
  'security.requireTotp': 'Require two-factor sign-in for everyone in {unit}',
  'security.requireTotpSave': 'Save',
  'security.password': 'Change your password',
  'security.currentPassword': 'Current password',
  'security.newPassword': 'New password',
  'security.changePassword': 'Change password',
  'security.passwordChanged': 'Your password is changed. Your keys and cases are unaffected.',
  'security.everywhere': 'Sign out everywhere',
  'security.everywhereHint': 'Ends every session of yours, on every device, including this one.',
  'host.title': 'Organisations and external bodies',
  'host.intro':
    'This deployment can serve many organisations. External bodies such as NACCC, a LADO or children’s services are shared and linked to the organisations they serve. As host you see names and head-counts only, never a case.',
  'host.kind.organisation': 'Organisation',
  'host.kind.naccc': 'NACCC',
  'host.kind.lado': 'LADO',
  'host.kind.childrens_services': 'Children’s services',
  'host.kind.other_body': 'Other external body',
  'host.links': 'External bodies that serve it',
  'host.add': 'Add an organisation or external body',
  'host.name': 'Name',
  'host.slug': 'Web address',
  'host.kind': 'Kind',
  'host.preset': 'Procedure to start from (organisations only)',
  'host.adminName': 'Its first administrator’s name',
  'host.adminEmail': 'Their email address',
  'host.adminRoles': 'Their roles',
  'host.submit': 'Add and invite the administrator',
  'host.linkFor': 'Invitation link for the first administrator of {name}',
  'invite.founding':
    'You are the first administrator of {unit}: your browser will also make its signing key, which vouches for everyone’s keys.',
  'invite.founded':
    'Your keys and the signing key of your unit are made. Your key fingerprint: {fingerprint}',
  'invite.title': 'Accept your invitation',
  'invite.intro':
    '{unit} has invited you to Candour as {name} ({email}). Choose a password: your browser will make your keys with it.',
  'invite.gone':
    'This invitation link has expired or was already used. Ask your administrator for a new one.',
  'invite.submit': 'Create my keys',
  'invite.done': 'Your keys are made',
  'invite.waitForSignature':
    'An administrator now needs to sign your keys into the roster before you receive cases. Tell them your fingerprint: {fingerprint}',
  'recover.title': 'Use your recovery code',
  'recover.intro':
    'Your recovery code unlocks your keys again so you can choose a new password. You will get a new recovery code.',
  'recover.code': 'Recovery code',
  'recover.totp': 'Code from your authenticator app',
  'recover.totpHint':
    'Needed if you set up two-factor sign-in. If you lost your authenticator too, ask an administrator to send you a new sign-in link.',
  'recover.submit': 'Recover my keys',
  'recover.noCode':
    'No recovery code? Ask an administrator for a new invitation. Colleagues who can read your cases can then share them with your new keys.'
} as const;
