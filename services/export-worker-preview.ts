import type { BulletinDocument } from '../core/model/document.js';
import { applyDocumentPatch, type DocumentPatch } from '../core/model/document-patch.js';
import { pagesAround, previewPages, toPreviewLayout } from '../core/render/preview-layout.js';
import type { Page } from '../core/typeset/page-layout.js';
import type { MissingGlyph } from '../core/typeset/units.js';
import type { PreviewAnswer, PreviewOptions, PreviewPagesResult, PreviewResult } from './preview-types.js';
import type { Typesetter } from './typesetter.js';

/**
 * The preview path. Mode 'layout' (the live preview): the typeset pages as drawing data (core/render/
 * preview-layout.ts) with the glyph outlines this session has not received yet. Mode 'pdf' (「PDF 校样」): the
 * core's export with `allowMissing`. Either way characters no font has do not stop it: they are listed in
 * `missing` (once per character and place) and print as the font's empty box, so the editor sees the page and the
 * list of what to fix; the real export still refuses them with MissingGlyphsError.
 *
 * Patches (the live preview's edits): a session keeps the last whole document it was sent with a `version` (or
 * made by a patch) and that version; a patch naming it as its base is applied and the result typeset exactly as the
 * whole document would be; any other patch is answered `{ kind: 'resend' }` (the caller then sends the document).
 */
export interface PreviewRenderer {
  render(doc: BulletinDocument, opts: PreviewOptions): Promise<PreviewResult>;
  /** A patch of the session's last document (mode 'layout' with a session), or `{ kind: 'resend' }`. */
  renderPatch(patch: DocumentPatch, opts: PreviewOptions): Promise<PreviewAnswer>;
  /**
   * The drawing data of pages of the session's recent layouts, by key (pages sent without it because they were
   * out of the view's window); keys it no longer holds are left out.
   */
  pages(session: string, keys: readonly string[]): PreviewPagesResult;
}

/** Sessions remembered (a window's preview is one; a reload starts another). */
const SESSIONS = 8;
/** Pages kept per session for {@link PreviewRenderer.pages} (the last layouts' pages, by key). */
const KEPT_PAGES = 4000;

interface Session {
  readonly glyphs: Set<string>;
  readonly pages: Set<string>;
  readonly texts: Set<string>;
  /** Recent pages by key (insertion order: the oldest are dropped past {@link KEPT_PAGES}). */
  readonly laid: Map<string, Page>;
  /** The last whole document laid out in this session with a version (patches apply to it). */
  last?: { readonly document: BulletinDocument; readonly version: number };
}

const newSession = (): Session => ({ glyphs: new Set(), pages: new Set(), texts: new Set(), laid: new Map() });

export function createPreviewRenderer(typesetter: Typesetter): PreviewRenderer {
  const sessions = new Map<string, Session>();
  const sentFor = (session: string) => {
    let sent = sessions.get(session);
    if (!sent) {
      if (sessions.size >= SESSIONS) sessions.delete(sessions.keys().next().value!);
      sent = newSession();
      sessions.set(session, sent);
    }
    return sent;
  };
  const renderer: PreviewRenderer = {
    async renderPatch(patch, opts) {
      const session = opts.mode === 'layout' && opts.session ? sessions.get(opts.session) : undefined;
      const last = session?.last;
      const doc = last && last.version === patch.base ? applyDocumentPatch(last.document, patch) : undefined;
      if (!doc) return { kind: 'resend' };
      return renderer.render(doc, { ...opts, version: patch.version });
    },
    pages(session, keys) {
      const sent = sentFor(session);
      const found = keys.flatMap((key) => {
        const page = sent.laid.get(key);
        return page ? [{ key, page }] : [];
      });
      return previewPages(found, { faces: typesetter.faces.loaded(), sent: sent.glyphs, sentPages: sent.pages });
    },
    async render(doc, opts) {
      const started = performance.now();
      if (opts.mode === 'layout') {
        const result = typesetter.typeset(doc, { report: false });
        // Without a session nothing is assumed sent (every page and glyph comes whole).
        const session = opts.session ? sentFor(opts.session) : undefined;
        const sent = session ?? newSession();
        const n = result.layout.pages.length;
        // Only with a session can the pages out of the window be asked for later.
        const window = session && opts.view ? new Set(pagesAround(Math.min(Math.max(opts.view.page, 1), n), n, opts.view.count)) : undefined;
        const laid = sent.laid;
        const layout = toPreviewLayout(result.layout, {
          faces: typesetter.faces.loaded(),
          draft: opts.draft,
          defaultFace: typesetter.faces.face(doc.publication.fonts.hei, 'regular').key,
          sent: sent.glyphs,
          sentPages: sent.pages,
          ...(window ? { window, sentText: sent.texts } : {}),
          ...(session
            ? {
                onPage: (key: string, page: Page) => {
                  laid.delete(key);
                  laid.set(key, page);
                  if (laid.size > KEPT_PAGES) laid.delete(laid.keys().next().value!);
                },
              }
            : {}),
        });
        if (session) {
          if (opts.version === undefined) delete session.last;
          else session.last = { document: doc, version: opts.version };
        }
        const ms = Math.round(performance.now() - started);
        return { kind: 'layout', layout, pages: layout.pages.length, ms, missing: unique(result.missing) };
      }
      const result = await typesetter.exportPdf(doc, { draft: opts.draft, allowMissing: true, purpose: 'preview' });
      // A fresh, unshared buffer: it may be transferred to another thread.
      const pdf = new Uint8Array(result.bytes.byteLength);
      pdf.set(result.bytes);
      const ms = Math.round(performance.now() - started);
      return { kind: 'pdf', pdf, pages: result.typeset.layout.pages.length, ms, missing: unique(result.typeset.missing) };
    },
  };
  return renderer;
}

function unique(all: readonly MissingGlyph[]): PreviewResult['missing'][number][] {
  const seen = new Set<string>();
  const missing: PreviewResult['missing'][number][] = [];
  for (const m of all) {
    const key = `${m.codePoint}\u0000${m.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    missing.push({ char: m.char, codePoint: m.codePoint, source: m.source });
  }
  return missing;
}
