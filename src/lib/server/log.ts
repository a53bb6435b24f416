/**
 * Candour's only logger. Lines carry the day, never the time, and never an IP address, a user
 * agent, a query string or any request body: reporter actions must leave nothing finer than
 * the day behind.
 */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function logInfo(message: string): void {
  process.stdout.write(`${today()} ${message}\n`);
}

/** A code that names a kind of failure (a SQLSTATE, ECONNREFUSED), never data. */
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,24}$/.test(code) ? code : null;
}

/**
 * Writes what kind of error happened and its codes, never its message: a database error's message
 * carries the failed query and its parameters (names, emails, policies).
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return '';
  // An error made from a code alone (`new Error('ECONNREFUSED')`) shows it.
  const bare = /^[A-Z0-9_]{2,24}$/.test(error.message) ? error.message : null;
  const codes = [bare, codeOf(error), codeOf(error.cause)].filter(Boolean);
  const name = /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
  return codes.length > 0 ? `${name} ${codes.join(' ')}` : name;
}

export function logError(message: string, error?: unknown): void {
  const reason = describe(error);
  process.stderr.write(`${today()} ERROR ${message}${reason ? ` (${reason})` : ''}\n`);
}
