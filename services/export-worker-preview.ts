import type { BulletinDocument } from '../core/model/document.js';
import { toPreviewLayout } from '../core/render/preview-layout.js';
import type { MissingGlyph } from '../core/typeset/units.js';
import type { PreviewOptions, PreviewResult } from './preview-types.js';
import type { Typesetter } from './typesetter.js';

/**
 * The preview path. Mode 'layout' (the live preview): the typeset pages as drawing data (core/render/
 * preview-layout.ts) with the glyph outlines this session has not received yet. Mode 'pdf' (「PDF 校样」): the
 * core's export with `allowMissing`. Either way characters no font has do not stop it: they are listed in
 * `missing` (once per character and place) and print as the font's empty box, so the editor sees the page and the
 * list of what to fix; the real export still refuses them with MissingGlyphsError.
 */
export interface PreviewRenderer {
  render(doc: BulletinDocument, opts: PreviewOptions): Promise<PreviewResult>;
}

/** Sessions remembered (a window's preview is one; a reload starts another). */
const SESSIONS = 8;

export function createPreviewRenderer(typesetter: Typesetter): PreviewRenderer {
  const sessions = new Map<string, { glyphs: Set<string>; pages: Set<string> }>();
  const sentFor = (session: string) => {
    let sent = sessions.get(session);
    if (!sent) {
      if (sessions.size >= SESSIONS) sessions.delete(sessions.keys().next().value!);
      sent = { glyphs: new Set(), pages: new Set() };
      sessions.set(session, sent);
    }
    return sent;
  };
  return {
    async render(doc, opts) {
      const started = performance.now();
      if (opts.mode === 'layout') {
        const result = typesetter.typeset(doc, { report: false });
        // Without a session nothing is assumed sent (every page and glyph comes whole).
        const sent = opts.session ? sentFor(opts.session) : { glyphs: new Set<string>(), pages: new Set<string>() };
        const layout = toPreviewLayout(result.layout, {
          faces: typesetter.faces.loaded(),
          draft: opts.draft,
          defaultFace: typesetter.faces.face(doc.publication.fonts.hei, 'regular').key,
          sent: sent.glyphs,
          sentPages: sent.pages,
        });
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
