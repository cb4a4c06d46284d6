// A large TrueType font file held without its glyph data: every table but glyf is read into memory (about 5 % of
// a Chinese font: cmap, hmtx/vmtx, loca, GSUB/GPOS…) and glyf is replaced by the glyphs' 10-byte headers (their
// bounding boxes: fontkit reads one to measure any glyph); a glyph's data is read from the file when a subset or
// an outline needs it. Node code (node:fs) for services/font-files.ts; the core sees a FontFace with `glyf`
// (core/fonts/sfnt.ts GlyfSource).

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { writeSfnt, type GlyfSource } from '../core/fonts/sfnt.js';

/** Files whose glyf table is smaller than this are simply held whole. */
const MIN_GLYF_BYTES = 1 << 20;

const SFNT_TRUETYPE = 0x00010000;
const SFNT_TRUE = 0x74727565; // 'true' (Apple TrueType)

/** Closes a file when the GlyfSource reading it is no longer reachable (a replaced user font). */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** A TrueType face held without its glyph data. */
export interface FaceWithoutGlyf {
  /** The font's tables, glyf holding glyph headers only (long loca; checksums recomputed). */
  readonly bytes: Uint8Array;
  readonly glyf: GlyfSource;
}

/**
 * Opens a TrueType font file and reads every table but glyf (of which only the glyph headers), when the file is
 * plain TrueType (no TTC, no WOFF) with a glyf table of at least 1 MB; undefined otherwise (the caller reads the
 * file whole). The file stays open: glyph data is read from the same file even if it is replaced on disk meanwhile.
 */
export function openWithoutGlyf(file: string): FaceWithoutGlyf | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  let kept = false;
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number, into?: Uint8Array): Uint8Array => {
      const out = into ? into.subarray(0, length) : new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n <= 0) throw new Error('字体文件在读取时变短了');
        done += n;
      }
      return out;
    };
    if (size < 12) return undefined;
    const header = new DataView(read(0, 12).buffer);
    const magic = header.getUint32(0);
    if (magic !== SFNT_TRUETYPE && magic !== SFNT_TRUE) return undefined;
    const count = header.getUint16(4);
    const directory = new DataView(read(12, 16 * count).buffer);
    const ranges = new Map<string, { offset: number; length: number }>();
    for (let i = 0; i < count; i++) {
      const at = 16 * i;
      const tag = String.fromCharCode(directory.getUint8(at), directory.getUint8(at + 1), directory.getUint8(at + 2), directory.getUint8(at + 3));
      const offset = directory.getUint32(at + 8);
      const length = directory.getUint32(at + 12);
      if (offset + length > size) return undefined;
      ranges.set(tag, { offset, length });
    }
    const glyf = ranges.get('glyf');
    if (!glyf || glyf.length < MIN_GLYF_BYTES || !['loca', 'head', 'hhea', 'hmtx', 'maxp', 'cmap'].every((t) => ranges.has(t))) return undefined;
    const tables = new Map<string, Uint8Array>();
    for (const [tag, r] of ranges) if (tag !== 'glyf') tables.set(tag, read(r.offset, r.length));
    const head = new DataView(tables.get('head')!.buffer);
    const numGlyphs = new DataView(tables.get('maxp')!.buffer).getUint16(4);
    const locaView = new DataView(tables.get('loca')!.buffer);
    const longLoca = head.getInt16(50) === 1;
    if (locaView.byteLength < (longLoca ? 4 : 2) * (numGlyphs + 1)) return undefined;
    const offsets = new Uint32Array(numGlyphs + 1);
    for (let i = 0; i <= numGlyphs; i++) offsets[i] = longLoca ? locaView.getUint32(4 * i) : locaView.getUint16(2 * i) * 2;
    // glyf of headers: 12 bytes per glyph with an outline (the header padded), nothing for an empty glyph; 12
    // bytes of padding after the last, since fontkit reads a header even for an empty glyph.
    const headers = new Uint8Array(12 * numGlyphs + 12);
    const loca = new DataView(new ArrayBuffer(4 * (numGlyphs + 1)));
    // The headers are read through one reused buffer (no 15 MB of short-lived chunks for malloc to keep).
    const buffer = new Uint8Array(1 << 18);
    let chunkAt = -1;
    let chunk: Uint8Array = buffer.subarray(0, 0);
    let at = 0;
    for (let gid = 0; gid < numGlyphs; gid++) {
      loca.setUint32(4 * gid, at);
      const start = offsets[gid]!;
      const end = offsets[gid + 1]!;
      if (end - start < 10 || end > glyf.length) continue;
      if (chunkAt < 0 || start < chunkAt || start + 10 > chunkAt + chunk.length) {
        chunkAt = start;
        chunk = read(glyf.offset + start, Math.min(buffer.length, glyf.length - start), buffer);
      }
      headers.set(chunk.subarray(start - chunkAt, start - chunkAt + 10), at);
      at += 12;
    }
    loca.setUint32(4 * numGlyphs, at);
    tables.set('glyf', headers.subarray(0, at + 12));
    tables.set('loca', new Uint8Array(loca.buffer));
    head.setInt16(50, 1); // long loca
    const bytes = writeSfnt(tables, { cff: false });
    const source: GlyfSource = {
      glyph: (gid) => {
        if (gid < 0 || gid >= numGlyphs) return new Uint8Array(0);
        const start = offsets[gid]!;
        const end = offsets[gid + 1]!;
        if (end <= start || end > glyf.length) return new Uint8Array(0);
        return read(glyf.offset + start, end - start);
      },
      file: () => read(0, size),
    };
    closer.register(source, fd);
    kept = true;
    return { bytes, glyf: source };
  } catch {
    return undefined;
  } finally {
    if (!kept) closeSync(fd);
  }
}
