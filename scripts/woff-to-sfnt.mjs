// WOFF 1.0 → sfnt (TTF/OTF) conversion, and extraction of the first face of a TrueType Collection.
// Plain Node ESM with built-ins only: it runs as part of `postinstall` (scripts/prepare-fonts.mjs) and is also
// imported by services/font-files.ts (types in woff-to-sfnt.d.mts).
// Error messages are Chinese because they reach the user when they pick a font file.

import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF2_SIGNATURE = 0x774f4632; // 'wOF2'
const TTC_SIGNATURE = 0x74746366; // 'ttcf'
const WOFF_HEADER_SIZE = 44;
const WOFF_ENTRY_SIZE = 20;
const SFNT_HEADER_SIZE = 12;
const SFNT_ENTRY_SIZE = 16;
/** Tables stored by a sane font never exceed this; guards against absurd inflation from a corrupt header. */
const MAX_TABLE_SIZE = 512 * 1024 * 1024;

/**
 * Reads the 4-character tag at `offset`.
 * @param {Buffer} buf
 * @param {number} offset
 */
function tagAt(buf, offset) {
  return buf.toString('latin1', offset, offset + 4);
}

/** @param {Uint8Array} input */
function asBuffer(input) {
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** @param {number} n */
function pad4(n) {
  return (n + 3) & ~3;
}

/**
 * Sum of the big-endian uint32 words of `buf[start, end)`, the last word zero-padded (OpenType table checksum).
 * @param {Buffer} buf
 * @param {number} start
 * @param {number} end
 */
function checksum(buf, start, end) {
  let sum = 0;
  const whole = start + ((end - start) & ~3);
  for (let i = start; i < whole; i += 4) sum = (sum + buf.readUInt32BE(i)) >>> 0;
  if (whole < end) {
    let last = 0;
    for (let i = 0; i < 4; i++) last = (last << 8) | (whole + i < end ? buf[whole + i] : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/**
 * Writes an sfnt from tables. Records are sorted by tag, table data is 4-byte aligned and zero-padded, the offset
 * table carries searchRange/entrySelector/rangeShift, and head.checkSumAdjustment is recomputed over the result.
 * @param {number} flavor sfnt version (0x00010000 for TrueType outlines, 'OTTO' for CFF)
 * @param {{ tag: string, data: Buffer, checksum?: number }[]} tables checksum defaults to the one computed from data
 * @returns {Buffer}
 */
export function buildSfnt(flavor, tables) {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const numTables = sorted.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const rangeShift = numTables * 16 - searchRange;

  let size = SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * numTables;
  for (const t of sorted) size += pad4(t.data.length);
  const out = Buffer.alloc(size); // zero-filled: padding bytes are 0

  out.writeUInt32BE(flavor >>> 0, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(rangeShift, 10);

  let offset = SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * numTables;
  let headOffset = -1;
  sorted.forEach((t, i) => {
    const rec = SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * i;
    t.data.copy(out, offset);
    if (t.tag === 'head') {
      if (t.data.length < 12) throw new Error('字体文件损坏：head 表太短');
      headOffset = offset;
      out.writeUInt32BE(0, offset + 8); // checkSumAdjustment is computed as 0 for all checksums
    }
    const sum = t.checksum ?? checksum(out, offset, offset + t.data.length);
    out.write(t.tag, rec, 4, 'latin1');
    out.writeUInt32BE(sum >>> 0, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    offset += pad4(t.data.length);
  });

  if (headOffset >= 0) {
    const adjustment = (0xb1b0afba - checksum(out, 0, out.length)) >>> 0;
    out.writeUInt32BE(adjustment, headOffset + 8);
  }
  return out;
}

/**
 * Converts a WOFF 1.0 font to the sfnt (TTF or OTF, following the WOFF's flavor) it wraps: each table whose
 * compLength < origLength is inflated with zlib, and its length checked against origLength. Table checksums are
 * taken from the WOFF directory; head.checkSumAdjustment is recomputed. Metadata and private blocks are dropped.
 * @param {Uint8Array} buffer the WOFF file's bytes
 * @returns {Buffer} the sfnt bytes
 * @throws {Error} with a Chinese message for WOFF2, a non-WOFF input or a corrupt WOFF
 */
export function woffToSfnt(buffer) {
  const buf = asBuffer(buffer);
  if (buf.length >= 4 && buf.readUInt32BE(0) === WOFF2_SIGNATURE) {
    throw new Error('不支持 WOFF2 字体，请先转换为 TTF');
  }
  if (buf.length < WOFF_HEADER_SIZE || buf.readUInt32BE(0) !== WOFF_SIGNATURE) {
    throw new Error('不是 WOFF 字体文件');
  }
  const flavor = buf.readUInt32BE(4);
  const length = buf.readUInt32BE(8);
  const numTables = buf.readUInt16BE(12);
  if (length > buf.length) {
    throw new Error(`WOFF 字体文件不完整：头部记录 ${length} 字节，实际只有 ${buf.length} 字节`);
  }
  if (numTables === 0 || WOFF_HEADER_SIZE + WOFF_ENTRY_SIZE * numTables > buf.length) {
    throw new Error('WOFF 字体文件损坏：表目录无效');
  }

  /** @type {{ tag: string, data: Buffer, checksum: number }[]} */
  const tables = [];
  const seen = new Set();
  for (let i = 0; i < numTables; i++) {
    const rec = WOFF_HEADER_SIZE + WOFF_ENTRY_SIZE * i;
    const tag = tagAt(buf, rec);
    const offset = buf.readUInt32BE(rec + 4);
    const compLength = buf.readUInt32BE(rec + 8);
    const origLength = buf.readUInt32BE(rec + 12);
    const origChecksum = buf.readUInt32BE(rec + 16);
    if (seen.has(tag)) throw new Error(`WOFF 字体文件损坏：表 ${tag} 重复`);
    seen.add(tag);
    if (offset + compLength > buf.length || compLength > origLength || origLength > MAX_TABLE_SIZE) {
      throw new Error(`WOFF 字体文件损坏：表 ${tag} 的位置或长度无效`);
    }
    const stored = buf.subarray(offset, offset + compLength);
    let data;
    if (compLength < origLength) {
      try {
        data = inflateSync(stored, { maxOutputLength: origLength + 1 });
      } catch (err) {
        throw new Error(`WOFF 字体文件损坏：表 ${tag} 解压失败（${err instanceof Error ? err.message : err}）`);
      }
    } else {
      data = stored;
    }
    if (data.length !== origLength) {
      throw new Error(`WOFF 字体文件损坏：表 ${tag} 解压后为 ${data.length} 字节，应为 ${origLength} 字节`);
    }
    tables.push({ tag, data, checksum: origChecksum });
  }
  return buildSfnt(flavor, tables);
}

/**
 * Extracts the first face of a TrueType/OpenType Collection (.ttc) as a standalone sfnt. Shared tables are copied
 * into the result, checksums come from the collection's directory.
 * @param {Uint8Array} buffer the TTC file's bytes
 * @returns {Buffer} the sfnt bytes of face 0
 * @throws {Error} with a Chinese message for a non-TTC or corrupt input
 */
export function ttcFirstFace(buffer) {
  const buf = asBuffer(buffer);
  if (buf.length < 16 || buf.readUInt32BE(0) !== TTC_SIGNATURE) throw new Error('不是 TTC 字体集合文件');
  const numFonts = buf.readUInt32BE(8);
  if (numFonts === 0) throw new Error('TTC 字体集合中没有字体');
  const start = buf.readUInt32BE(12);
  if (start + SFNT_HEADER_SIZE > buf.length) throw new Error('TTC 字体集合文件损坏：字体偏移无效');
  const flavor = buf.readUInt32BE(start);
  const numTables = buf.readUInt16BE(start + 4);
  if (numTables === 0 || start + SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * numTables > buf.length) {
    throw new Error('TTC 字体集合文件损坏：表目录无效');
  }
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const rec = start + SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * i;
    const tag = tagAt(buf, rec);
    const sum = buf.readUInt32BE(rec + 4);
    const offset = buf.readUInt32BE(rec + 8);
    const len = buf.readUInt32BE(rec + 12);
    if (offset + len > buf.length) throw new Error(`TTC 字体集合文件损坏：表 ${tag} 超出文件范围`);
    tables.push({ tag, data: buf.subarray(offset, offset + len), checksum: tag === 'head' ? undefined : sum });
  }
  return buildSfnt(flavor, tables);
}

/**
 * Lists the tables of an sfnt (TTF/OTF) after checking that its directory lies inside the buffer.
 * @param {Uint8Array} buffer
 * @returns {{ flavor: number, tables: Map<string, { offset: number, length: number, checksum: number }> }}
 * @throws {Error} with a Chinese message when the directory is invalid
 */
export function sfntTables(buffer) {
  const buf = asBuffer(buffer);
  if (buf.length < SFNT_HEADER_SIZE) throw new Error('字体文件太短');
  const flavor = buf.readUInt32BE(0);
  const numTables = buf.readUInt16BE(4);
  if (numTables === 0 || SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * numTables > buf.length) {
    throw new Error('字体文件损坏：表目录无效');
  }
  const tables = new Map();
  for (let i = 0; i < numTables; i++) {
    const rec = SFNT_HEADER_SIZE + SFNT_ENTRY_SIZE * i;
    const tag = tagAt(buf, rec);
    const sum = buf.readUInt32BE(rec + 4);
    const offset = buf.readUInt32BE(rec + 8);
    const length = buf.readUInt32BE(rec + 12);
    if (offset + length > buf.length) throw new Error(`字体文件损坏：表 ${tag} 超出文件范围`);
    tables.set(tag, { offset, length, checksum: sum });
  }
  return { flavor, tables };
}
