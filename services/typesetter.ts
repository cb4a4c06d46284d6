import { readFileSync } from 'node:fs';
import { createArtSource } from '../core/masthead-art/art-source.js';
import type { PdfaProfile } from '../core/render/pdf-archive.js';
import { FaceSet, type LoadedFace } from '../core/fonts/face-set.js';
import type { BulletinDocument } from '../core/model/document.js';
import { exportPdf, type ExportResult } from '../core/render/export-pdf.js';
import type { BackendName, LayoutRenderer } from '../core/render/layout-renderer.js';
import type { PageLayout } from '../core/typeset/page-layout.js';
import type { LayoutPreset } from '../core/typeset/preset.js';
import { createLineCache } from '../core/typeset/line-cache.js';
import { typeset, type TypesetResult } from '../core/typeset/typeset.js';
import { createFontFiles, type FontFiles, type FontFilesOptions } from './font-files.js';
import { createLayoutRenderer } from './pdf-backends.js';
import { exportOfd, type OfdExportOptions, type OfdExportResult } from './ofd-export.js';
import type { SubsetCache } from '../core/render/ofd/ofd-fonts.js';

/**
 * The typesetting service of a process: fonts read and parsed once, one PDF renderer, reused by every
 * export (PDF and OFD) (the app's export worker, the command line, tests and benchmarks each make one).
 */
export interface Typesetter {
  readonly fonts: FontFiles;
  readonly faces: FaceSet;
  /** The process's PDF backend (its session subsets live as long as the typesetter). */
  readonly renderer: LayoutRenderer;
  /** The page layout; `report: false` leaves out the layout report (the live preview draws the pages only). */
  typeset(doc: BulletinDocument, opts?: { preset?: LayoutPreset; report?: boolean }): TypesetResult;
  exportPdf(
    doc: BulletinDocument,
    opts?: {
      draft?: boolean;
      preset?: LayoutPreset;
      extraInfo?: Record<string, string>;
      allowMissing?: boolean;
      subsets?: 'session' | 'exact';
      purpose?: 'export' | 'preview';
    },
  ): Promise<ExportResult>;
  /** The issue as OFD (GB/T 33190), from the same page layout as the PDF; refuses characters no font has. */
  exportOfd(doc: BulletinDocument, opts?: Omit<OfdExportOptions, 'faces'>): OfdExportResult;
  /** Renders a layout made elsewhere (a stamped copy, the register, the final PDF) with the document's fonts. */
  renderLayout(
    layout: PageLayout,
    doc: BulletinDocument,
    opts?: { draft?: boolean; extraInfo?: Readonly<Record<string, string>>; subsets?: 'session' | 'exact'; pdfa?: PdfaProfile },
  ): Promise<Uint8Array>;
  /** Whether some font the document can use (its roles' fonts or a bundled fallback) has the character. */
  hasGlyph(doc: BulletinDocument, codePoint: number): boolean;
}

/** Where fonts come from, and which PDF backend to use (default: our own writer). */
export interface TypesetterOptions extends FontFilesOptions {
  readonly backend?: BackendName;
}

export function createTypesetter(options: TypesetterOptions = {}): Typesetter {
  const fonts = createFontFiles(options);
  const faces = new FaceSet(fonts);
  const renderer = createLayoutRenderer(options.backend);
  const lineCache = createLineCache();
  /** The profile's 刊名 picture: files read from disk, parsed once per content. */
  const artSource = createArtSource({ readFile: (path) => readFileSync(path) });
  /** The OFD writer's last subset of each face. */
  const subsetCache: SubsetCache = new Map();
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
    renderer,
    typeset: (doc, opts = {}) =>
      typeset(doc, { faces, preset: opts.preset, lineCache, artSource, ...(opts.report === false ? { report: false } : {}) }),
    exportPdf: (doc, opts = {}) => exportPdf(doc, { faces, renderer, lineCache, artSource, ...opts }),
    renderLayout(layout, doc, opts = {}) {
      const defaultFace = faces.face(doc.publication.fonts.hei, 'regular');
      return renderer.render(layout, {
        faces: faces.loaded(),
        defaultFace: defaultFace.key,
        draft: opts.draft ?? false,
        extraInfo: opts.extraInfo,
        subsets: opts.subsets,
        ...(opts.pdfa ? { pdfa: opts.pdfa } : {}),
      });
    },
    exportOfd: (doc, opts = {}) => exportOfd(doc, { faces, lineCache, subsetCache, artSource, ...opts }),
    hasGlyph(doc, codePoint) {
      return candidatesFor(doc.publication.fonts).some((f) => f.font.hasGlyphForCodePoint(codePoint));
    },
  };
}
