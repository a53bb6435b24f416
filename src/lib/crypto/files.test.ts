import { describe, expect, it } from 'vitest';
import { newCaseKeys } from './envelope';
import { CryptoFormatError, DecryptionError, TruncatedStreamError } from './errors';
import { decryptFile, encryptFile, readAllBytes, type ByteSource } from './files';
import { randomBytes } from './primitives';
import { ready } from './sodium';

await ready();

const { contentKey } = newCaseKeys();
const context = { caseId: 'case-1', fileId: 'file-1' };
const meta = { name: 'photo of the rota.jpg', type: 'image/jpeg' };

async function collectChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

async function encrypted(size: number, chunkSize = 1000) {
  const plaintext = randomBytes(size);
  const file = encryptFile(contentKey, new Blob([plaintext as Uint8Array<ArrayBuffer>]), meta, {
    ...context,
    chunkSize
  });
  return { plaintext, header: file.header, chunks: await collectChunks(file.chunks) };
}

function open(header: Uint8Array, source: ByteSource, ctx = context, key = contentKey) {
  return decryptFile(key, header, source, ctx);
}

describe('file streams', () => {
  it('round-trips in fixed chunks with progress', async () => {
    const progress: number[] = [];
    const plaintext = randomBytes(2500);
    const file = encryptFile(
      contentKey,
      fromChunks([plaintext.subarray(0, 7), plaintext.subarray(7)]),
      meta,
      {
        ...context,
        chunkSize: 1000,
        onProgress: (n) => progress.push(n)
      }
    );
    const chunks = await collectChunks(file.chunks);
    expect(chunks.map((c) => c.length)).toEqual([1017, 1017, 517]);
    expect(progress).toEqual([1000, 2000, 2500]);
    const opened = open(file.header, fromChunks(chunks));
    expect(opened.meta).toEqual(meta);
    expect(await readAllBytes(opened.stream)).toEqual(plaintext);
  });

  it('handles empty files and exact multiples of the chunk size', async () => {
    for (const size of [0, 1000, 3000]) {
      const { plaintext, header, chunks } = await encrypted(size);
      expect(chunks).toHaveLength(Math.max(1, size / 1000));
      expect(await readAllBytes(open(header, fromChunks(chunks)).stream)).toEqual(plaintext);
    }
  });

  it('detects a missing final chunk', async () => {
    const { header, chunks } = await encrypted(2500);
    const stream = open(header, fromChunks(chunks.slice(0, 2))).stream;
    await expect(readAllBytes(stream)).rejects.toBeInstanceOf(TruncatedStreamError);
    const empty = open(header, fromChunks([])).stream;
    await expect(readAllBytes(empty)).rejects.toBeInstanceOf(TruncatedStreamError);
  });

  it('detects a chunk cut short', async () => {
    const { header, chunks } = await encrypted(2500);
    const last = chunks[2]!;
    const cut = [chunks[0]!, chunks[1]!, last.subarray(0, last.length - 1)];
    await expect(readAllBytes(open(header, fromChunks(cut)).stream)).rejects.toBeInstanceOf(
      DecryptionError
    );
  });

  it('detects reordered chunks', async () => {
    const { header, chunks } = await encrypted(3500);
    const reordered = [chunks[1]!, chunks[0]!, chunks[2]!, chunks[3]!];
    await expect(readAllBytes(open(header, fromChunks(reordered)).stream)).rejects.toBeInstanceOf(
      DecryptionError
    );
  });

  it('detects data after the final chunk', async () => {
    // A full-size final chunk, so the extra bytes arrive as a separate piece.
    const { header, chunks } = await encrypted(2000);
    const extra = [...chunks, new Uint8Array([1, 2, 3])];
    await expect(readAllBytes(open(header, fromChunks(extra)).stream)).rejects.toBeInstanceOf(
      CryptoFormatError
    );
  });

  it('detects a flipped byte in a chunk', async () => {
    const { header, chunks } = await encrypted(1500);
    const tampered = chunks.map((c) => c.slice());
    tampered[0]![50]! ^= 1;
    await expect(readAllBytes(open(header, fromChunks(tampered)).stream)).rejects.toBeInstanceOf(
      DecryptionError
    );
  });

  it('fails with the wrong key, case or file id, and an altered header', async () => {
    const { header, chunks } = await encrypted(10);
    expect(() => open(header, fromChunks(chunks), context, newCaseKeys().contentKey)).toThrow(
      DecryptionError
    );
    expect(() => open(header, fromChunks(chunks), { ...context, caseId: 'case-2' })).toThrow(
      DecryptionError
    );
    expect(() => open(header, fromChunks(chunks), { ...context, fileId: 'file-2' })).toThrow(
      DecryptionError
    );
    const altered = header.slice();
    altered[0] = 7;
    expect(() => open(altered, fromChunks(chunks))).toThrow(CryptoFormatError);
    const otherChunkSize = header.slice();
    otherChunkSize[4] = 1;
    expect(() => open(otherChunkSize, fromChunks(chunks))).toThrow(DecryptionError);
    expect(() => open(header.subarray(0, header.length - 1), fromChunks(chunks))).toThrow(
      CryptoFormatError
    );
  });

  it('rejects out-of-range chunk sizes', () => {
    expect(() => encryptFile(contentKey, new Blob([]), meta, { ...context, chunkSize: 0 })).toThrow(
      CryptoFormatError
    );
  });
});
