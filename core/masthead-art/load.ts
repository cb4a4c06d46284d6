import { fromBase64, MASTHEAD_ART_MAX_BYTES, sniffMime, type MastheadArtMime } from './spec.js';
import { pdfToArtwork } from './pdf-artwork.js';
import { readPng } from './png-artwork.js';
import { svgToArtwork } from './svg-artwork.js';
import { MastheadArtError } from './svg-tree.js';
import type { MastheadArtwork } from './vector-art.js';

/**
 * Reading a 刊名 picture: the one entry point (services read the file, the renderer's settings preview, the
 * typesetter for an embedded picture). Every refusal is a MastheadArtError whose message says why in Chinese;
 * the masthead then stays typeset.
 */

export type LoadResult = { readonly ok: true; readonly art: MastheadArtwork; readonly mime: MastheadArtMime } | { readonly ok: false; readonly reason: string };

/** Reads artwork bytes (a file's, or an embedded picture's) — never throws. */
export function loadMastheadArt(bytes: Uint8Array, opts: { readonly name?: string; readonly mime?: string } = {}): LoadResult {
  try {
    const art = readArt(bytes, opts);
    return { ok: true, art: art.art, mime: art.mime };
  } catch (error) {
    if (error instanceof MastheadArtError) return { ok: false, reason: error.message };
    return { ok: false, reason: `刊名图无法读取：${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Reads an embedded picture's base64 data. */
export function loadEmbeddedArt(spec: { readonly mime: string; readonly data: string; readonly name?: string }): LoadResult {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(spec.data);
  } catch {
    return { ok: false, reason: '内嵌的刊名图数据已损坏（不是有效的 base64）' };
  }
  return loadMastheadArt(bytes, { mime: spec.mime, ...(spec.name ? { name: spec.name } : {}) });
}

function readArt(bytes: Uint8Array, opts: { readonly name?: string; readonly mime?: string }): { art: MastheadArtwork; mime: MastheadArtMime } {
  if (bytes.length > MASTHEAD_ART_MAX_BYTES) {
    throw new MastheadArtError(`刊名图文件过大（${(bytes.length / 1048576).toFixed(1)} MB，上限 5 MB）`);
  }
  if (bytes.length === 0) throw new MastheadArtError('刊名图文件是空的');
  const mime = sniffMime(bytes, opts.name ?? '');
  if (!mime) throw new MastheadArtError('不支持的刊名图格式：请使用 SVG（推荐）、矢量 PDF 或 600 dpi 以上的 PNG');
  if (mime === 'application/pdf') return { art: pdfToArtwork(bytes), mime };
  if (mime === 'image/png') return { art: readPng(bytes), mime };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MastheadArtError('SVG 文件已损坏（不是 UTF-8 文本）');
  }
  return { art: svgToArtwork(text), mime };
}
