import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngWithText, tinyJpeg, withExif } from '../../../tests/support/images';
import { exifFindings, kindOf, prepareFile, stripJpeg, stripPng } from './strip';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('JPEG', () => {
  it('removes EXIF (GPS, camera, serial, time), XMP and comments and keeps the image', () => {
    const plain = tinyJpeg();
    const tagged = withExif(plain, 'GPS-CANARY-51N');
    expect(text(tagged)).toContain('GPS-CANARY-51N');
    const result = stripJpeg(tagged)!;
    expect(Buffer.from(result.bytes).equals(Buffer.from(plain))).toBe(true);
    for (const gone of [
      'GPS-CANARY-51N',
      'SN-0042',
      'CandourCam',
      '2026:11:27',
      'Mill Lane',
      'xmpmeta'
    ]) {
      expect(text(result.bytes)).not.toContain(gone);
    }
    expect(result.removed.sort()).toEqual(
      ['camera', 'comment', 'exif', 'location', 'serial', 'time', 'xmp'].sort()
    );
  });

  it('leaves a clean JPEG as it was and says nothing was removed', () => {
    const result = stripJpeg(tinyJpeg())!;
    expect(result.removed).toEqual([]);
    expect(result.bytes).toEqual(tinyJpeg());
  });

  it('refuses what it cannot follow rather than guess', () => {
    expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00]))).toBeNull();
    expect(stripJpeg(new Uint8Array([1, 2, 3]))).toBeNull();
    const cut = withExif(tinyJpeg()).subarray(0, 30);
    expect(stripJpeg(cut)).toBeNull();
  });

  it('reads little-endian EXIF too, and does not loop on a self-referencing IFD', () => {
    const tiff = new Uint8Array([
      0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x69, 0x87, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0
    ]);
    expect(exifFindings(tiff)).toEqual(['exif']);
  });
});

describe('PNG', () => {
  it('removes text and time chunks; the image data is unchanged', () => {
    const png = pngWithText('PNG-CANARY-AUTHOR');
    const result = stripPng(png)!;
    const out = text(result.bytes);
    expect(out).not.toContain('PNG-CANARY-AUTHOR');
    expect(out).not.toContain('Mill Lane');
    expect(out).not.toContain('tIME');
    expect(out).toContain('IHDR');
    expect(out).toContain('IEND');
    const idat = result.bytes.subarray(out.indexOf('IDAT') + 4, out.indexOf('IEND') - 8);
    expect(inflateSync(idat).length).toBe(14);
    expect(result.removed.sort()).toEqual(['text', 'time']);
  });
});

describe('what cannot be cleaned', () => {
  it('warns for documents, video, audio and other images', () => {
    expect(kindOf('minutes.pdf', 'application/pdf')).toBe('document');
    expect(kindOf('rota.docx', '')).toBe('document');
    expect(
      kindOf('x', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    ).toBe('document');
    expect(kindOf('voice.m4a', 'audio/mp4')).toBe('media');
    expect(kindOf('clip.mov', 'video/quicktime')).toBe('media');
    expect(kindOf('photo.heic', 'image/heic')).toBe('image');
    expect(kindOf('notes.txt', 'text/plain')).toBeNull();
  });

  it('prepares a PDF unchanged, with the document warning', async () => {
    const blob = new Blob(['%PDF-1.4 /Author (Someone)']);
    const prepared = await prepareFile(blob, 'a.pdf', 'application/pdf');
    expect(prepared.warning).toBe('document');
    expect(prepared.blob).toBe(blob);
  });

  it('prepares a JPEG cleaned', async () => {
    const prepared = await prepareFile(
      new Blob([withExif(tinyJpeg()) as Uint8Array<ArrayBuffer>]),
      'a.jpg',
      'image/jpeg'
    );
    expect(prepared.removed).toContain('location');
    expect(text(new Uint8Array(await prepared.blob.arrayBuffer()))).not.toContain('GPS-CANARY');
  });
});
