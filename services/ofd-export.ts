import { randomUUID } from 'node:crypto';
import type { FaceSet } from '../core/fonts/face-set.js';
import type { MastheadArtSource } from '../core/masthead-art/art-source.js';
import type { BulletinDocument } from '../core/model/document.js';
import { MissingGlyphsError } from '../core/render/export-pdf.js';
import type { SubsetCache } from '../core/render/ofd/ofd-fonts.js';
import { writeOfdPackage } from '../core/render/ofd/ofd-package.js';
import type { PageLayout } from '../core/typeset/page-layout.js';
import type { LayoutPreset } from '../core/typeset/preset.js';
import type { LineCache } from '../core/typeset/line-cache.js';
import { typeset, type TypesetResult } from '../core/typeset/typeset.js';

/**
 * OFD export (GB/T 33190-2016) of an issue: typeset exactly as for the PDF, refused with MissingGlyphsError
 * when a character is in no font, then written by the core's OFD backend (core/render/ofd/) from the same
 * PageLayout. Metadata as in the PDF: title, author, subject and keywords of the layout, overridden by the
 * lower-case keys of `extraInfo`; its other keys (the sign-off: Signer, SignedAt, SignOffOpinion,
 * ContentHash, ApprovalStatus…) become the document's CustomDatas.
 */

export interface OfdExportOptions {
  readonly faces: FaceSet;
  /** 样稿 watermark. */
  readonly draft?: boolean;
  readonly preset?: LayoutPreset;
  readonly extraInfo?: Readonly<Record<string, string>>;
  /** The creation date (default: now). */
  readonly now?: Date;
  /** The application's version, written as CreatorVersion. */
  readonly version?: string;
  /** The typesetter's memo of blocks' lines (only changed paragraphs are re-broken). */
  readonly lineCache?: LineCache;
  /** The typesetter's last subset of each face (reused when the same characters are set). */
  readonly subsetCache?: SubsetCache;
  /** Where the profile's 刊名 picture is read from. */
  readonly artSource?: MastheadArtSource;
}

export interface OfdExportResult {
  readonly bytes: Uint8Array;
  readonly typeset: TypesetResult;
}

/** The level of every heading block by its model path (articles[a].body[b], as the typesetter names blocks). */
function headingLevels(doc: BulletinDocument): Map<string, number> {
  const levels = new Map<string, number>();
  doc.issue.articles.forEach((article, a) =>
    article.body.forEach((block, b) => {
      if (block.type === 'heading') levels.set(`articles[${a}].body[${b}]`, block.level);
    }),
  );
  return levels;
}

/** Typesets a document and writes it as OFD. */
export function exportOfd(doc: BulletinDocument, opts: OfdExportOptions): OfdExportResult {
  const result = typeset(doc, { faces: opts.faces, preset: opts.preset, lineCache: opts.lineCache, artSource: opts.artSource });
  if (result.missing.length) throw new MissingGlyphsError(result.missing);
  return { bytes: renderOfdLayout(result.layout, doc, opts), typeset: result };
}

/** Writes a typeset layout of a document as OFD. */
export function renderOfdLayout(layout: PageLayout, doc: BulletinDocument, opts: Omit<OfdExportOptions, 'preset' | 'lineCache'>): Uint8Array {
  const { title, author, subject, keywords, ...custom } = opts.extraInfo ?? {};
  const info = {
    title: title ?? layout.info.title,
    author: author ?? layout.info.author,
    subject: subject ?? layout.info.subject,
    keywords: keywords ?? layout.info.keywords,
  };
  const watermarkFace = opts.draft ? opts.faces.face(doc.publication.fonts.hei, 'regular').key : undefined;
  return writeOfdPackage({
    layout: { ...layout, info },
    faces: opts.faces.loaded(),
    docId: randomUUID().replace(/-/g, ''),
    created: opts.now ?? new Date(),
    creatorVersion: opts.version,
    customData: custom,
    headingLevels: headingLevels(doc),
    ...(opts.subsetCache ? { subsetCache: opts.subsetCache } : {}),
    ...(watermarkFace ? { watermark: { text: '样 稿', face: watermarkFace, size: 110 } } : {}),
  });
}
