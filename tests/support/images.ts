/**
 * Test images made here, byte by byte (nothing downloaded): an EXIF block with GPS, camera,
 * serial and time; a JPEG carrying it; a real 2×2 PNG with tEXt and tIME chunks.
 */
import { crc32, deflateSync } from 'node:zlib';

const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

/** Big-endian TIFF: IFD0 (make, model, date, GPS pointer, Exif pointer) + GPS IFD + Exif IFD. */
export function exifTiff(marker = 'GPS-CANARY'): Uint8Array {
  const out: number[] = [];
  const u16 = (n: number) => out.push((n >> 8) & 0xff, n & 0xff);
  const u32 = (n: number) =>
    out.push((n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  // Layout: header (8) | IFD0 at 8: 5 entries (2 + 60 + 4 = 66) → 74 | GPS IFD at 74: 2 entries
  // (2 + 24 + 4 = 30) → 104 | Exif IFD at 104: 2 entries (30) → 134 | data area at 134.
  const make = ascii('CandourCam\0');
  const model = ascii('Model 7\0');
  const date = ascii('2026:11:27 10:11:12\0');
  const serial = ascii('SN-0042-CANARY\0');
  const lat = ascii(`${marker}\0`);
  let data = 134;
  const place = (bytes: number[]) => {
    const at = data;
    data += bytes.length;
    return at;
  };
  const makeAt = place(make);
  const modelAt = place(model);
  const dateAt = place(date);
  const serialAt = place(serial);
  const latAt = place(lat);
  out.push(...ascii('MM'));
  u16(42);
  u32(8);
  const entry = (tag: number, type: number, count: number, value: number) => {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  u16(5);
  entry(0x010f, 2, make.length, makeAt);
  entry(0x0110, 2, model.length, modelAt);
  entry(0x0132, 2, date.length, dateAt);
  entry(0x8769, 4, 1, 104);
  entry(0x8825, 4, 1, 74);
  u32(0);
  u16(2);
  entry(0x0001, 2, 2, 0x4e000000); // GPSLatitudeRef "N"
  entry(0x001b, 7, lat.length, latAt); // GPSProcessingMethod (undefined bytes): the canary
  u32(0);
  u16(2);
  entry(0x9003, 2, date.length, dateAt);
  entry(0xa431, 2, serial.length, serialAt);
  u32(0);
  out.push(...make, ...model, ...date, ...serial, ...lat);
  return new Uint8Array(out);
}

function segment(marker: number, body: number[] | Uint8Array): number[] {
  const length = body.length + 2;
  return [0xff, marker, (length >> 8) & 0xff, length & 0xff, ...body];
}

/** `jpeg` (a real JPEG, e.g. from a canvas) with EXIF, XMP and a comment put after its SOI. */
export function withExif(jpeg: Uint8Array, marker = 'GPS-CANARY'): Uint8Array {
  const exif = segment(0xe1, [...ascii('Exif\0\0'), ...exifTiff(marker)]);
  const xmp = segment(
    0xe1,
    ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>CreatorTool</x:xmpmeta>')
  );
  const comment = segment(0xfe, ascii('taken at 14 Mill Lane'));
  return new Uint8Array([...jpeg.subarray(0, 2), ...exif, ...xmp, ...comment, ...jpeg.subarray(2)]);
}

/** A small JPEG-shaped file (SOI, JFIF, quantisation table, scan, EOI) for parser tests. */
export function tinyJpeg(): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x12,
    0x34,
    0xff,
    0x00,
    0x56,
    0xff,
    0xd9
  ]);
}

function chunk(type: string, data: number[] | Uint8Array): number[] {
  const body = Buffer.from([...ascii(type), ...data]);
  const length = data.length;
  const crc = crc32(body) >>> 0;
  return [
    (length >>> 24) & 0xff,
    (length >> 16) & 0xff,
    (length >> 8) & 0xff,
    length & 0xff,
    ...body,
    (crc >>> 24) & 0xff,
    (crc >> 16) & 0xff,
    (crc >> 8) & 0xff,
    crc & 0xff
  ];
}

/** A real 2×2 RGB PNG with an author and place in tEXt and a tIME chunk. */
export function pngWithText(marker = 'PNG-CANARY'): Uint8Array {
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]),
    ...chunk('tEXt', ascii(`Author\0${marker}`)),
    ...chunk('tIME', [0x07, 0xea, 11, 27, 10, 11, 12]),
    ...chunk('IDAT', deflateSync(raw)),
    ...chunk('iTXt', ascii('Location\0\0\0\0\0Mill Lane')),
    ...chunk('IEND', [])
  ]);
}
