import { describe, expect, it } from 'vitest';
import { TruncatedStreamError } from './errors';
import {
  FileDecryptor,
  FileDigests,
  FileEncryptor,
  FileIntegrityError,
  fileChunkCount,
  fileStoredChunkBytes,
  isPaddedFileSize,
  paddedFileSize
} from './file-stream';
import { FILE_BUCKET_BYTES, FILE_CHUNK_BYTES, VERSION } from './params';
import { blake2b256 } from './primitives';
import { canonical, u32be } from './encoding';
import { ready } from './sodium';

await ready();

const context = { caseId: 'case-1', fileId: 'file-1' };
const MiB = 1024 * 1024;

function pattern(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * seed + (i >> 11)) & 0xff;
  return out;
}

function encrypt(bytes: Uint8Array, ctx = context) {
  const e = new FileEncryptor(ctx, bytes.length);
  const digests = new FileDigests(e.chunkCount);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < e.chunkCount; i++) {
    const start = Math.min(bytes.length, i * FILE_CHUNK_BYTES);
    const chunk = e.push(
      i,
      bytes.subarray(start, Math.min(bytes.length, start + FILE_CHUNK_BYTES))
    );
    digests.add(i, chunk);
    chunks.push(chunk);
  }
  const secrets = { ...e.finish(), hash: digests.finish(), format: VERSION.file };
  return { secrets, chunks, paddedSize: e.paddedSize };
}

function decrypt(
  secrets: ReturnType<typeof encrypt>['secrets'],
  chunks: Uint8Array[],
  ctx = context
) {
  const d = new FileDecryptor(ctx, secrets);
  const parts = chunks.map((c, i) => d.pull(i, c).slice());
  d.finish();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('padded sizes', () => {
  it('shows a bucket, never the size: at least 64 KiB, at most 12.5% more', () => {
    expect(paddedFileSize(0)).toBe(FILE_BUCKET_BYTES);
    expect(paddedFileSize(1)).toBe(FILE_BUCKET_BYTES);
    expect(paddedFileSize(FILE_BUCKET_BYTES + 1)).toBe(2 * FILE_BUCKET_BYTES);
    for (const size of [3 * MiB + 5, 50 * 1000 * 1000, 100 * 1000 * 1000, 12345]) {
      const padded = paddedFileSize(size);
      expect(padded).toBeGreaterThanOrEqual(size);
      expect(padded % FILE_BUCKET_BYTES).toBe(0);
      if (size > FILE_BUCKET_BYTES) expect(padded / size).toBeLessThanOrEqual(1.125);
      expect(isPaddedFileSize(padded)).toBe(true);
    }
    // Nearby sizes share a bucket.
    expect(paddedFileSize(50_000_000)).toBe(paddedFileSize(50_100_000));
    expect(isPaddedFileSize(50_000_000)).toBe(false);
  });

  it('frames chunks of 1 MiB + 17 bytes, the last one shorter', () => {
    const padded = paddedFileSize(3 * MiB + 5);
    expect(fileChunkCount(padded)).toBe(Math.ceil(padded / MiB));
    expect(fileStoredChunkBytes(padded, 0)).toBe(MiB + 17);
    expect(fileStoredChunkBytes(padded, fileChunkCount(padded) - 1)).toBe(
      padded - (fileChunkCount(padded) - 1) * MiB + 17
    );
  });
});

describe('evidence file stream', () => {
  it('round-trips files of every shape: empty, small, exactly a chunk, several chunks', () => {
    for (const size of [0, 1, 1000, FILE_CHUNK_BYTES, 2 * FILE_CHUNK_BYTES + 3]) {
      const bytes = pattern(size);
      const { secrets, chunks, paddedSize } = encrypt(bytes);
      expect(chunks.map((c) => c.length)).toEqual(
        chunks.map((_, i) => fileStoredChunkBytes(paddedSize, i))
      );
      // Compared as one string: a deep equal over megabytes is slow.
      expect(Buffer.from(decrypt(secrets, chunks)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('uses a fresh key per file and binds the case and file id', () => {
    const bytes = pattern(5000);
    const a = encrypt(bytes);
    const b = encrypt(bytes);
    expect(a.secrets.key).not.toEqual(b.secrets.key);
    expect(() => decrypt(a.secrets, a.chunks, { ...context, fileId: 'file-2' })).toThrow(
      FileIntegrityError
    );
  });

  it('stops at a missing, reordered, truncated, altered or extra chunk', () => {
    const bytes = pattern(3 * FILE_CHUNK_BYTES + 10);
    const { secrets, chunks } = encrypt(bytes);
    const missing = [chunks[0]!, chunks[2]!, chunks[3]!];
    expect(() => decrypt(secrets, missing)).toThrow(FileIntegrityError);
    const reordered = [chunks[1]!, chunks[0]!, chunks[2]!, chunks[3]!];
    expect(() => decrypt(secrets, reordered)).toThrow(/changed, swapped or damaged/);
    expect(() => decrypt(secrets, chunks.slice(0, 3))).toThrow(TruncatedStreamError);
    const altered = chunks.map((c) => c.slice());
    altered[1]![100] = altered[1]![100]! ^ 1;
    expect(() => decrypt(secrets, altered)).toThrow(/Part 2 of the file was changed/);
    const d = new FileDecryptor(context, secrets);
    chunks.forEach((c, i) => d.pull(i, c));
    expect(() => d.pull(4, chunks[0]!)).toThrow(/after its end/);
  });

  it('refuses a file whose bytes are not the ones its signed hash names', () => {
    const bytes = pattern(2000);
    const { secrets, chunks } = encrypt(bytes);
    const wrong = { ...secrets, hash: new Uint8Array(32) };
    expect(() => decrypt(wrong, chunks)).toThrow(/fingerprint/);
  });

  it('signs a hash over the chunks’ digests, the digests a chunk request is signed over', () => {
    const { secrets, chunks } = encrypt(pattern(2 * FILE_CHUNK_BYTES + 9));
    const digests = chunks.map((c) => blake2b256(c));
    const expected = blake2b256(
      canonical('candour/file-digests/v3', u32be(chunks.length), Buffer.concat(digests))
    );
    expect(Buffer.from(secrets.hash).equals(Buffer.from(expected))).toBe(true);
    const d = new FileDigests(2);
    expect(() => d.add(1, chunks[1]!)).toThrow(/in order/);
    expect(() => d.finish()).toThrow(/not every chunk/);
  });

  it('refuses more or fewer bytes than the size it was opened for', () => {
    const e = new FileEncryptor(context, 10);
    expect(() => e.push(0, new Uint8Array(11))).toThrow();
    const f = new FileEncryptor(context, 10);
    expect(() => f.push(0, new Uint8Array(9))).toThrow(/fewer bytes/);
  });
});
