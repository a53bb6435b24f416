import { z } from 'zod';

/** Thrown when the environment cannot run Candour; the message names the variable and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const configSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  ORIGIN: z.preprocess(
    emptyAsUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://candour.example.org'
      })
      .optional()
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional()
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().max(4096).default('./data')),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()
  ),
  SMTP_FROM: z.preprocess(
    emptyAsUndefined,
    z.email({ error: 'must be an email address' }).optional()
  ),
  EXIT_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default('https://www.bbc.co.uk/weather')
  ),
  /** Evidence files: the largest file and all of one case's files, in MB (1 000 000 bytes). */
  CANDOUR_FILE_LIMIT_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number' }).int().min(1).max(2000).default(100)
  ),
  CANDOUR_CASE_FILES_LIMIT_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(500)
  ),
  CANDOUR_DEMO: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
      .default('0')
      .transform((v) => v === '1' || v === 'true')
  )
});

const secretVariables = new Set(['DATABASE_URL', 'SMTP_URL']);

export type Config = z.infer<typeof configSchema>;

/** Validates the environment once; a wrong value stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    // URLs may carry passwords: name the variable, never echo its value.
    const shown = secretVariables.has(name) ? '' : ` (got ${JSON.stringify(env[name] ?? '')})`;
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(
    `Candour cannot start: the configuration is wrong.\n${problems.join('\n')}`
  );
}

let current: Config | undefined;

export function config(): Config {
  current ??= loadConfig(process.env);
  return current;
}
