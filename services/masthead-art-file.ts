import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadMastheadArt } from '../core/masthead-art/load.js';
import { MASTHEAD_ART_MAX_BYTES, toBase64, type MastheadArtSpec } from '../core/masthead-art/spec.js';
import { placeMastheadArt } from '../core/typeset/masthead-art.js';
import { presetByName, type LayoutPreset } from '../core/typeset/preset.js';

/**
 * A 刊名 picture file chosen in 期刊设置 or named on the command line (issue 12): read, checked as the typesetter
 * will read it (format, safety, size, a PNG's resolution at the masthead's size), and embedded, so that the
 * profile — and every issue file made from it — carries the picture and moves as one file. A refusal carries
 * the reason in Chinese; nothing is changed then.
 */
export type ArtFileResult =
  | { readonly ok: true; readonly spec: Extract<MastheadArtSpec, { kind: 'embedded' }>; readonly kind: 'vector' | 'raster' }
  | { readonly ok: false; readonly reason: string };

export function readMastheadArtFile(path: string, opts: { readonly preset?: LayoutPreset } = {}): ArtFileResult {
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > MASTHEAD_ART_MAX_BYTES) return { ok: false, reason: `刊名图文件过大（${(size / 1048576).toFixed(1)} MB，上限 5 MB）` };
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: `无法读取刊名图文件 ${basename(path)}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message}` };
  }
  const loaded = loadMastheadArt(bytes, { name: path });
  if (!loaded.ok) return { ok: false, reason: `${basename(path)}：${loaded.reason}` };
  const placed = placeMastheadArt(loaded.art, { preset: opts.preset ?? presetByName('standard'), colour: 'red', alt: '' });
  if (!placed.ok) return { ok: false, reason: `${basename(path)}：${placed.reason}` };
  return { ok: true, kind: loaded.art.kind, spec: { kind: 'embedded', mime: loaded.mime, data: toBase64(bytes), name: basename(path) } };
}
