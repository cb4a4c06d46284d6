import type * as fontkit from 'fontkit';
import { readSfntTables, writeSfnt } from './sfnt-tables.js';

/**
 * Font subsetting for embedding: a standalone TrueType/OpenType file holding only the glyphs of the characters
 * given, with a cmap, so that any reader (an OFD viewer, a browser) can set text with it — unlike the subsets
 * fontkit makes for PDF, which have no cmap, OS/2, name or post table. fontkit picks and renumbers the glyphs
 * (TrueType outlines with their composite parts, or CFF charstrings); this module adds the tables a standalone
 * font needs (ISO/IEC 14496-22): cmap (formats 4 and 12) for the new glyph ids, OS/2 and name copied, post
 * version 3 (no glyph names), and for CFF fonts head, hhea, hmtx and maxp 0.5 around the subset CFF.
 * One module so that every backend that embeds a font (OFD today) shares it.
 */

export interface SubsetFontOptions {
  /** The parsed font (fontkit), and the bytes of its file. */
  readonly font: fontkit.Font;
  readonly bytes: Uint8Array;
  /** The characters to keep; those the font has no glyph for are left out. */
  readonly codePoints: Iterable<number>;
}

export interface SubsetFont {
  /** The standalone font file (.ttf for TrueType outlines, .otf for CFF). */
  readonly bytes: Uint8Array;
  readonly format: 'ttf' | 'otf';
  readonly glyphCount: number;
  /** The code points mapped by its cmap, ascending. */
  readonly codePoints: readonly number[];
}

interface FontkitSubset {
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
  readonly glyphs: number[];
}

/** Makes a standalone subset font of the characters given. */
export function subsetFont(options: SubsetFontOptions): SubsetFont {
  const { font } = options;
  const subset = (font as unknown as { createSubset(): FontkitSubset }).createSubset();
  const cps = [...new Set(options.codePoints)].filter((cp) => font.hasGlyphForCodePoint(cp)).sort((a, b) => a - b);
  const map = cps.map((cp) => [cp, subset.includeGlyph(font.glyphForCodePoint(cp).id)] as const);
  const encoded = subset.encode();
  const original = readSfntTables(options.bytes);
  const need = (tag: string): Uint8Array => {
    const table = original.get(tag);
    if (!table) throw new Error(`字体缺少 ${tag} 表，无法嵌入`);
    return table;
  };
  const cff = original.has('CFF ');
  const tables = cff ? cffTables(font, subset, encoded, need) : new Map(readSfntTables(encoded));
  const glyphCount = cff ? subset.glyphs.length : new DataView(tables.get('maxp')!.buffer, tables.get('maxp')!.byteOffset).getUint16(4);
  tables.set('cmap', cmapTable(map));
  tables.set('OS/2', need('OS/2'));
  tables.set('name', need('name'));
  tables.set('post', postTable(need('post')));
  return { bytes: writeSfnt(tables, { cff }), format: cff ? 'otf' : 'ttf', glyphCount, codePoints: cps };
}

/** head, hhea, hmtx and maxp (version 0.5) around a subset CFF table. */
function cffTables(font: fontkit.Font, subset: FontkitSubset, cffBytes: Uint8Array, need: (tag: string) => Uint8Array): Map<string, Uint8Array> {
  const n = subset.glyphs.length;
  const hmtx = new Uint8Array(4 * n);
  const hv = new DataView(hmtx.buffer);
  subset.glyphs.forEach((gid, i) => {
    const glyph = (font as unknown as { getGlyph(id: number): { advanceWidth: number; bbox: { minX: number } } }).getGlyph(gid);
    hv.setUint16(4 * i, Math.max(0, Math.round(glyph.advanceWidth)));
    hv.setInt16(4 * i + 2, Math.round(Number.isFinite(glyph.bbox.minX) ? glyph.bbox.minX : 0));
  });
  const hhea = need('hhea').slice();
  new DataView(hhea.buffer).setUint16(34, n); // numberOfHMetrics
  const maxp = new Uint8Array(6);
  new DataView(maxp.buffer).setUint32(0, 0x00005000);
  new DataView(maxp.buffer).setUint16(4, n);
  return new Map([
    ['CFF ', cffBytes],
    ['head', need('head').slice()],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['maxp', maxp],
  ]);
}

/** post version 3.0: the header of the original (italic angle, underline, fixed pitch) and no glyph names. */
function postTable(original: Uint8Array): Uint8Array {
  const post = new Uint8Array(32);
  post.set(original.subarray(0, Math.min(32, original.byteLength)));
  new DataView(post.buffer).setUint32(0, 0x00030000);
  return post;
}

/**
 * A cmap with a format 4 subtable (BMP; platform 3 encoding 1 and Unicode 0/3) and, when a character lies
 * beyond the BMP, a format 12 subtable (platform 3 encoding 10). Runs of consecutive characters with
 * consecutive glyph ids share a segment.
 */
export function cmapTable(map: readonly (readonly [number, number])[]): Uint8Array {
  const bmp = map.filter(([cp]) => cp <= 0xfffe);
  const wide = map.length !== bmp.length;
  const f4 = format4(bmp);
  const f12 = wide ? format12(map) : undefined;
  const records = f12 ? 3 : 2;
  const headerSize = 4 + 8 * records;
  const out = new Uint8Array(headerSize + f4.byteLength + (f12?.byteLength ?? 0));
  const v = new DataView(out.buffer);
  v.setUint16(0, 0);
  v.setUint16(2, records);
  const record = (i: number, platform: number, encoding: number, offset: number) => {
    v.setUint16(4 + 8 * i, platform);
    v.setUint16(6 + 8 * i, encoding);
    v.setUint32(8 + 8 * i, offset);
  };
  record(0, 0, 3, headerSize);
  record(1, 3, 1, headerSize);
  if (f12) record(2, 3, 10, headerSize + f4.byteLength);
  out.set(f4, headerSize);
  if (f12) out.set(f12, headerSize + f4.byteLength);
  return out;
}

function runs(map: readonly (readonly [number, number])[]): { start: number; end: number; gid: number }[] {
  const result: { start: number; end: number; gid: number }[] = [];
  for (const [cp, gid] of map) {
    const last = result[result.length - 1];
    if (last && cp === last.end + 1 && gid === last.gid + (cp - last.start)) last.end = cp;
    else result.push({ start: cp, end: cp, gid });
  }
  return result;
}

function format4(map: readonly (readonly [number, number])[]): Uint8Array {
  const segments = [...runs(map), { start: 0xffff, end: 0xffff, gid: 0 }];
  const segCount = segments.length;
  const length = 16 + 8 * segCount;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
  v.setUint16(0, 4);
  v.setUint16(2, length);
  v.setUint16(4, 0);
  v.setUint16(6, segCount * 2);
  v.setUint16(8, searchRange);
  v.setUint16(10, Math.log2(searchRange / 2));
  v.setUint16(12, segCount * 2 - searchRange);
  const endAt = 14;
  const startAt = endAt + 2 * segCount + 2; // after reservedPad
  const deltaAt = startAt + 2 * segCount;
  const rangeAt = deltaAt + 2 * segCount;
  segments.forEach((s, i) => {
    v.setUint16(endAt + 2 * i, s.end);
    v.setUint16(startAt + 2 * i, s.start);
    // The last segment maps 0xFFFF to glyph 0: delta 1.
    v.setUint16(deltaAt + 2 * i, s.start === 0xffff ? 1 : (s.gid - s.start) & 0xffff);
    v.setUint16(rangeAt + 2 * i, 0);
  });
  return out;
}

function format12(map: readonly (readonly [number, number])[]): Uint8Array {
  const groups = runs(map);
  const length = 16 + 12 * groups.length;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint16(0, 12);
  v.setUint32(4, length);
  v.setUint32(12, groups.length);
  groups.forEach((g, i) => {
    v.setUint32(16 + 12 * i, g.start);
    v.setUint32(20 + 12 * i, g.end);
    v.setUint32(24 + 12 * i, g.gid);
  });
  return out;
}
