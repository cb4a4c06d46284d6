// The export worker's thread: ONE typesetter (fonts read and parsed once, on the first request that needs them)
// serving every typesetting job of the app — preview renders, the check's glyph coverage, a user font's check,
// draft and final exports and printing, and re-encoding inserted pictures (over its own library instance on the same folder, approval, exporter and
// printing services). Started by export-worker.ts; never imports 'electron'.
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from '../core/check/index.js';
import { checkIssue } from './layout-check.js';
import type { BulletinDocument } from '../core/model/document.js';
import type { LayoutPreset } from '../core/typeset/preset.js';
import type { PreviewAnswer, PreviewInput, PreviewOptions, PreviewPagesResult } from './preview-types.js';
import type { PrinterInfo, PrintRequest } from './printing-types.js';
import { createApproval } from './approval.js';
import { createSpooler } from './cups.js';
import { createPreviewRenderer, type PreviewRenderer } from './export-worker-preview.js';
import type { FontFilesOptions } from './font-files.js';
import { createIssueExporter, type ExportedIssue, type ExportFormat, type FinalPdfOptions } from './issue-export.js';
import { createLibrary } from './library.js';
import { createPrinting, type PrintOutcome } from './printing.js';
import type { SignOff } from './library-types.js';
import { createTypesetter, type Typesetter } from './typesetter.js';
import { preparePicture } from './picture-prepare.js';
import type { PictureImage } from '../core/model/issue.js';

/** What the thread is started with. */
export interface ThreadData {
  readonly fonts: FontFilesOptions;
  /** The library folder (export and print requests); absent: those requests are refused. */
  readonly libraryDir?: string;
}

/** The options of an export request (as IssueExporter.exportIssue's). */
export interface ExportIssueOptions {
  readonly final: boolean;
  readonly by?: string;
  readonly target?: string;
  readonly preset?: LayoutPreset;
  /** 'pdf' (default) or 'ofd'. */
  readonly format?: ExportFormat;
}

/** Each request kind's payload and result. */
export interface ThreadKinds {
  preview: { payload: PreviewInput & PreviewOptions; result: PreviewAnswer };
  /** The drawing data of pages of a preview session's recent layouts, by key (PreviewRenderer.pages). */
  previewPages: { payload: { readonly session: string; readonly keys: readonly string[] }; result: PreviewPagesResult };
  check: { payload: { readonly document: BulletinDocument }; result: Problem[] };
  /** Whether a user font file can be used (parses it); throws the font service's Chinese reason. */
  checkFont: { payload: { readonly path: string }; result: null };
  exportIssue: { payload: { readonly id: string; readonly options: ExportIssueOptions }; result: ExportedIssue };
  renderFinal: { payload: { readonly document: BulletinDocument; readonly signOff: SignOff; readonly options?: FinalPdfOptions }; result: Uint8Array };
  print: { payload: { readonly request: PrintRequest; readonly by?: string }; result: PrintOutcome };
  printers: { payload: Record<string, never>; result: PrinterInfo[] };
  /** A picture file checked and re-encoded (services/picture-prepare.ts); throws its PictureError's Chinese reason. */
  preparePicture: { payload: { readonly bytes: Uint8Array }; result: PictureImage };
}
export type ThreadKind = keyof ThreadKinds;

/**
 * main → thread. `at` is the main process's clock at the time of the request (ISO): the thread's services
 * run on a clock starting there, so tests' injected clocks reach the history entries written in the thread.
 */
export type ThreadRequest = {
  [K in ThreadKind]: { readonly id: number; readonly kind: K; readonly at?: string; readonly payload: ThreadKinds[K]['payload'] };
}[ThreadKind];

/** An error as it crosses: its message and, when present, its name, code and path (errorMessage uses them). */
export interface ThreadError {
  readonly message: string;
  readonly name?: string;
  readonly code?: string;
  readonly path?: string;
}

/** thread → main */
export type ThreadResponse =
  | { readonly id: number; readonly ok: true; readonly result: ThreadKinds[ThreadKind]['result'] }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly details?: ThreadError };

const port = parentPort;
if (!port) throw new Error('export-worker-thread must run in a worker thread');
const { fonts, libraryDir } = (workerData ?? { fonts: {} }) as ThreadData;

let typesetter: Typesetter | undefined;
let preview: PreviewRenderer | undefined;
const typesetterOnce = () => (typesetter ??= createTypesetter(fonts));

port.on('message', (request: ThreadRequest) => {
  void handle(request);
});

/** The library-backed services over the thread's typesetter, on a clock starting at the request's time. */
function libraryServices(at: string | undefined) {
  if (!libraryDir) throw new Error('导出线程未设置文库文件夹');
  const offset = at ? Date.parse(at) - Date.now() : 0;
  const now = () => new Date(Date.now() + offset);
  const library = createLibrary({ dir: libraryDir, now });
  const approval = createApproval({ library, now });
  const exporter = createIssueExporter({ library, typesetter: typesetterOnce(), approval, now });
  return { library, approval, exporter, printing: () => createPrinting({ library, exporter, approval, now }) };
}

/** A fresh, unshared copy (pdfkit's bytes may sit in a shared pool), so its buffer can be transferred. */
function fresh(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

async function serve(request: ThreadRequest): Promise<{ result: ThreadKinds[ThreadKind]['result']; transfer: ArrayBuffer[] }> {
  switch (request.kind) {
    case 'preview': {
      preview ??= createPreviewRenderer(typesetterOnce());
      const { document, patch, ...options } = request.payload;
      const result = document ? await preview.render(document, options) : await preview.renderPatch(patch, options);
      return { result, transfer: result.kind === 'pdf' ? [result.pdf.buffer as ArrayBuffer] : [] };
    }
    case 'previewPages': {
      preview ??= createPreviewRenderer(typesetterOnce());
      return { result: preview.pages(request.payload.session, request.payload.keys), transfer: [] };
    }
    case 'check': {
      return { result: checkIssue(typesetterOnce(), request.payload.document), transfer: [] };
    }
    case 'checkFont':
      typesetterOnce().faces.face({ kind: 'file', path: request.payload.path }, 'regular');
      return { result: null, transfer: [] };
    case 'exportIssue': {
      const exported = await libraryServices(request.at).exporter.exportIssue(request.payload.id, request.payload.options);
      const bytes = fresh(exported.bytes);
      return { result: { ...exported, bytes }, transfer: [bytes.buffer as ArrayBuffer] };
    }
    case 'renderFinal': {
      const exporter = createIssueExporter({ library: createLibrary({ dir: libraryDir ?? '.' }), typesetter: typesetterOnce() });
      const bytes = fresh(await exporter.renderFinal(request.payload.document, request.payload.signOff, request.payload.options));
      return { result: bytes, transfer: [bytes.buffer as ArrayBuffer] };
    }
    case 'print': {
      const { request: printRequest, by } = request.payload;
      const outcome = await libraryServices(request.at).printing().print(printRequest, by ? { by } : {});
      return { result: outcome, transfer: [] };
    }
    case 'printers': {
      return { result: await createSpooler().printers(), transfer: [] };
    }
    case 'preparePicture':
      // Decoding a camera photo takes seconds: here, not in the main process, so the window stays responsive.
      return { result: preparePicture(request.payload.bytes).image, transfer: [] };
  }
}

async function handle(request: ThreadRequest): Promise<void> {
  try {
    const { result, transfer } = await serve(request);
    const response: ThreadResponse = { id: request.id, ok: true, result };
    port!.postMessage(response, transfer);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message = err instanceof Error ? err.message : String(err);
    const details: ThreadError = {
      message,
      ...(err instanceof Error ? { name: e.name } : {}),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
      ...(typeof e?.path === 'string' ? { path: e.path } : {}),
    };
    const response: ThreadResponse = { id: request.id, ok: false, error: message, details };
    port!.postMessage(response);
  }
}
