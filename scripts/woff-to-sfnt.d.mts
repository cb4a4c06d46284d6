// Types for woff-to-sfnt.mjs (kept in plain JS so the postinstall script can run it without TypeScript).

/**
 * Converts a WOFF 1.0 font to the sfnt (TTF or OTF) it wraps. Throws an Error with a Chinese message for WOFF2
 * ("不支持 WOFF2 字体，请先转换为 TTF"), a non-WOFF input or a corrupt WOFF.
 */
export function woffToSfnt(buffer: Uint8Array): Buffer;

/** Extracts the first face of a TrueType/OpenType Collection (.ttc) as a standalone sfnt. */
export function ttcFirstFace(buffer: Uint8Array): Buffer;

/** Writes an sfnt from tables (sorted, aligned, with head.checkSumAdjustment recomputed). */
export function buildSfnt(
  flavor: number,
  tables: readonly { readonly tag: string; readonly data: Buffer; readonly checksum?: number }[],
): Buffer;

/** Lists the tables of an sfnt after checking that its directory lies inside the buffer. */
export function sfntTables(buffer: Uint8Array): {
  flavor: number;
  tables: Map<string, { offset: number; length: number; checksum: number }>;
};
