import { CryptoFormatError } from './errors';
import { lib } from './sodium';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CryptoFormatError('Not valid UTF-8');
  }
}

const BASE64_URL = /^[A-Za-z0-9_-]*$/;

/** URL-safe base64 without padding. */
export function toBase64(bytes: Uint8Array): string {
  const s = lib();
  return s.to_base64(bytes, s.base64_variants.URLSAFE_NO_PADDING);
}

/** Strict inverse of toBase64: rejects padding, other alphabets and non-canonical endings. */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64_URL.test(text) || text.length % 4 === 1) {
    throw new CryptoFormatError('Not URL-safe unpadded base64');
  }
  const s = lib();
  let bytes: Uint8Array;
  try {
    bytes = s.from_base64(text, s.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    throw new CryptoFormatError('Not URL-safe unpadded base64');
  }
  if (toBase64(bytes) !== text) throw new CryptoFormatError('Non-canonical base64');
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Lowercase hex only; used for test vectors and debugging, never for stored data. */
export function fromHex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new CryptoFormatError('Not lowercase hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return lib().memcmp(a, b);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new CryptoFormatError('Integer out of range');
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

export function readU32be(bytes: Uint8Array, offset: number): number {
  if (offset + 4 > bytes.length) throw new CryptoFormatError('Truncated integer');
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/**
 * Unambiguous encoding of a tuple: each field is a 4-byte big-endian length and its bytes.
 * Used for associated data and signed messages, so no two tuples encode alike.
 */
export function canonical(...fields: (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    const bytes = typeof f === 'string' ? utf8(f) : f;
    parts.push(u32be(bytes.length), bytes);
  }
  return concatBytes(...parts);
}

/** Reads fixed-size fields off the front of a serialised object, or throws. */
export class ByteReader {
  private offset = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string
  ) {}

  take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) {
      throw new CryptoFormatError(`${this.what}: too short`);
    }
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  byte(): number {
    return this.take(1)[0] as number;
  }

  u32(): number {
    return readU32be(this.take(4), 0);
  }

  rest(): Uint8Array {
    const out = this.bytes.subarray(this.offset);
    this.offset = this.bytes.length;
    return out;
  }

  end(): void {
    if (this.offset !== this.bytes.length) {
      throw new CryptoFormatError(`${this.what}: unexpected trailing bytes`);
    }
  }
}

export function expectVersion(actual: number, expected: number, what: string): void {
  if (actual !== expected) {
    throw new CryptoFormatError(`${what}: unsupported version ${actual}`);
  }
}

export function expectLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoFormatError(`${what}: expected ${length} bytes`);
  }
}
