import { deflateSync } from 'node:zlib';
import type { BackendName, LayoutRenderer } from '../core/render/layout-renderer.js';
import { createPdfWriterRenderer } from '../core/render/pdf-backend.js';

export { BACKENDS } from '../core/render/layout-renderer.js';

/**
 * A PDF backend for a process: our own writer (default; deflate from node:zlib, dated by `now`) or pdfmake.
 * Level 6 (zlib's default) is the size/speed balance; fonts are compressed once per session growth.
 */
export function createLayoutRenderer(backend: BackendName = 'pdf', opts: { now?: () => Date } = {}): LayoutRenderer {
  if (backend === 'pdfmake') {
    // Loaded only when asked for: pdfmake and pdfkit cost tens of megabytes in every process otherwise.
    let renderer: Promise<LayoutRenderer> | undefined;
    return {
      backend,
      async render(layout, request) {
        renderer ??= import('../core/render/pdfmake-backend.js').then((m) => m.createPdfmakeLayoutRenderer());
        return (await renderer).render(layout, request);
      },
    };
  }
  return createPdfWriterRenderer({ deflate: (data) => deflateSync(data), now: opts.now ?? (() => new Date()) });
}
