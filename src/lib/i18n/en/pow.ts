/** Reporter: the proof-of-work a browser solves before each request (docs/PROTOCOL.md §12). */
export const pow = {
  'pow.preparing': 'Preparing to send securely…',
  'pow.why':
    'Your browser is doing a little work first, so that nobody can flood this service. It stays on your device and can take a few seconds.',
  'pow.progressLabel': 'Preparing to send securely'
} as const;
