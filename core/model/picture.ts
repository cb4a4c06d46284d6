/**
 * Pictures in articles (issue 12 point 3): what image files are accepted, how big, and the Chinese message when
 * one is not. Pure: this reads the bytes' header only (format signature and pixel size), so that a refused file
 * is refused before anything decodes it; decoding and re-encoding live in services/picture-prepare.ts.
 */

/** Formats a picture may come in. Everything is stored re-encoded as a baseline JPEG. */
export type PictureSourceFormat = 'jpeg' | 'png';

/** Limits on an inserted picture. */
export const PICTURE_LIMITS = {
  /** Largest file accepted, bytes (a camera JPEG is 3–15 MB). */
  maxBytes: 40 * 1024 * 1024,
  /** Largest image accepted, pixels (100 megapixels; decoding one takes 400 MB). */
  maxPixels: 100_000_000,
  /** Resolution the picture is re-encoded at, for its placed size (print resolution of photographs). */
  dpi: 300,
  /** Below this resolution at the type width a picture is placed smaller, at this resolution. */
  minDpi: 150,
  /** JPEG quality of the re-encoded image. */
  quality: 85,
} as const;

/** Why a picture was refused. */
export class PictureError extends Error {
  override readonly name = 'PictureError';
}

/** A picture file's format and pixel size, read from its header. */
export interface PictureHeader {
  readonly format: PictureSourceFormat;
  readonly width: number;
  readonly height: number;
}

/** Formats recognised by their signature but not accepted, with the name the message shows. */
const UNSUPPORTED: readonly { readonly name: string; readonly test: (b: Uint8Array) => boolean }[] = [
  { name: 'GIF', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'BMP', test: (b) => ascii(b, 0, 2) === 'BM' },
  { name: 'WebP', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { name: 'TIFF', test: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'HEIC', test: (b) => ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|mif1|msf1|avif)$/.test(ascii(b, 8, 4)) },
  { name: 'SVG', test: (b) => /^\s*(<\?xml|<svg)/i.test(ascii(b, 0, 64)) },
  { name: 'PDF', test: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(b: Uint8Array, from: number, length: number): string {
  let out = '';
  for (let i = from; i < Math.min(b.length, from + length); i++) out += String.fromCharCode(b[i]!);
  return out;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format of a file from its first bytes, or null. */
export function sniffPicture(bytes: Uint8Array): PictureSourceFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return 'png';
  return null;
}

/**
 * Checks a file to be inserted as a picture and reads its header: throws {@link PictureError} with the reason
 * (in Chinese) for an empty, too large, unsupported or unreadable file, or an image over 100 megapixels.
 */
export function checkPicture(bytes: Uint8Array): PictureHeader {
  if (bytes.length === 0) throw new PictureError('图片文件是空的');
  if (bytes.length > PICTURE_LIMITS.maxBytes) {
    throw new PictureError(`图片文件太大（${mb(bytes.length)} MB），最大 ${mb(PICTURE_LIMITS.maxBytes)} MB；请先缩小图片再插入`);
  }
  const format = sniffPicture(bytes);
  if (!format) {
    const known = UNSUPPORTED.find((u) => u.test(bytes));
    if (known) throw new PictureError(`不支持 ${known.name} 格式的图片，只能插入 JPEG 或 PNG 图片；请先转换格式`);
    throw new PictureError('无法识别的图片文件（不是 JPEG 或 PNG），可能已损坏');
  }
  const size = format === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width < 1 || size.height < 1) throw new PictureError(`图片文件已损坏，读不出图片大小（${format === 'png' ? 'PNG' : 'JPEG'}）`);
  const pixels = size.width * size.height;
  if (pixels > PICTURE_LIMITS.maxPixels) {
    const mp = Math.round(pixels / 1e6);
    throw new PictureError(`图片像素过多（${size.width}×${size.height}，约 ${mp} 百万像素），最多 ${PICTURE_LIMITS.maxPixels / 1e6} 百万像素；请先缩小图片`);
  }
  return { format, ...size };
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);
}

/** IHDR's width and height (PNG spec §11.2.2). */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  const u32 = (at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  return { width: u32(16), height: u32(20) };
}

/** The frame header's size (ITU T.81 §B.2.2): the first SOFn marker's Y and X. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) return { height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
    if (marker === 0xd9 || marker === 0xda) return null;
    at += 2 + length;
  }
  return null;
}

/** Base64 of bytes (no Buffer: core runs in the renderer too). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(out);
}

/** Bytes of base64 text. */
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
