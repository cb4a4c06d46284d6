/**
 * A TrueType/OpenType font read table by table, without fontkit: only what the PDF writer and the preview need —
 * metrics (head, hhea, OS/2, post, name), the character map (cmap formats 4 and 12), advances (hmtx) and the
 * glyph data (loca/glyf). Tables are read lazily from the file's bytes; nothing is copied.
 * Spec: OpenType 1.9, https://learn.microsoft.com/typography/opentype/spec/
 */

export interface TableRange {
  readonly offset: number;
  readonly length: number;
}

/** A parsed sfnt. Create with {@link readSfnt}. */
export interface SfntFont {
  readonly bytes: Uint8Array;
  readonly tables: ReadonlyMap<string, TableRange>;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  /** xMin, yMin, xMax, yMax in font units. */
  readonly bbox: readonly [number, number, number, number];
  readonly numGlyphs: number;
  readonly postscriptName: string;
  /** head.checkSumAdjustment: with the name and size, tells equal font files apart from different ones. */
  readonly checksum: number;
  /** True when outlines are TrueType (glyf); false for CFF. */
  readonly trueType: boolean;
  /** Glyph id of a code point (0 when the font has none). */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph in font units. */
  advance(gid: number): number;
  /** Left side bearing of a glyph in font units. */
  leftSideBearing(gid: number): number;
  /** The glyph's bytes in glyf (empty for a glyph without outline). TrueType only. */
  glyphData(gid: number): Uint8Array;
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Reads the table directory and the small metric tables of an sfnt (TrueType or CFF-flavoured OpenType). */
export function readSfnt(bytes: Uint8Array): SfntFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, TableRange>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    tables.set(tag(view, at), { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const need = (name: string): number => {
    const t = tables.get(name);
    if (!t) throw new Error(`字体缺少 ${name} 表`);
    return t.offset;
  };
  const head = need('head');
  const hhea = need('hhea');
  const maxp = need('maxp');
  const hmtx = need('hmtx');
  const unitsPerEm = view.getUint16(head + 18);
  const bbox = [view.getInt16(head + 36), view.getInt16(head + 38), view.getInt16(head + 40), view.getInt16(head + 42)] as const;
  const longLoca = view.getInt16(head + 50) === 1;
  const ascent = view.getInt16(hhea + 4);
  const descent = view.getInt16(hhea + 6);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const numGlyphs = view.getUint16(maxp + 4);
  const os2 = tables.get('OS/2');
  const capHeight = os2 && view.getUint16(os2.offset) >= 2 && os2.length >= 90 ? view.getInt16(os2.offset + 88) : ascent;
  const post = tables.get('post');
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;
  const trueType = tables.has('glyf') && tables.has('loca');
  const loca = tables.get('loca')?.offset ?? 0;
  const glyf = tables.get('glyf')?.offset ?? 0;
  const cmap = readCmap(view, tables.get('cmap'));
  const cache = new Map<number, number>();

  return {
    bytes,
    tables,
    unitsPerEm,
    ascent,
    descent,
    capHeight,
    italicAngle,
    bbox,
    numGlyphs,
    postscriptName: readPostscriptName(view, tables.get('name')) ?? 'Font',
    checksum: view.getUint32(head + 8),
    trueType,
    glyphId(cp) {
      let gid = cache.get(cp);
      if (gid === undefined) {
        gid = cmap(cp);
        if (gid >= numGlyphs) gid = 0;
        cache.set(cp, gid);
      }
      return gid;
    },
    advance(gid) {
      const i = Math.min(gid, numberOfHMetrics - 1);
      return view.getUint16(hmtx + 4 * i);
    },
    leftSideBearing(gid) {
      if (gid < numberOfHMetrics) return view.getInt16(hmtx + 4 * gid + 2);
      return view.getInt16(hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
    },
    glyphData(gid) {
      if (!trueType || gid >= numGlyphs) return new Uint8Array(0);
      const start = longLoca ? view.getUint32(loca + 4 * gid) : view.getUint16(loca + 2 * gid) * 2;
      const end = longLoca ? view.getUint32(loca + 4 * gid + 4) : view.getUint16(loca + 2 * gid + 2) * 2;
      return bytes.subarray(glyf + start, glyf + Math.max(start, end));
    },
  };
}

/** The best Unicode subtable of cmap as a lookup: format 12 (full Unicode) if present, else format 4 (BMP). */
function readCmap(view: DataView, table: TableRange | undefined): (cp: number) => number {
  if (!table) return () => 0;
  const base = table.offset;
  const count = view.getUint16(base + 2);
  let best: { offset: number; format: number; rank: number } | undefined;
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(base + 4 + i * 8);
    const encoding = view.getUint16(base + 6 + i * 8);
    const offset = base + view.getUint32(base + 8 + i * 8);
    const format = view.getUint16(offset);
    const rank =
      format === 12 && (platform === 3 || platform === 0) ? 3 : format === 4 && (platform === 3 || platform === 0) && encoding !== 0 ? 2 : format === 4 ? 1 : 0;
    if (rank && (!best || rank > best.rank)) best = { offset, format, rank };
  }
  if (!best) return () => 0;
  const at = best.offset;
  if (best.format === 12) {
    const groups = view.getUint32(at + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = at + 16 + mid * 12;
        const start = view.getUint32(g);
        const end = view.getUint32(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return view.getUint32(g + 8) + (cp - start);
      }
      return 0;
    };
  }
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const end = view.getUint16(ends + mid * 2);
      const start = view.getUint16(starts + mid * 2);
      if (cp > end) lo = mid + 1;
      else if (cp < start) hi = mid - 1;
      else {
        const delta = view.getInt16(deltas + mid * 2);
        const ro = view.getUint16(rangeOffsets + mid * 2);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = view.getUint16(rangeOffsets + mid * 2 + ro + (cp - start) * 2);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
    }
    return 0;
  };
}

/** nameID 6 (PostScript name), from a Windows (UTF-16BE) or Macintosh (Latin) record. */
function readPostscriptName(view: DataView, table: TableRange | undefined): string | undefined {
  if (!table) return undefined;
  const base = table.offset;
  const count = view.getUint16(base + 2);
  const strings = base + view.getUint16(base + 4);
  for (let i = 0; i < count; i++) {
    const r = base + 6 + i * 12;
    if (view.getUint16(r + 6) !== 6) continue;
    const platform = view.getUint16(r);
    const length = view.getUint16(r + 8);
    const offset = strings + view.getUint16(r + 10);
    let name = '';
    if (platform === 3 || platform === 0) {
      for (let j = 0; j + 1 < length; j += 2) name += String.fromCharCode(view.getUint16(offset + j));
    } else {
      for (let j = 0; j < length; j++) name += String.fromCharCode(view.getUint8(offset + j));
    }
    const clean = name.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    if (clean) return clean;
  }
  return undefined;
}
