import type { FaceSet } from '../core/fonts/face-set.js';
import type { BulletinDocument } from '../core/model/document.js';
import { MissingGlyphsError } from '../core/render/export-pdf.js';
import type { LayoutRenderer } from '../core/render/layout-renderer.js';
import type { PdfaProfile } from '../core/render/pdf-archive.js';
import type { PageLayout } from '../core/typeset/page-layout.js';
import type { LayoutPreset } from '../core/typeset/preset.js';
import type { TypesetResult } from '../core/typeset/typeset.js';
import type { Approval } from './approval.js';
import { contentHash } from './content-hash.js';
import type { IssueMeta, Library, SignOff } from './library-types.js';
import { loadOutputProfile } from './output-profile.js';
import type { Typesetter } from './typesetter.js';

/** The formats an issue is exported in: PDF (print), OFD (GB/T 33190, archive and exchange). */
export type ExportFormat = 'pdf' | 'ofd';

/**
 * Exporting an issue from the library: a 样稿 (draft, watermarked) at any time, or the final PDF — no
 * watermark. The final PDF is made once, at sign-off ({@link IssueExporter.renderFinal}, then digitally signed
 * and kept by services/approval.ts); a final export hands out that stored, signed file, and only while the
 * sign-off record verifies and the content still has the hash that was signed. The final PDF's metadata names
 * the signer and the date and carries the content hash (custom Info keys Signer, SignedAt, SignOffOpinion,
 * ContentHash, SignerCertificate, ApprovalStatus; the Keywords say 已签发). Every export is recorded in the
 * issue's history. OFD (format 'ofd') follows the same rules: a draft OFD carries the 样稿 watermark; a final
 * OFD is given only for a signed-off issue whose record verifies, rendered from exactly the signed content
 * with the same metadata (the sign-off as the OFD's CustomDatas). It is not digitally signed: OFD signatures
 * (GB/T 38540) are not written.
 */

/** Raised when a final PDF is asked for an issue that may not have one; the message is the Chinese reason. */
export class FinalExportRefused extends Error {
  constructor(readonly reason: string) {
    super(`不能导出正式版：${reason}`);
    this.name = 'FinalExportRefused';
  }
}

export interface ExportedIssue {
  readonly bytes: Uint8Array;
  /** e.g. 联络动态2021年第8期（总第631期）.pdf, or …（样稿）.pdf; .ofd for OFD. */
  readonly fileName: string;
  readonly pages: number;
  readonly meta: IssueMeta;
}

/** A signed-off issue ready for final output: the very document whose hash matched, and its signed final PDF. */
export interface FinalIssue {
  readonly document: BulletinDocument;
  readonly signOff: SignOff;
  readonly typeset: TypesetResult;
  /** The metadata of a final PDF of this issue. */
  readonly info: Readonly<Record<string, string>>;
  /** The digitally signed final PDF made at sign-off. */
  readonly pdf: Uint8Array;
}

export interface IssueExporter {
  /** The fonts of the typesetter (stamps and the register are set with them). */
  readonly faces: FaceSet;
  /** Renders and records an export. `target` (the path written, if known) goes into the history. */
  exportIssue(
    id: string,
    options: { final: boolean; by?: string; target?: string; preset?: LayoutPreset; format?: ExportFormat },
  ): Promise<ExportedIssue>;
  /** Checks the sign-off (record, content, stored final PDF) and typesets the issue; throws FinalExportRefused. */
  prepareFinal(id: string): FinalIssue;
  /** The unsigned final PDF of a document for a sign-off (called at sign-off, before the PDF is signed). */
  renderFinal(document: BulletinDocument, signOff: SignOff, options?: FinalPdfOptions): Promise<Uint8Array>;
  /** Renders a page layout of a document (a stamped copy, the 分发登记表) through the PDF backend. */
  renderLayout(layout: PageLayout, document: BulletinDocument, options?: { draft?: boolean; info?: Readonly<Record<string, string>> }): Promise<Uint8Array>;
}

export interface IssueExporterOptions {
  readonly library: Library;
  readonly typesetter: Typesetter;
  /** Decides whether a final PDF may be handed out (absent: final exports are refused). */
  readonly approval?: Pick<Approval, 'finalState'>;
  readonly now?: () => Date;
  /** The renderer for layouts made outside the typesetter (stamped copies, the register); the typesetter's if absent. */
  readonly renderer?: LayoutRenderer;
  /** The PDF/A output profile (tests); assets/icc/'s (services/output-profile.ts) when absent. */
  readonly outputProfile?: () => PdfaProfile;
}

/** How the final PDF is made at sign-off. */
export interface FinalPdfOptions {
  /** PDF/A-2u (and tagged); default: the publication profile's `finalPdfA` (on unless set to false). */
  readonly pdfa?: boolean;
}

/** The file name of an issue's PDF: 联络动态2021年第8期（总第631期）.pdf; the draft adds （样稿）; OFD ends in .ofd. */
export function issueFileName(doc: BulletinDocument, options: { final: boolean; format?: ExportFormat }): string {
  const { issue, publication } = doc;
  const name = publication.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || '简报';
  const total = issue.totalNumber ? `（总第${issue.totalNumber}期）` : '';
  return `${name}${issue.year}年第${issue.number}期${total}${options.final ? '' : '（样稿）'}.${options.format ?? 'pdf'}`;
}

/** The PDF metadata of a final export. */
export function finalInfo(doc: BulletinDocument, signOff: SignOff): Record<string, string> {
  const { issue, publication } = doc;
  return {
    keywords: ['简报', publication.name, `${issue.year}年`, `第${issue.number}期`, '已签发', `签发人：${signOff.signer}`].join(', '),
    Signer: signOff.signer,
    SignedAt: signOff.at,
    SignOffOpinion: signOff.opinion,
    ContentHash: `sha256:${signOff.contentHash}`,
    ...(signOff.certificate ? { SignerCertificate: `sha256:${signOff.certificate}` } : {}),
    ApprovalStatus: '已签发',
  };
}

export function createIssueExporter(options: IssueExporterOptions): IssueExporter {
  const { library, typesetter, approval } = options;
  const now = options.now ?? (() => new Date());
  const renderer = options.renderer;

  const finalState = (id: string) => {
    if (!approval) throw new FinalExportRefused('签发服务不可用');
    const state = approval.finalState(id);
    if (!state.ok) throw new FinalExportRefused(state.reason);
    // The document checked with the record (the file may change between two reads).
    if (contentHash(state.document) !== state.signOff.contentHash) throw new FinalExportRefused('签发后内容已修改，需重新签发');
    return state;
  };

  const prepareFinal = (id: string): FinalIssue => {
    const state = finalState(id);
    const result = typesetter.typeset(state.document);
    if (result.missing.length) throw new MissingGlyphsError(result.missing);
    return { document: state.document, signOff: state.signOff, typeset: result, info: finalInfo(state.document, state.signOff), pdf: state.pdf };
  };

  const renderLayout = async (
    layout: PageLayout,
    document: BulletinDocument,
    opts: { draft?: boolean; info?: Readonly<Record<string, string>>; subsets?: 'session' | 'exact'; pdfa?: PdfaProfile } = {},
  ): Promise<Uint8Array> => {
    const pdfa = opts.pdfa ? { pdfa: opts.pdfa } : {};
    if (!renderer) return typesetter.renderLayout(layout, document, { draft: opts.draft, extraInfo: opts.info, subsets: opts.subsets, ...pdfa });
    const faces = typesetter.faces;
    const defaultFace = faces.face(document.publication.fonts.hei, 'regular');
    return renderer.render(layout, { faces: faces.loaded(), defaultFace: defaultFace.key, draft: opts.draft ?? false, extraInfo: opts.info, subsets: opts.subsets, ...pdfa });
  };
  let profile: PdfaProfile | undefined;
  const outputProfile = () => (profile ??= options.outputProfile ? options.outputProfile() : loadOutputProfile());

  return {
    faces: typesetter.faces,
    prepareFinal,
    renderLayout,
    async renderFinal(document, signOff, final = {}) {
      const result = typesetter.typeset(document);
      if (result.missing.length) throw new MissingGlyphsError(result.missing);
      // PDF/A-2u unless switched off for this sign-off or in the publication profile.
      const archival = final.pdfa ?? document.publication.finalPdfA !== false;
      // The final PDF holds exactly its own glyphs (not the session's).
      return renderLayout(result.layout, document, {
        info: finalInfo(document, signOff),
        subsets: 'exact',
        ...(archival ? { pdfa: outputProfile() } : {}),
      });
    },
    async exportIssue(id, { final, by, target, preset, format = 'pdf' }) {
      let bytes: Uint8Array;
      let document: BulletinDocument;
      let pages: number;
      if (final) {
        const state = finalState(id);
        document = state.document;
        if (preset && preset.name !== document.publication.preset) {
          throw new FinalExportRefused('正式版是签发时按本期版式生成并数字签名的文件，不能另选版式');
        }
        if (format === 'ofd') {
          // The final OFD: the very content whose sign-off record verified, with the sign-off as CustomDatas.
          const result = typesetter.exportOfd(document, { extraInfo: finalInfo(document, state.signOff), now: now() });
          bytes = result.bytes;
          pages = result.typeset.layout.pages.length;
        } else {
          bytes = state.pdf;
          pages = countPages(state.pdf);
        }
      } else {
        document = library.read(id).document;
        const extraInfo = { ApprovalStatus: '样稿（未签发或不作正式印发）' };
        const result =
          format === 'ofd'
            ? typesetter.exportOfd(document, { draft: true, ...(preset ? { preset } : {}), extraInfo, now: now() })
            : await typesetter.exportPdf(document, { draft: true, ...(preset ? { preset } : {}), extraInfo });
        bytes = result.bytes;
        pages = result.typeset.layout.pages.length;
      }
      const fileName = issueFileName(document, { final, format });
      const meta = library.record(id, {
        action: 'exported',
        by: by || undefined,
        detail: `${final ? '正式版' : '样稿'}${format === 'ofd' ? '（OFD）' : ''}：${target ?? fileName}`,
      });
      return { bytes, fileName, pages, meta };
    },
  };
}

/** The page count of a PDF from its page tree's /Count (the stored final PDF is our own writer's output). */
function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  return counts.length ? Math.max(...counts) : 0;
}
