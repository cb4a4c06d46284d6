import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';

/**
 * pdf.js, set up once: one module worker (bundled by Vite as a file of its own, so the CSP's worker-src 'self'
 * admits it) shared by every document the preview loads. No eval (the CSP forbids it), no network: the PDF
 * comes as bytes and embeds all its fonts. Glyphs are drawn as paths (disableFontFace): no FontFace is
 * registered in the page for every new preview PDF, and the drawing is as fast.
 */
let worker: Worker | undefined;

function sharedWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL(workerUrl, document.baseURI), { type: 'module', name: 'pdfjs' });
    GlobalWorkerOptions.workerPort = worker;
  }
  return worker;
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  sharedWorker();
  // pdf.js transfers the buffer to its worker: give it a copy so the caller's bytes stay usable.
  const data = bytes.slice();
  const task = getDocument({
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    disableAutoFetch: true,
    disableStream: true,
    enableXfa: false,
    verbosity: 0,
  });
  return task.promise;
}
