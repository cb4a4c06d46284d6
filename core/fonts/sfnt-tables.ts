/**
 * Reading and writing the table directory of an sfnt font file (TrueType / OpenType, ISO/IEC 14496-22 §5.1):
 * just enough to take tables out of one font and assemble another. Pure: bytes in, bytes out.
 */

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
