/**
 * What a signed entry says about each file it carries (docs/PROTOCOL.md, "evidence file"): the
 * only place a file's name, type, exact size, key and hash exist. Checked when read: an entry
 * is data from its signer, but a malformed record must not break the page.
 */
import { z } from 'zod';

const b64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);

export const fileRecordSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().max(255),
  type: z.string().max(255),
  size: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  key: b64(64),
  header: b64(64),
  hash: b64(64),
  /** File format 3 (hash over the chunks' digests); absent in format 2 (hash of the bytes). */
  format: z.literal(3).optional()
});
export type FileRecord = z.infer<typeof fileRecordSchema>;

/** The files an entry body lists, those that are well-formed. */
export function filesOf(body: unknown): FileRecord[] {
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f) => {
    const parsed = fileRecordSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Limits a deployment sets (CANDOUR_FILE_LIMIT_MB, CANDOUR_CASE_FILES_LIMIT_MB), in bytes. */
export interface FileLimits {
  fileBytes: number;
  caseBytes: number;
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1000 * 1000) return `${(n / 1000).toFixed(0)} kB`;
  if (n < 1000 * 1000 * 1000) return `${(n / 1000 / 1000).toFixed(1)} MB`;
  return `${(n / 1000 / 1000 / 1000).toFixed(2)} GB`;
}
