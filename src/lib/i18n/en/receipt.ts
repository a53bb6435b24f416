/** English: the reporter's proof of filing (docs/RECORDS.md). */
export const receipt = {
  'reporter.receipt.title': 'Proof that you sent a report',
  'reporter.receipt.intro':
    'This receipt proves that a report was filed with {organisation} on {date}, without showing what it says. It does not contain your case key, so you can print it and keep it or show it to someone.',
  'reporter.receipt.organisation': 'Organisation',
  'reporter.receipt.case': 'Case reference',
  'reporter.receipt.date': 'Date received',
  'reporter.receipt.hash': 'Fingerprint of the sealed report',
  'reporter.receipt.key': 'Signed with the key published at {path}, fingerprint',
  'reporter.receipt.signature': 'Signature',
  'reporter.receipt.verified': 'Your browser checked the signature: it is valid.',
  'reporter.receipt.kept': 'It is kept with your case: only your case key opens it.',
  'reporter.receipt.notKept':
    'It could not be saved with your case. Print it now if you want to keep it.',
  'reporter.receipt.print': 'Print the receipt',
  'reporter.receipt.invalid':
    'The receipt from the server did not pass the check in your browser, so it proves nothing. Your report was still sent. If you want proof of filing, contact the organisation another way.',
  'reporter.receipt.missing': 'No receipt is kept with this case.'
} as const;
