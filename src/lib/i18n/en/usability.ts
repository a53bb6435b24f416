/** English: pages without JavaScript, field errors and character counts. */
export const usability = {
  'noJs.title': 'Turn on JavaScript to use this page',
  'noJs.why':
    'Candour encrypts what you write inside your own browser before it is sent, so that only the people chosen to read it can. Your browser needs JavaScript to do that.',
  'noJs.safe':
    'Nothing you type here can be protected without it, so this page does not work until JavaScript is allowed.',
  'noJs.torTitle': 'In Tor Browser, allow JavaScript for this site only',
  'noJs.tor1':
    'Open the menu (☰), choose More tools, then Customize toolbar. Drag the NoScript icon (an S) onto the toolbar and choose Done.',
  'noJs.tor2':
    "With this page open, select the NoScript icon and choose Trusted for this site's address. Temporarily trusted forgets the choice when you close Tor Browser.",
  'noJs.tor3': 'Reload this page.',
  'noJs.torOthers': 'Every other site stays at the Safest security level.',
  'noJs.otherTitle': 'In other browsers',
  'noJs.other':
    'Open the site settings (usually the padlock or the icon beside the web address), allow JavaScript for this site, then reload this page.',

  'field.errorPrefix': 'Error:',
  'count.remaining.one': 'You have {n} character remaining',
  'count.remaining.other': 'You have {n} characters remaining',
  'count.over.one': 'You have {n} character too many',
  'count.over.other': 'You have {n} characters too many',
  'count.limit': 'You can enter up to {max} characters',
  'count.tooLong': '{field} must be {max} characters or fewer',
  'field.name.what': 'What happened',
  'field.name.involvedOthers': 'Anyone else involved',
  'field.name.others': 'Who else knows',
  'field.name.outcome': 'What you would like to happen',
  'field.name.when': 'When',
  'field.name.where': 'Where',
  'field.name.contact': 'Your name or a way to contact you',
  'field.name.reply': 'Your message',
  'reporter.error.caseKeyMissing': 'Enter your case key'
} as const;
