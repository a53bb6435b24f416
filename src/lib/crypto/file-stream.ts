/**
 * Evidence files (file format 3, docs/PROTOCOL.md §3 "evidence file"). Each file has its own
 * random secretstream key; the key, the stream header, the name, type, exact size and hash travel
 * only inside the signed entry the file belongs to, so a file is readable exactly by those who can
 * read that entry (an internal note's files never reach the reporter). The server stores the
 * chunks: secretstream messages of FILE_CHUNK_BYTES plaintext each, the file padded with zeros to
 * a size bucket so that only the bucket shows. Memory stays one chunk, whatever the file size.
 *
 * The signed hash commits to the stored chunks (format 3): a hash over each chunk's BLAKE2b
 * digest, the same digest a reporter's chunk request is signed over, so the uploader hashes each
 * byte once, beside the encryption rather than inside it. With the key and stream header in the
 * same signed entry, the chunks fix the file's bytes. Format 2 files (a hash of the file's bytes)
 * are still read.
 */
import { canonical, constantTimeEqual, u32be } from './encoding';
import { CryptoFormatError, DecryptionError, TruncatedStreamError } from './errors';
import {
  DOMAIN,
  FILE_BUCKET_BYTES,
  FILE_CHUNK_BYTES,
  KEY_BYTES,
  LEGACY_VERSION,
  VERSION
} from './params';
import { blake2b256 } from './primitives';
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

/** The file formats this code reads; it writes only the newest. */
export type FileFormat = typeof VERSION.file | typeof LEGACY_VERSION.file;

export interface FileStreamContext {
  caseId: string;
  fileId: string;
  paddedSize: number;
  format: FileFormat;
}

function fileAd(c: FileStreamContext): Uint8Array {
  return canonical(
    c.format === VERSION.file ? DOMAIN.fileV3 : DOMAIN.fileV2,
    new Uint8Array([c.format]),
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

/** What the encryption of a file leaves for its entry: the key, the stream header, the size. */
export interface FileKeys {
  key: Uint8Array;
  header: Uint8Array;
  size: number;
}

/** What the signed entry carries about the file (besides its name and type). */
export interface FileSecrets extends FileKeys {
  hash: Uint8Array;
  format: FileFormat;
}

/** BLAKE2b-256 of one stored chunk: what its upload request is signed over (requests.ts). */
export const fileChunkDigest = blake2b256;

/**
 * A format-3 file's hash, built from its chunks' digests in order: BLAKE2b-256 of
 * `canonical("candour/file-digests/v3", u32 count, d_0 ‖ … ‖ d_{n-1})`. 32 bytes a chunk held.
 */
export class FileDigests {
  private readonly digests: Uint8Array;
  private next = 0;

  constructor(readonly chunkCount: number) {
    this.digests = new Uint8Array(chunkCount * FILE_HASH_BYTES);
  }

  /** Adds chunk `index` (the next one) and returns its digest. */
  add(index: number, chunk: Uint8Array): Uint8Array {
    if (index !== this.next || index >= this.chunkCount) {
      throw new CryptoFormatError('File: chunk digests must come in order');
    }
    const digest = fileChunkDigest(chunk);
    this.digests.set(digest, index * FILE_HASH_BYTES);
    this.next += 1;
    return digest;
  }

  get complete(): boolean {
    return this.next === this.chunkCount;
  }

  finish(): Uint8Array {
    if (!this.complete) throw new CryptoFormatError('File: not every chunk was hashed');
    return blake2b256(canonical(DOMAIN.fileDigestsV3, u32be(this.chunkCount), this.digests));
  }
}

/**
 * Encrypts a file chunk by chunk, in order (format 3). `push(index, bytes)` takes the file's
 * bytes for chunk `index` (FILE_CHUNK_BYTES, fewer or none at the end) and pads them. The hash
 * for the entry comes from `FileDigests` over the chunks this returns, wherever they are sent.
 */
export class FileEncryptor {
  readonly key: Uint8Array;
  readonly header: Uint8Array;
  readonly paddedSize: number;
  readonly chunkCount: number;
  private readonly state: PushState;
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
    const full = { ...context, paddedSize: this.paddedSize, format: VERSION.file };
    checkContext(full);
    this.ad = fileAd(full);
    this.key = s.crypto_secretstream_xchacha20poly1305_keygen();
    const init = s.crypto_secretstream_xchacha20poly1305_init_push(this.key);
    this.state = init.state;
    this.header = init.header;
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

  finish(): FileKeys {
    if (this.next !== this.chunkCount)
      throw new CryptoFormatError('File: not every chunk was encrypted');
    return { key: this.key, header: this.header, size: this.size };
  }
}

/** Thrown by FileDecryptor: the message says what is wrong, for the reader. */
export class FileIntegrityError extends DecryptionError {}

/**
 * Decrypts a file's chunks in order and hands back only the file's bytes. Any chunk that is
 * missing, out of order, altered, cut short or extra fails; `finish()` fails unless the final
 * chunk came and the hash matches what the signed entry says (format 3: over the chunks'
 * digests; format 2: of the file's bytes). A caller offers the file to save only after
 * `finish()` returned.
 */
export class FileDecryptor {
  readonly paddedSize: number;
  readonly chunkCount: number;
  private readonly state: PullState;
  /** Format 3: the chunks' digests; format 2: a running hash of the file's bytes. */
  private readonly digests: FileDigests | null;
  private readonly plainHash: HashState | null;
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
    if (secrets.format !== VERSION.file && secrets.format !== LEGACY_VERSION.file) {
      throw new CryptoFormatError('File: unknown format');
    }
    this.paddedSize = paddedFileSize(secrets.size);
    this.chunkCount = fileChunkCount(this.paddedSize);
    const full = { ...context, paddedSize: this.paddedSize, format: secrets.format };
    checkContext(full);
    this.ad = fileAd(full);
    try {
      this.state = s.crypto_secretstream_xchacha20poly1305_init_pull(secrets.header, secrets.key);
    } catch {
      throw new FileIntegrityError('The file could not be opened: its key does not fit.');
    }
    const current = secrets.format === VERSION.file;
    this.digests = current ? new FileDigests(this.chunkCount) : null;
    this.plainHash = current ? null : s.crypto_generichash_init(null, FILE_HASH_BYTES);
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
    this.digests?.add(index, chunk);
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
    if (this.plainHash && bytes.length > 0) s.crypto_generichash_update(this.plainHash, bytes);
    this.written += bytes.length;
    return bytes;
  }

  /** Checks that the whole file arrived and matches the hash in its signed entry. */
  finish(): void {
    if (!this.ended)
      throw new TruncatedStreamError('The file was cut short: its final part is missing.');
    const hash = this.digests
      ? this.digests.finish()
      : lib().crypto_generichash_final(this.plainHash!, FILE_HASH_BYTES);
    if (!constantTimeEqual(hash, this.secrets.hash)) {
      throw new FileIntegrityError('The file does not match the fingerprint its sender signed.');
    }
  }
}
