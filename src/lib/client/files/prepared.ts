/**
 * Files a person has chosen, cleaned where the browser can (src/lib/files/strip.ts) and checked
 * against the deployment's limits before anything is uploaded.
 */
import { prepareFile, type Removed, type Warning } from '$lib/files/strip';
import { t, type MessageKey } from '$lib/i18n';
import { MAX_FILES_PER_ENTRY } from '$lib/schemas/cases';
import { formatBytes, type FileLimits } from './record';

export interface PreparedFile {
  /** Local only, for lists. */
  key: string;
  name: string;
  type: string;
  blob: Blob;
  removed: Removed[];
  warning: Warning | null;
}

/** The plain sentence for what was removed, or that nothing was found. */
export function removedSentence(file: PreparedFile): string {
  if (file.removed.length === 0) return t('files.removedNothing', { name: file.name });
  const order: Removed[] = [
    'location',
    'serial',
    'camera',
    'time',
    'exif',
    'xmp',
    'iptc',
    'comment',
    'text'
  ];
  const what = order
    .filter((r) => file.removed.includes(r))
    .map((r) => t(`files.what.${r}` as MessageKey))
    .join('; ');
  return t('files.removed', { name: file.name, what });
}

export function warningSentence(file: PreparedFile): string | null {
  return file.warning ? t(`files.warn.${file.warning}`, { name: file.name }) : null;
}

/**
 * Adds `chosen` to `current` after checking each against the limits (per file, and all of
 * them with `used`, what the case already holds as far as this browser knows). Refused files
 * come back as plain messages; the server checks the same limits again.
 */
export async function addFiles(
  current: PreparedFile[],
  chosen: File[],
  limits: FileLimits,
  used = 0
): Promise<{ files: PreparedFile[]; problems: string[] }> {
  const files = [...current];
  const problems: string[] = [];
  let total = used + current.reduce((n, f) => n + f.blob.size, 0);
  for (const file of chosen) {
    if (files.length >= MAX_FILES_PER_ENTRY) {
      problems.push(t('files.tooMany', { max: MAX_FILES_PER_ENTRY }));
      break;
    }
    if (file.size > limits.fileBytes) {
      problems.push(
        t('files.tooLarge', {
          name: file.name,
          size: formatBytes(file.size),
          limit: formatBytes(limits.fileBytes)
        })
      );
      continue;
    }
    if (total + file.size > limits.caseBytes) {
      problems.push(
        t('files.caseFull', {
          name: file.name,
          size: formatBytes(total + file.size),
          limit: formatBytes(limits.caseBytes)
        })
      );
      continue;
    }
    const prepared = await prepareFile(file, file.name, file.type);
    total += prepared.blob.size;
    files.push({
      key: globalThis.crypto.randomUUID(),
      name: file.name,
      type: file.type,
      ...prepared
    });
  }
  return { files, problems };
}

export function timeLeft(seconds: number | null): string {
  if (seconds === null) return '';
  const time =
    seconds < 90
      ? t('files.seconds', { n: Math.max(1, seconds) })
      : t('files.minutes', { n: Math.ceil(seconds / 60) });
  return t('files.timeLeft', { time });
}
