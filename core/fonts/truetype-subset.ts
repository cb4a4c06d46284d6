import type { SfntFont } from './sfnt.js';
import { writeSfnt } from './sfnt-tables.js';

/**
 * A TrueType subset for embedding in a PDF (FontFile2 of a CIDFontType2 with CIDToGIDMap /Identity): glyph i of
 * the subset is glyph `gids[i]` of the font (gids[0] must be 0, .notdef). The subset holds head, hhea, maxp,
 * hmtx, loca, glyf and the hinting tables (cvt, fpgm, prep) — what a PDF reader needs; composite glyphs must
 * have their components in `gids` (see {@link withComponents}) and are rewritten to the new numbering.
 */
export function encodeTrueTypeSubset(font: SfntFont, gids: readonly number[]): Uint8Array {
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
  return writeSfnt(new Map(tables), { cff: false });
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
