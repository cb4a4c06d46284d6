/**
 * The one reader (and writer) of the sfnt container (TrueType / OpenType, ISO/IEC 14496-22; OpenType 1.9,
 * https://learn.microsoft.com/typography/opentype/spec/), without fontkit:
 *  - {@link readSfnt}: what the PDF writer, the OFD writer and the preview need — metrics (head, hhea, OS/2, post,
 *    name), the character map (cmap formats 4 and 12), advances (hmtx) and the glyph data (loca/glyf). Tables are
 *    read lazily from the file's bytes; nothing is copied. The glyph data may live outside those bytes (a
 *    {@link GlyfSource}: a large font's glyphs read from its file on demand, see services/font-glyf.ts);
 *  - {@link readSfntTables}: the table directory, each table a view into the bytes;
 *  - {@link writeSfnt}: assembles a font file from tables (subsets, a font without its glyf table).
 * Pure: bytes in, bytes out.
 */

/**
 * The glyph data of a font kept out of memory (services/font-glyf.ts): `glyph(gid)` returns a glyph's bytes as the
 * font file's glyf table holds them; `file()` the whole font file (for a consumer that needs every table, e.g.
 * pdfkit's own subsetter). The font's bytes then hold a glyf table of glyph headers only (for fontkit's metrics).
 */
export interface GlyfSource {
  glyph(gid: number): Uint8Array;
  file(): Uint8Array;
}

/** Glyph data kept per font once read from a {@link GlyfSource} (a subset grown over a session reads each once). */
const GLYPH_CACHE_LIMIT = 12000;

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
  /** The glyph's bytes in glyf (empty for a glyph without outline). TrueType only. Never write into them. */
  glyphData(gid: number): Uint8Array;
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

const sfntCache = new WeakMap<Uint8Array, SfntFont>();

/**
 * The table-level reading of a face's bytes (its glyph data from `face.glyf` when kept out of memory), once per
 * file per process: the PDF writer, the OFD writer and the preview share it (and its glyph cache).
 */
export function sfntOf(face: { readonly bytes: Uint8Array; readonly glyf?: GlyfSource }): SfntFont {
  let font = sfntCache.get(face.bytes);
  if (!font) {
    font = readSfnt(face.bytes, face.glyf ? { glyf: face.glyf } : {});
    sfntCache.set(face.bytes, font);
  }
  return font;
}

/**
 * Reads the table directory and the small metric tables of an sfnt (TrueType or CFF-flavoured OpenType). With
 * `glyf`, glyph data comes from it rather than from the glyf table in `bytes` (which then holds glyph headers only).
 */
export function readSfnt(bytes: Uint8Array, opts: { readonly glyf?: GlyfSource } = {}): SfntFont {
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
  const source = opts.glyf;
  const glyphCache = new Map<number, Uint8Array>();
  const fromSource = (gid: number): Uint8Array => {
    let data = glyphCache.get(gid);
    if (!data) {
      data = source!.glyph(gid);
      if (glyphCache.size >= GLYPH_CACHE_LIMIT) glyphCache.clear();
      glyphCache.set(gid, data);
    }
    return data;
  };

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
      if (source) return fromSource(gid);
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


/** The tables of a font by tag (four characters, e.g. "glyf", "OS/2", "CFF "). */
export type SfntTables = ReadonlyMap<string, Uint8Array>;

/** Reads the table directory of a single-font sfnt file; each table is a view into `bytes`. */
export function readSfntTables(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.byteLength) throw new Error(`字体表 ${tag} 超出文件末尾`);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  return tables;
}

/**
 * Assembles an sfnt file: tables sorted by tag, each 4-byte aligned with its checksum, and head's
 * checkSumAdjustment set (ISO/IEC 14496-22 §5.2.2). `cff` chooses the 'OTTO' version tag.
 */
export function writeSfnt(tables: SfntTables, options: { readonly cff: boolean }): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const headerSize = 12 + 16 * n;
  let total = headerSize;
  for (const tag of tags) total += pad4(tables.get(tag)!.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, options.cff ? 0x4f54544f : 0x00010000);
  const maxPow2 = 2 ** Math.floor(Math.log2(n));
  view.setUint16(4, n);
  view.setUint16(6, maxPow2 * 16);
  view.setUint16(8, Math.log2(maxPow2));
  view.setUint16(10, n * 16 - maxPow2 * 16);
  let offset = headerSize;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    out.set(data, offset);
    if (tag === 'head') {
      headOffset = offset;
      view.setUint32(offset + 8, 0); // checkSumAdjustment is 0 while checksums are computed
    }
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 4, checksum(out, offset, data.byteLength));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.byteLength);
    offset += pad4(data.byteLength);
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out, 0, out.byteLength)) >>> 0);
  return out;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** The sum of the big-endian uint32 words of a (zero-padded) range, modulo 2^32. */
function checksum(bytes: Uint8Array, start: number, length: number): number {
  let sum = 0;
  const end = start + pad4(length);
  for (let i = start; i < end; i += 4) {
    const word = ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}
