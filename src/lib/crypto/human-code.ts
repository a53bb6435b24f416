// Human-readable codes: Crockford base32 (no I, L, O, U) in groups of five, with a
// Luhn mod 32 check symbol that catches every single-symbol slip and most swaps.
import { CryptoFormatError, type HumanCodeTypoError, type TypoReason } from './errors';
import { HUMAN_CODE_BYTES } from './params';

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 5;
const DATA_SYMBOLS = (HUMAN_CODE_BYTES * 8) / 5;

const CONFUSABLE: Record<string, string> = { O: '0', I: '1', L: '1' };

/** A different prefix per code kind, so a recovery code never passes as a case key. */
export const CODE_PREFIX = { caseKey: 'C', recoveryCode: 'R' } as const;
export type CodeKind = keyof typeof CODE_PREFIX;

function symbolValue(ch: string): number {
  return ALPHABET.indexOf(ch);
}

function luhnCheck(values: number[]): number {
  const n = ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    let addend = factor * (values[i] as number);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return (n - (sum % n)) % n;
}

function bytesToSymbols(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function symbolsToBytes(values: number[]): Uint8Array {
  const out = new Uint8Array((values.length * 5) / 8);
  let buffer = 0;
  let bits = 0;
  let i = 0;
  for (const v of values) {
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (buffer >> bits) & 0xff;
      buffer &= (1 << bits) - 1;
    }
  }
  return out;
}

function checkValue(kind: CodeKind, data: number[]): number {
  return luhnCheck([symbolValue(CODE_PREFIX[kind]), ...data]);
}

/** Formats 15 bytes as `XXXXX-XXXXX-XXXXX-XXXXX-XXXXC` (C is the check symbol). */
export function formatHumanCode(kind: CodeKind, bytes: Uint8Array): string {
  if (bytes.length !== HUMAN_CODE_BYTES) {
    throw new CryptoFormatError(`Human code: expected ${HUMAN_CODE_BYTES} bytes`);
  }
  const data = bytesToSymbols(bytes);
  const symbols = [...data, checkValue(kind, data)].map((v) => ALPHABET[v]).join('');
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return groups.join('-');
}

/** Tolerant of case, spaces, dashes, dots and confusables; strict about everything else. */
export function parseHumanCode(
  kind: CodeKind,
  input: string,
  makeError: (message: string, reason: TypoReason) => HumanCodeTypoError
): Uint8Array {
  if (typeof input !== 'string' || input.length > 200) {
    throw makeError('Code is too long', 'length');
  }
  const stripped = input.normalize('NFKC').replace(/[\s\-_.\u2010-\u2015]/g, '');
  // ASCII letters and digits only, checked before upper-casing (`ß` would become `SS`).
  const foreign = /[^0-9A-Za-z]/.exec(stripped);
  if (foreign) throw makeError(`Code contains "${foreign[0]}"`, 'character');
  const cleaned = stripped.toUpperCase();
  const values: number[] = [];
  for (const raw of cleaned) {
    const ch = CONFUSABLE[raw] ?? raw;
    const v = symbolValue(ch);
    if (v < 0) throw makeError(`Code contains "${raw}"`, 'character');
    values.push(v);
  }
  if (values.length !== DATA_SYMBOLS + 1) {
    throw makeError(`Code should have ${DATA_SYMBOLS + 1} symbols, not ${values.length}`, 'length');
  }
  const data = values.slice(0, DATA_SYMBOLS);
  if (values[DATA_SYMBOLS] !== checkValue(kind, data)) {
    throw makeError('Code check symbol does not match: a symbol is probably mistyped', 'check');
  }
  return symbolsToBytes(data);
}
