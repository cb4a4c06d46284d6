import type { BulletinDocument } from '../core/model/document.js';
import type { PreviewResult } from './preview-types.js';
import type { Typesetter } from './typesetter.js';

/**
 * The preview path: the core's export with `allowMissing`, so characters no font has do not stop it. They
 * are listed in `missing` (once per character and place) and print as the font's empty box, so the editor
 * sees the page and the list of what to fix; the real export still refuses them with MissingGlyphsError.
 */
export interface PreviewRenderer {
  render(doc: BulletinDocument, opts: { readonly draft: boolean }): Promise<PreviewResult>;
}

export function createPreviewRenderer(typesetter: Typesetter): PreviewRenderer {
  return {
    async render(doc, opts) {
      const started = performance.now();
      const result = await typesetter.exportPdf(doc, { draft: opts.draft, allowMissing: true, purpose: 'preview' });
      // A fresh, unshared buffer: it may be transferred to another thread (pdfkit's may sit in a shared pool).
      const pdf = new Uint8Array(result.bytes.byteLength);
      pdf.set(result.bytes);
      const seen = new Set<string>();
      const missing: PreviewResult['missing'][number][] = [];
      for (const m of result.typeset.missing) {
        const key = `${m.codePoint}\u0000${m.source}`;
        if (seen.has(key)) continue;
        seen.add(key);
        missing.push({ char: m.char, codePoint: m.codePoint, source: m.source });
      }
      return { pdf, pages: result.typeset.layout.pages.length, ms: Math.round(performance.now() - started), missing };
    },
  };
}
