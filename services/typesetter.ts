import { FaceSet, type LoadedFace } from '../core/fonts/face-set.js';
import type { BulletinDocument } from '../core/model/document.js';
import { exportPdf, type ExportResult } from '../core/render/export-pdf.js';
import { createPdfRenderer } from '../core/render/pdfmake-backend.js';
import type { LayoutPreset } from '../core/typeset/preset.js';
import { typeset, type TypesetResult } from '../core/typeset/typeset.js';
import { createFontFiles, type FontFiles, type FontFilesOptions } from './font-files.js';
import { exportOfd, type OfdExportOptions, type OfdExportResult } from './ofd-export.js';

/**
 * The typesetting service of a process: fonts read and parsed once, one PDF renderer, reused by every
 * export (PDF and OFD) (the app's export worker, the command line, tests and benchmarks each make one).
 */
export interface Typesetter {
  readonly fonts: FontFiles;
  readonly faces: FaceSet;
  typeset(doc: BulletinDocument, opts?: { preset?: LayoutPreset }): TypesetResult;
  exportPdf(
    doc: BulletinDocument,
    opts?: { draft?: boolean; preset?: LayoutPreset; extraInfo?: Record<string, string>; allowMissing?: boolean },
  ): Promise<ExportResult>;
  /** The issue as OFD (GB/T 33190), from the same page layout as the PDF; refuses characters no font has. */
  exportOfd(doc: BulletinDocument, opts?: Omit<OfdExportOptions, 'faces'>): OfdExportResult;
  /** Whether some font the document can use (its roles' fonts or a bundled fallback) has the character. */
  hasGlyph(doc: BulletinDocument, codePoint: number): boolean;
}

export function createTypesetter(options: FontFilesOptions = {}): Typesetter {
  const fonts = createFontFiles(options);
  const faces = new FaceSet(fonts);
  const renderer = createPdfRenderer();
  // The faces a document may print with, found once per fonts table (a check asks for every character).
  const candidates = new WeakMap<object, LoadedFace[]>();
  const candidatesFor = (fonts: BulletinDocument['publication']['fonts']): LoadedFace[] => {
    let list = candidates.get(fonts);
    if (!list) {
      list = [...Object.values(fonts).map((choice) => faces.face(choice, 'regular')), ...faces.fallbacks('regular')];
      candidates.set(fonts, list);
    }
    return list;
  };
  return {
    fonts,
    faces,
    typeset: (doc, opts = {}) => typeset(doc, { faces, preset: opts.preset }),
    exportPdf: (doc, opts = {}) => exportPdf(doc, { faces, renderer, ...opts }),
    exportOfd: (doc, opts = {}) => exportOfd(doc, { faces, ...opts }),
    hasGlyph(doc, codePoint) {
      return candidatesFor(doc.publication.fonts).some((f) => f.font.hasGlyphForCodePoint(codePoint));
    },
  };
}
