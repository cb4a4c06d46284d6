import type { FaceSet } from '../fonts/face-set.js';
import type { BulletinDocument } from '../model/document.js';
import type { LayoutPreset } from '../typeset/preset.js';
import { typeset, type TypesetResult } from '../typeset/typeset.js';
import type { MissingGlyph } from '../typeset/units.js';
import type { PdfRenderer } from './pdfmake-backend.js';
import { toPdfmakeDocument } from './pdfmake-document.js';

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
  readonly renderer: PdfRenderer;
  /** 样稿 watermark. */
  readonly draft?: boolean;
  readonly preset?: LayoutPreset;
  /** Extra PDF metadata (signer, content hash). */
  readonly extraInfo?: Readonly<Record<string, string>>;
  /**
   * Render even when characters are in no font (they print as the font's empty box): for the on-screen
   * preview, which lists them beside the pages. A real export never sets this.
   */
  readonly allowMissing?: boolean;
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
  const result = typeset(doc, { faces: opts.faces, preset: opts.preset });
  if (result.missing.length && !opts.allowMissing) throw new MissingGlyphsError(result.missing);
  const used = new Set<string>();
  for (const page of result.layout.pages) for (const t of page.texts) used.add(t.face);
  const defaultFace = opts.faces.face(doc.publication.fonts.hei, 'regular');
  used.add(defaultFace.key);
  const faces = [...opts.faces.loaded().values()].filter((f) => used.has(f.key));
  const pdfDoc = toPdfmakeDocument(result.layout, {
    draft: opts.draft ?? false,
    defaultFace: defaultFace.key,
    extraInfo: opts.extraInfo,
  });
  const bytes = await opts.renderer.render(pdfDoc, faces);
  return { bytes, typeset: result };
}
