import { deflateSync } from 'node:zlib';
import type { BackendName, LayoutRenderer } from '../core/render/layout-renderer.js';
import { createPdfWriterRenderer } from '../core/render/pdf-backend.js';
import { createPdfmakeLayoutRenderer } from '../core/render/pdfmake-backend.js';

/** The backends `bulletin export --backend` accepts. */
export const BACKENDS: readonly BackendName[] = ['pdf', 'pdfmake'];

/**
 * A PDF backend for a process: our own writer (default; deflate from node:zlib, dated by `now`) or pdfmake.
 * Level 6 (zlib's default) is the size/speed balance; fonts are compressed once per session growth.
 */
export function createLayoutRenderer(backend: BackendName = 'pdf', opts: { now?: () => Date } = {}): LayoutRenderer {
  if (backend === 'pdfmake') return createPdfmakeLayoutRenderer();
  return createPdfWriterRenderer({ deflate: (data) => deflateSync(data), now: opts.now ?? (() => new Date()) });
}
