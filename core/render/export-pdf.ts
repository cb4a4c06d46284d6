import type { FaceSet } from '../fonts/face-set.js';
import type { MastheadArtSource } from '../masthead-art/art-source.js';
import type { BulletinDocument } from '../model/document.js';
import type { LineCache } from '../typeset/line-cache.js';
import type { LayoutPreset } from '../typeset/preset.js';
import { typeset, type TypesetResult } from '../typeset/typeset.js';
import type { MissingGlyph } from '../typeset/units.js';
import type { LayoutRenderer } from './layout-renderer.js';

/** Raised when characters of the issue are in no font: they are named, never printed as empty boxes. */
export class MissingGlyphsError extends Error {
  constructor(readonly missing: readonly MissingGlyph[]) {
    const unique = [...new Map(missing.map((m) => [m.codePoint, m])).values()];
    const list = unique
      .slice(0, 10)
      .map((m) => `“${m.char}”（U+${m.codePoint.toString(16).toUpperCase().padStart(4, '0')}）`)
      .join('、');
    super(`缺字：${list}${unique.length > 10 ? ` 等 ${unique.length} 个字` : ''}在所有字体中都没有字形，请改用其他字或为该角色选择含有此字的字体`);
    this.name = 'MissingGlyphsError';
  }
}

export interface ExportOptions {
  readonly faces: FaceSet;
  readonly renderer: LayoutRenderer;
  /** 样稿 watermark. */
  readonly draft?: boolean;
  readonly preset?: LayoutPreset;
  /** The typesetter's memo of line breaking. */
  readonly lineCache?: LineCache;
  /** Extra PDF metadata (signer, content hash). */
  readonly extraInfo?: Readonly<Record<string, string>>;
  /**
   * Render even when characters are in no font (they print as the font's empty box): for the on-screen
   * preview, which lists them beside the pages. A real export never sets this.
   */
  readonly allowMissing?: boolean;
  /** Subsets: see RenderRequest.subsets ('exact' for the final PDF). */
  readonly subsets?: 'session' | 'exact';
  /** 'preview' leaves content streams uncompressed. */
  readonly purpose?: 'export' | 'preview';
  /** Where the profile's 刊名 picture is read from (typeset.ts). */
  readonly artSource?: MastheadArtSource;
}

export interface ExportResult {
  readonly bytes: Uint8Array;
  readonly typeset: TypesetResult;
}

/**
 * Typesets an issue and renders it to PDF bytes. Throws MissingGlyphsError before rendering anything when a
 * character is in no font, unless `allowMissing` (preview) is set; `typeset.missing` lists them either way.
 */
export async function exportPdf(doc: BulletinDocument, opts: ExportOptions): Promise<ExportResult> {
  const result = typeset(doc, { faces: opts.faces, preset: opts.preset, lineCache: opts.lineCache, artSource: opts.artSource });
  if (result.missing.length && !opts.allowMissing) throw new MissingGlyphsError(result.missing);
  const defaultFace = opts.faces.face(doc.publication.fonts.hei, 'regular');
  const bytes = await opts.renderer.render(result.layout, {
    faces: opts.faces.loaded(),
    defaultFace: defaultFace.key,
    draft: opts.draft ?? false,
    extraInfo: opts.extraInfo,
    subsets: opts.subsets,
    purpose: opts.purpose,
  });
  return { bytes, typeset: result };
}
