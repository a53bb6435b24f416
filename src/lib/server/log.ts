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

export function logError(message: string, error?: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : '';
  process.stderr.write(`${today()} ERROR ${message}${reason ? ` (${reason})` : ''}\n`);
}
