/** English: evidence files (reporter pages and staff case pages share these). */
export const files = {
  'files.label': 'Add files (optional)',
  'files.hint':
    'Photos, screenshots, documents or voice notes. They are locked in your browser before they are sent. Up to {perFile} a file, {perCase} for the whole case.',
  'files.remove': 'Remove {name}',
  'files.chosen': 'Files to send',
  'files.tooLarge': '{name} is {size}. Files can be up to {limit} each, so it has not been added.',
  'files.caseFull':
    'These files come to {size}. A case can hold up to {limit} of files, so {name} has not been added.',
  'files.tooMany': 'You can send up to {max} files at once.',
  'files.refused': 'The server refused {name}: {reason}',
  'files.removed': 'Removed from {name} before sending: {what}.',
  'files.removedNothing': '{name}: no hidden details found.',
  'files.what.location': 'the location where it was taken (GPS)',
  'files.what.camera': 'the camera or phone make and model',
  'files.what.serial': 'the camera’s serial number',
  'files.what.time': 'the date and time',
  'files.what.exif': 'other camera details (EXIF)',
  'files.what.xmp': 'editing details (XMP)',
  'files.what.iptc': 'captions and author details (IPTC)',
  'files.what.comment': 'comments',
  'files.what.text': 'text notes such as author or description',
  'files.warn.document':
    '{name} is a document. Documents can hold the author’s name, the computer’s name, earlier versions and comments, and this browser cannot remove them. If that could identify you, remove the file, or save a copy without them (for example, print it to a new PDF) and add that instead.',
  'files.warn.media':
    '{name} is a video or sound recording. Recordings can hold the place and time they were made and the device that made them, and this browser cannot remove them. If that could identify you, remove the file.',
  'files.warn.image':
    '{name} is a kind of image this browser cannot clean. It may hold the place and time it was taken and the device that took it. If that could identify you, remove it, or send a screenshot of it instead.',
  'files.uploading': 'Sending {name}: {done} of {total}',
  'files.timeLeft': 'about {time} left',
  'files.waiting':
    'The connection was lost. Sending will carry on when it is back; keep this page open.',
  'files.uploaded': '{name} sent.',
  'files.uploadFailed': '{name} could not be sent. Your message was not sent either; try again.',
  'files.keepOpen': 'Your files are being sent. Keep this page open until they are done.',
  'files.reportFiles': 'Files sent with the report',
  'files.reportFilesDone': 'Your files were sent with the report.',
  'files.reportFilesFailed':
    'Your report was sent, but the files were not. Open your case with your case key and add them there.',
  'files.attached': 'Files',
  'files.download': 'Download {name}',
  'files.downloading': 'Opening {name}: {done} of {total}',
  'files.damaged': '{name} could not be opened and nothing was saved. {reason}',
  'files.downloadFailed': '{name} could not be fetched. Check your connection and try again.',
  'files.seconds': '{n} seconds',
  'files.minutes': '{n} minutes'
} as const;
