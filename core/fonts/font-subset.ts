import type * as fontkit from 'fontkit';
import { writeSfnt, type SfntFont } from './sfnt.js';

/**
 * The one font subsetter, used by every backend that embeds a font (ISO/IEC 14496-22):
 *  - {@link encodeTrueTypeSubset}: a TrueType subset for a PDF (FontFile2 of a CIDFontType2, CIDToGIDMap
 *    /Identity), glyphs renumbered in the order given, from our own sfnt reader (./sfnt.ts) — the glyph data may be
 *    read from the font file on demand;
 *  - {@link subsetFont}: a standalone font (OFD; any reader, a browser) — the same TrueType subset plus a cmap
 *    (formats 4 and 12) for the new glyph ids, OS/2 and name copied and post version 3 (no glyph names);
 *  - {@link cffSubsetProgram}: a CFF-flavoured OpenType face (a user's .otf) through fontkit's CFF subsetter, for
 *    the PDF (CIDFontType0C) and, with head, hhea, hmtx and maxp 0.5 around it, the standalone font.
 */

/**
 * A TrueType subset for embedding in a PDF (FontFile2 of a CIDFontType2 with CIDToGIDMap /Identity): glyph i of
 * the subset is glyph `gids[i]` of the font (gids[0] must be 0, .notdef). The subset holds head, hhea, maxp,
 * hmtx, loca, glyf and the hinting tables (cvt, fpgm, prep) — what a PDF reader needs; composite glyphs must
 * have their components in `gids` (see {@link withComponents}) and are rewritten to the new numbering.
 */
export function encodeTrueTypeSubset(font: SfntFont, gids: readonly number[]): Uint8Array {
  return writeSfnt(trueTypeTables(font, gids), { cff: false });
}

/** The tables of {@link encodeTrueTypeSubset}. */
function trueTypeTables(font: SfntFont, gids: readonly number[]): Map<string, Uint8Array> {
  if (!font.trueType) throw new Error('只能为 TrueType 轮廓的字体生成子集');
  const newId = new Map<number, number>();
  gids.forEach((g, i) => newId.set(g, i));
  const n = gids.length;
  const glyphs = gids.map((g) => remapComposite(font.glyphData(g), newId));
  let glyfLength = 0;
  for (const g of glyphs) glyfLength += (g.length + 3) & ~3;
  const glyf = new Uint8Array(glyfLength);
  const loca = new DataView(new ArrayBuffer(4 * (n + 1)));
  let at = 0;
  glyphs.forEach((g, i) => {
    loca.setUint32(4 * i, at);
    glyf.set(g, at);
    at += (g.length + 3) & ~3;
  });
  loca.setUint32(4 * n, at);

  const hmtx = new DataView(new ArrayBuffer(4 * n));
  gids.forEach((g, i) => {
    hmtx.setUint16(4 * i, font.advance(g));
    hmtx.setInt16(4 * i + 2, font.leftSideBearing(g));
  });
  const head = copyTable(font, 'head');
  new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, set below
  new DataView(head.buffer).setInt16(50, 1); // long loca
  const hhea = copyTable(font, 'hhea');
  new DataView(hhea.buffer).setUint16(34, n);
  const maxp = copyTable(font, 'maxp');
  new DataView(maxp.buffer).setUint16(4, n);

  const tables: [string, Uint8Array][] = [
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', new Uint8Array(hmtx.buffer)],
    ['loca', new Uint8Array(loca.buffer)],
    ['maxp', maxp],
  ];
  for (const extra of ['cvt ', 'fpgm', 'prep']) if (font.tables.has(extra)) tables.push([extra, copyTable(font, extra)]);
  return new Map(tables);
}

/**
 * `gids` with the components of every composite glyph appended (recursively), in order of first use; the input
 * is not changed. A subset lists these ids.
 */
export function withComponents(font: SfntFont, gids: readonly number[]): number[] {
  const out = [...gids];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const c of components(font.glyphData(out[i]!))) {
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
  }
  return out;
}

const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE = 0x0020;
const XY_SCALE = 0x0040;
const TWO_BY_TWO = 0x0080;

/** Byte offsets of the glyph index of each component of a composite glyph (none for a simple glyph). */
function componentOffsets(data: Uint8Array): number[] {
  if (data.length < 10) return [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getInt16(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    out.push(at + 2);
    at += 4 + (flags & ARG_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) at += 2;
    else if (flags & XY_SCALE) at += 4;
    else if (flags & TWO_BY_TWO) at += 8;
    if (!(flags & MORE)) break;
  }
  return out;
}

function components(data: Uint8Array): number[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return componentOffsets(data).map((at) => view.getUint16(at));
}

/** A composite glyph's bytes with component ids renumbered (a copy); a simple glyph as it is. */
function remapComposite(data: Uint8Array, newId: ReadonlyMap<number, number>): Uint8Array {
  const offsets = componentOffsets(data);
  if (!offsets.length) return data;
  const copy = copyBytes(data);
  const view = new DataView(copy.buffer);
  for (const at of offsets) view.setUint16(at, newId.get(view.getUint16(at)) ?? 0);
  return copy;
}

/** A copy in a buffer of its own (a Node Buffer's slice would share, and write into, the font's memory). */
function copyBytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  out.set(data);
  return out;
}

function copyTable(font: SfntFont, name: string): Uint8Array {
  const t = font.tables.get(name)!;
  return copyBytes(font.bytes.subarray(t.offset, t.offset + t.length));
}

export interface SubsetFontOptions {
  /** The face as fontkit parsed it (for CFF outlines) and as ./sfnt.ts reads it (tables, cmap, glyph data). */
  readonly font: fontkit.Font;
  readonly sfnt: SfntFont;
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
  const { font, sfnt } = options;
  const cps = [...new Set(options.codePoints)].filter((cp) => sfnt.glyphId(cp) !== 0).sort((a, b) => a - b);
  const need = (tag: string): Uint8Array => {
    const t = sfnt.tables.get(tag);
    if (!t) throw new Error(`字体缺少 ${tag} 表，无法嵌入`);
    return sfnt.bytes.subarray(t.offset, t.offset + t.length);
  };
  let tables: Map<string, Uint8Array>;
  let map: (readonly [number, number])[];
  let glyphCount: number;
  if (sfnt.trueType) {
    // .notdef, the characters' glyphs in code point order, then the parts of composite glyphs.
    const gids = [0];
    const newId = new Map<number, number>([[0, 0]]);
    for (const cp of cps) {
      const g = sfnt.glyphId(cp);
      if (!newId.has(g)) {
        newId.set(g, gids.length);
        gids.push(g);
      }
    }
    const all = withComponents(sfnt, gids);
    tables = trueTypeTables(sfnt, all);
    map = cps.map((cp) => [cp, newId.get(sfnt.glyphId(cp))!] as const);
    glyphCount = all.length;
  } else {
    const subset = createFontkitSubset(font);
    map = cps.map((cp) => [cp, subset.includeGlyph(sfnt.glyphId(cp))] as const);
    const encoded = subset.encode();
    tables = cffTables(font, subset, encoded, need);
    glyphCount = subset.glyphs.length;
  }
  tables.set('cmap', cmapTable(map));
  tables.set('OS/2', need('OS/2'));
  tables.set('name', need('name'));
  tables.set('post', postTable(need('post')));
  const cff = !sfnt.trueType;
  return { bytes: writeSfnt(tables, { cff }), format: cff ? 'otf' : 'ttf', glyphCount, codePoints: cps };
}

/** The CFF table of a subset of a CFF-flavoured face (fontkit), glyphs in the order given (gids[0] is .notdef). */
export function cffSubsetProgram(font: fontkit.Font, gids: readonly number[]): Uint8Array {
  const subset = createFontkitSubset(font);
  for (const g of gids.slice(1)) subset.includeGlyph(g);
  return subset.encode();
}

function createFontkitSubset(font: fontkit.Font): FontkitSubset {
  return (font as unknown as { createSubset(): FontkitSubset }).createSubset();
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
