/**
 * Evidence files (file format 2, docs/PROTOCOL.md §3 "evidence file"). Each file has its own
 * random secretstream key; the key, the stream header, the name, type, exact size and hash travel
 * only inside the signed entry the file belongs to, so a file is readable exactly by those who can
 * read that entry (an internal note's files never reach the reporter). The server stores the
 * chunks: secretstream messages of FILE_CHUNK_BYTES plaintext each, the file padded with zeros to
 * a size bucket so that only the bucket shows. Memory stays one chunk, whatever the file size.
 */
import { canonical, constantTimeEqual, u32be } from './encoding';
import { CryptoFormatError, DecryptionError, TruncatedStreamError } from './errors';
import { DOMAIN, FILE_BUCKET_BYTES, FILE_CHUNK_BYTES, KEY_BYTES, VERSION } from './params';
import { lib, type Sodium } from './sodium';

const STREAM_HEADER_BYTES = 24;
/** secretstream overhead per message: 1 tag byte + 16 bytes of MAC. */
export const FILE_CHUNK_OVERHEAD = 17;
export const FILE_HASH_BYTES = 32;

type PushState = ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_push']>['state'];
type PullState = ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>;
type HashState = ReturnType<Sodium['crypto_generichash_init']>;

/**
 * The padded size of a file of `size` bytes: at least one bucket (64 KiB); above that, rounded
 * up to an eighth of the power of two at or below the size (at most 12.5% more), never finer
 * than a bucket. What the server sees instead of the size.
 */
export function paddedFileSize(size: number): number {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new CryptoFormatError('File size out of range');
  if (size <= FILE_BUCKET_BYTES) return FILE_BUCKET_BYTES;
  const power = 2 ** Math.floor(Math.log2(size));
  const step = Math.max(FILE_BUCKET_BYTES, power / 8);
  return Math.ceil(size / step) * step;
}

/** Whether a padded size is one `paddedFileSize` can produce (the server checks this). */
export function isPaddedFileSize(padded: number): boolean {
  return Number.isSafeInteger(padded) && padded > 0 && paddedFileSize(padded) === padded;
}

export function fileChunkCount(paddedSize: number): number {
  return Math.ceil(paddedSize / FILE_CHUNK_BYTES);
}

/** Plaintext bytes (file and padding) in chunk `index` of a file of `paddedSize`. */
export function filePlainChunkBytes(paddedSize: number, index: number): number {
  return Math.min(FILE_CHUNK_BYTES, paddedSize - index * FILE_CHUNK_BYTES);
}

/** Exact stored length of chunk `index`: what the server accepts and nothing else. */
export function fileStoredChunkBytes(paddedSize: number, index: number): number {
  return filePlainChunkBytes(paddedSize, index) + FILE_CHUNK_OVERHEAD;
}

export interface FileStreamContext {
  caseId: string;
  fileId: string;
  paddedSize: number;
}

function fileAd(c: FileStreamContext): Uint8Array {
  return canonical(
    DOMAIN.fileV2,
    new Uint8Array([VERSION.file]),
    c.caseId,
    c.fileId,
    u32be(FILE_CHUNK_BYTES),
    u32be(c.paddedSize)
  );
}

function checkContext(c: FileStreamContext): void {
  if (!isPaddedFileSize(c.paddedSize) || c.paddedSize > 0xffffffff) {
    throw new CryptoFormatError('File: padded size out of range');
  }
}

/** What the signed entry carries about the file (besides its name and type). */
export interface FileSecrets {
  key: Uint8Array;
  header: Uint8Array;
  size: number;
  hash: Uint8Array;
}

/**
 * Encrypts a file chunk by chunk, in order. `push(index, bytes)` takes the file's bytes for chunk
 * `index` (FILE_CHUNK_BYTES, fewer or none at the end) and pads them; after the last chunk,
 * `finish()` gives the hash (BLAKE2b-256 of the file's bytes, padding excluded).
 */
export class FileEncryptor {
  readonly key: Uint8Array;
  readonly header: Uint8Array;
  readonly paddedSize: number;
  readonly chunkCount: number;
  private readonly state: PushState;
  private readonly hash: HashState;
  private readonly ad: Uint8Array;
  private readonly pad: Uint8Array;
  private next = 0;
  private seen = 0;

  constructor(
    context: { caseId: string; fileId: string },
    readonly size: number
  ) {
    const s = lib();
    this.paddedSize = paddedFileSize(size);
    this.chunkCount = fileChunkCount(this.paddedSize);
    const full = { ...context, paddedSize: this.paddedSize };
    checkContext(full);
    this.ad = fileAd(full);
    this.key = s.crypto_secretstream_xchacha20poly1305_keygen();
    const init = s.crypto_secretstream_xchacha20poly1305_init_push(this.key);
    this.state = init.state;
    this.header = init.header;
    this.hash = s.crypto_generichash_init(null, FILE_HASH_BYTES);
    this.pad = new Uint8Array(Math.min(FILE_CHUNK_BYTES, this.paddedSize));
  }

  /** The ciphertext of chunk `index` (which must be the next one). */
  push(index: number, bytes: Uint8Array): Uint8Array {
    const s = lib();
    if (index !== this.next) throw new CryptoFormatError('File: chunks must be encrypted in order');
    const plain = filePlainChunkBytes(this.paddedSize, index);
    if (bytes.length > plain || this.seen + bytes.length > this.size) {
      throw new CryptoFormatError('File: more bytes than its size');
    }
    if (bytes.length > 0) s.crypto_generichash_update(this.hash, bytes);
    this.seen += bytes.length;
    let input = bytes;
    if (bytes.length < plain) {
      input = this.pad.subarray(0, plain);
      input.fill(0);
      input.set(bytes);
    }
    const last = index === this.chunkCount - 1;
    if (last && this.seen !== this.size)
      throw new CryptoFormatError('File: fewer bytes than its size');
    const tag = last
      ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    this.next += 1;
    return s.crypto_secretstream_xchacha20poly1305_push(this.state, input, this.ad, tag);
  }

  finish(): FileSecrets {
    if (this.next !== this.chunkCount)
      throw new CryptoFormatError('File: not every chunk was encrypted');
    const hash = lib().crypto_generichash_final(this.hash, FILE_HASH_BYTES);
    return { key: this.key, header: this.header, size: this.size, hash };
  }
}

/** Thrown by FileDecryptor: the message says what is wrong, for the reader. */
export class FileIntegrityError extends DecryptionError {}

/**
 * Decrypts a file's chunks in order and hands back only the file's bytes. Any chunk that is
 * missing, out of order, altered, cut short or extra fails; `finish()` fails unless the final
 * chunk came and the hash matches what the signed entry says. A caller offers the file to save
 * only after `finish()` returned.
 */
export class FileDecryptor {
  readonly paddedSize: number;
  readonly chunkCount: number;
  private readonly state: PullState;
  private readonly hash: HashState;
  private readonly ad: Uint8Array;
  private next = 0;
  private written = 0;
  private ended = false;

  constructor(
    context: { caseId: string; fileId: string },
    private readonly secrets: FileSecrets
  ) {
    const s = lib();
    if (secrets.key.length !== KEY_BYTES || secrets.header.length !== STREAM_HEADER_BYTES) {
      throw new CryptoFormatError('File: key or header has the wrong length');
    }
    if (secrets.hash.length !== FILE_HASH_BYTES) throw new CryptoFormatError('File: bad hash');
    this.paddedSize = paddedFileSize(secrets.size);
    this.chunkCount = fileChunkCount(this.paddedSize);
    const full = { ...context, paddedSize: this.paddedSize };
    checkContext(full);
    this.ad = fileAd(full);
    try {
      this.state = s.crypto_secretstream_xchacha20poly1305_init_pull(secrets.header, secrets.key);
    } catch {
      throw new FileIntegrityError('The file could not be opened: its key does not fit.');
    }
    this.hash = s.crypto_generichash_init(null, FILE_HASH_BYTES);
  }

  /** The file's bytes in chunk `index` (padding removed). */
  pull(index: number, chunk: Uint8Array): Uint8Array {
    const s = lib();
    if (this.ended) throw new FileIntegrityError('The file has data after its end.');
    if (index !== this.next)
      throw new FileIntegrityError(`Part ${this.next + 1} of the file is missing.`);
    if (chunk.length !== fileStoredChunkBytes(this.paddedSize, index)) {
      throw new FileIntegrityError(`Part ${index + 1} of the file has the wrong length.`);
    }
    let result: { message: Uint8Array; tag: number } | false;
    try {
      result = s.crypto_secretstream_xchacha20poly1305_pull(this.state, chunk, this.ad);
    } catch {
      result = false;
    }
    if (!result) {
      throw new FileIntegrityError(
        `Part ${index + 1} of the file was changed, swapped or damaged: it cannot be decrypted.`
      );
    }
    const last = index === this.chunkCount - 1;
    const final = result.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (final !== last) {
      throw last
        ? new TruncatedStreamError('The file was cut short: its final part is missing.')
        : new FileIntegrityError('The file ends too early: later parts are missing.');
    }
    this.next += 1;
    this.ended = last;
    const keep = Math.max(0, Math.min(result.message.length, this.secrets.size - this.written));
    const bytes = result.message.subarray(0, keep);
    for (let i = keep; i < result.message.length; i++) {
      if (result.message[i] !== 0) throw new FileIntegrityError('The file’s padding was changed.');
    }
    if (bytes.length > 0) s.crypto_generichash_update(this.hash, bytes);
    this.written += bytes.length;
    return bytes;
  }

  /** Checks that the whole file arrived and matches the hash in its signed entry. */
  finish(): void {
    if (!this.ended)
      throw new TruncatedStreamError('The file was cut short: its final part is missing.');
    const hash = lib().crypto_generichash_final(this.hash, FILE_HASH_BYTES);
    if (!constantTimeEqual(hash, this.secrets.hash)) {
      throw new FileIntegrityError('The file does not match the fingerprint its sender signed.');
    }
  }
}
