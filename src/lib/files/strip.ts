/**
 * Removing what identifies a reporter from a file before it is encrypted, where a browser can do
 * it safely without decoding the image: JPEG metadata segments (EXIF with GPS, camera serial and
 * times; XMP; IPTC; comments) and PNG text and time chunks. The pixels are copied unchanged.
 * Other formats cannot be cleaned here: `warningFor` says what they may hold, and the reporter
 * decides. Pure TypeScript, no crypto, no DOM beyond Blob.
 */

/** What was taken out, in words the page turns into a sentence. */
export type Removed =
  'location' | 'camera' | 'serial' | 'time' | 'exif' | 'xmp' | 'iptc' | 'comment' | 'text';

/** Files whose hidden details this browser cannot remove. */
export type Warning = 'document' | 'media' | 'image';

export interface Stripped {
  bytes: Uint8Array;
  removed: Removed[];
}

/** JPEG or PNG files above this are sent as they are (with the image warning): memory bound. */
export const MAX_STRIP_BYTES = 64 * 1024 * 1024;

function u16(b: Uint8Array, at: number, little = false): number {
  return little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number, little = false): number {
  return little
    ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0
    : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function startsWith(b: Uint8Array, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (b[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

const GPS_IFD = 0x8825;
const EXIF_IFD = 0x8769;
const CAMERA_TAGS = new Set([0x010f, 0x0110, 0xa433, 0xa434]); // make, model, lens make, lens model
const SERIAL_TAGS = new Set([0xa431, 0xa435, 0xc62f]); // body serial, lens serial, camera serial
const TIME_TAGS = new Set([0x0132, 0x9003, 0x9004, 0x9010, 0x9011, 0x9012]);

/** Which identifying things an EXIF block (TIFF structure after "Exif\0\0") holds. */
export function exifFindings(tiff: Uint8Array): Removed[] {
  const found = new Set<Removed>(['exif']);
  if (tiff.length < 8) return [...found];
  const little = startsWith(tiff, 0, 'II');
  if (!little && !startsWith(tiff, 0, 'MM')) return [...found];
  const seen = new Set<number>();
  const walk = (offset: number, depth: number) => {
    if (depth > 4 || seen.has(offset) || offset + 2 > tiff.length) return;
    seen.add(offset);
    const count = u16(tiff, offset, little);
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      if (at + 12 > tiff.length) return;
      const tag = u16(tiff, at, little);
      if (tag === GPS_IFD) found.add('location');
      else if (tag === EXIF_IFD) walk(u32(tiff, at + 8, little), depth + 1);
      else if (CAMERA_TAGS.has(tag)) found.add('camera');
      else if (SERIAL_TAGS.has(tag)) found.add('serial');
      else if (TIME_TAGS.has(tag)) found.add('time');
    }
  };
  walk(u32(tiff, 4, little), 0);
  return [...found];
}

/**
 * A JPEG without its metadata segments: everything from APP1 to APP15 (EXIF, XMP, IPTC…)
 * and comments goes, except an ICC colour profile (APP2) and Adobe's colour marker (APP14),
 * which say how to show the colours and nothing about who took the photo. JFIF (APP0) stays.
 * Returns null when the bytes are not a JPEG it can follow.
 */
export function stripJpeg(bytes: Uint8Array): Stripped | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const keep: [number, number][] = [[0, 2]];
  const removed = new Set<Removed>();
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length || bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or an image that ends): the rest is image data, copied as it is.
      keep.push([at, bytes.length]);
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      keep.push([at, at + 2]);
      at += 2;
      continue;
    }
    const length = u16(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const end = at + 2 + length;
    const body = at + 4;
    let drop = false;
    if (marker === 0xfe) {
      drop = true;
      removed.add('comment');
    } else if (marker === 0xe1) {
      drop = true;
      if (startsWith(bytes, body, 'Exif\0\0')) {
        for (const f of exifFindings(bytes.subarray(body + 6, end))) removed.add(f);
      } else if (startsWith(bytes, body, 'http://ns.adobe.com/xap/')) removed.add('xmp');
      else removed.add('exif');
    } else if (marker === 0xed) {
      drop = true;
      removed.add('iptc');
    } else if (marker >= 0xe3 && marker <= 0xef && marker !== 0xee) {
      drop = true;
      removed.add('exif');
    } else if (marker === 0xe2 && !startsWith(bytes, body, 'ICC_PROFILE\0')) {
      drop = true;
      removed.add('exif');
    }
    if (!drop) keep.push([at, end]);
    at = end;
  }
  return { bytes: join(bytes, keep), removed: [...removed] };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_DROP: Record<string, Removed> = {
  tEXt: 'text',
  zTXt: 'text',
  iTXt: 'text',
  tIME: 'time',
  eXIf: 'exif'
};

/** A PNG without its text, time and EXIF chunks. Null when the bytes are not a PNG. */
export function stripPng(bytes: Uint8Array): Stripped | null {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const keep: [number, number][] = [[0, 8]];
  const removed = new Set<Removed>();
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return null;
    const length = u32(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const dropped = PNG_DROP[type];
    if (dropped) {
      removed.add(dropped);
      if (type === 'eXIf') {
        for (const f of exifFindings(bytes.subarray(at + 8, at + 8 + length))) removed.add(f);
      }
    } else keep.push([at, end]);
    at = end;
    if (type === 'IEND') break;
  }
  return { bytes: join(bytes, keep), removed: [...removed] };
}

function join(bytes: Uint8Array, ranges: [number, number][]): Uint8Array {
  const out = new Uint8Array(ranges.reduce((n, [a, b]) => n + (b - a), 0));
  let at = 0;
  for (const [a, b] of ranges) {
    out.set(bytes.subarray(a, b), at);
    at += b - a;
  }
  return out;
}

const DOCUMENT =
  /^(application\/(pdf|msword|rtf|vnd\.ms-|vnd\.openxmlformats|vnd\.oasis\.opendocument)|text\/rtf)/;
const DOCUMENT_NAME = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|pages|numbers|key)$/i;

/** What kind of file this is, by type and name: what can be cleaned and what cannot. */
export function kindOf(name: string, type: string): 'jpeg' | 'png' | Warning | null {
  const t = type.toLowerCase();
  if (t === 'image/jpeg' || (!t && /\.jpe?g$/i.test(name))) return 'jpeg';
  if (t === 'image/png' || (!t && /\.png$/i.test(name))) return 'png';
  if (DOCUMENT.test(t) || DOCUMENT_NAME.test(name)) return 'document';
  if (t.startsWith('video/') || t.startsWith('audio/')) return 'media';
  if (/\.(mp4|mov|m4a|mp3|wav|aac|ogg|webm|3gp|avi|mkv)$/i.test(name)) return 'media';
  if (t.startsWith('image/') || /\.(heic|heif|webp|tiff?|gif|avif)$/i.test(name)) return 'image';
  return null;
}

export interface Prepared {
  blob: Blob;
  /** What was removed (empty: nothing was found to remove). */
  removed: Removed[];
  /** Set when the file may hold identifying details this browser cannot remove. */
  warning: Warning | null;
}

/**
 * Prepares a file to be sent: a JPEG or PNG cleaned (read whole, as such images are small),
 * anything else passed through with the warning its kind needs.
 */
export async function prepareFile(file: Blob, name: string, type: string): Promise<Prepared> {
  const kind = kindOf(name, type);
  if ((kind === 'jpeg' || kind === 'png') && file.size <= MAX_STRIP_BYTES) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const stripped = kind === 'jpeg' ? stripJpeg(bytes) : stripPng(bytes);
    if (stripped) {
      return {
        blob: new Blob([stripped.bytes as Uint8Array<ArrayBuffer>], { type }),
        removed: stripped.removed,
        warning: null
      };
    }
    return { blob: file, removed: [], warning: 'image' };
  }
  if (kind === 'jpeg' || kind === 'png') return { blob: file, removed: [], warning: 'image' };
  return { blob: file, removed: [], warning: kind };
}
