import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BulletinDocument } from '../core/model/document.js';
import type { PictureImage } from '../core/model/issue.js';
import type { Problem } from '../core/check/index.js';
import type { DocumentPatch } from '../core/model/document-patch.js';
import type { PreviewAnswer, PreviewInput, PreviewOptions, PreviewPagesResult, PreviewResult } from './preview-types.js';
import type { PrinterInfo, PrintRequest } from './printing-types.js';
import type { ExportIssueOptions, ThreadData, ThreadError, ThreadKind, ThreadKinds, ThreadRequest, ThreadResponse } from './export-worker-thread.js';
import type { FontFilesOptions } from './font-files.js';
import type { ExportedIssue, FinalPdfOptions } from './issue-export.js';
import type { PrintOutcome } from './printing.js';
import type { SignOff } from './library-types.js';
import { silentLogger, type Logger } from './logger.js';

/**
 * Typesetting off the main event loop: a worker_threads Worker (export-worker-thread.ts) holding the app's ONE
 * typesetter, so the window stays responsive while a page is set and rendered. It serves preview renders, the
 * check (glyph coverage), a user font's check, draft and final exports and printing (export and print run over
 * the thread's own library instance on `libraryDir`; its history and status writes go to the same files, which
 * the main process's library re-reads since its caches are keyed by size, mtime and inode). Requests and
 * responses are typed by kind (ThreadKinds) and matched by id; results are structured-cloned, PDF bytes
 * transferred. A failure crosses as its message (with its name, code and path) and is rethrown as an Error.
 *
 * Coalescing: one render runs at a time. Requests that arrive meanwhile wait; when several wait, only the
 * NEWEST is rendered next, and every older waiting request RESOLVES WITH THAT NEWER RESULT (no 'superseded'
 * error): a preview caller always wants the latest state of the document, and an error would only make the
 * UI show a failure that is not one. A render that fails rejects every request it answers.
 *
 * The thread starts on the first render (fonts are read and parsed there, once) and is restarted on the next
 * render if it ever dies. `close()` ends it; waiting and later requests are rejected.
 *
 * Which thread file: from the TypeScript sources (tests, `tsx`), `export-worker-thread.ts`, loaded through
 * tsx's ESM loader registered inside the thread (Node 20 does not apply `--import` hooks given in a Worker's
 * execArgv to the worker's entry, so a tiny bootstrap registers tsx and imports the file); from the bundle
 * (scripts/build-electron.mjs puts main.cjs and export-worker-thread.cjs side by side in out/main/), the sibling
 * `export-worker-thread.cjs`.
 */
export interface ExportWorker {
  /** A preview (see PreviewOptions: the PDF, or the layout to draw); only the newest waiting request is rendered. */
  render(document: BulletinDocument, options: PreviewOptions): Promise<PreviewResult>;
  /**
   * A live preview from a patch of the session's last document (PreviewRenderer.renderPatch): the layout, or
   * `{ kind: 'resend' }` when the thread does not have the patch's base; coalesced with renders like them.
   */
  renderPatch(patch: DocumentPatch, options: PreviewOptions): Promise<PreviewAnswer>;
  /**
   * The drawing data of pages a live preview was sent by key only (out of its view's window), from the session's
   * recent layouts; sent at once, not coalesced with renders.
   */
  previewPages(session: string, keys: readonly string[]): Promise<PreviewPagesResult>;
  /** checkDocument with the thread's glyph coverage. */
  check(document: BulletinDocument): Promise<Problem[]>;
  /** Throws the font service's Chinese reason when the user font file cannot be used. */
  checkFont(path: string): Promise<void>;
  /** IssueExporter.exportIssue in the thread (needs `libraryDir`). */
  exportIssue(id: string, options: ExportIssueOptions): Promise<ExportedIssue>;
  /** The unsigned final PDF of a document for a sign-off (IssueExporter.renderFinal in the thread). */
  renderFinal(document: BulletinDocument, signOff: SignOff, options?: FinalPdfOptions): Promise<Uint8Array>;
  /** Printing.print in the thread, with the platform's spooler (needs `libraryDir`). */
  print(request: PrintRequest, options?: { readonly by?: string }): Promise<PrintOutcome>;
  /** The platform spooler's printers, asked from the thread. */
  printers(): Promise<PrinterInfo[]>;
  /**
   * A picture file checked and re-encoded in the thread (services/picture-prepare.ts), so a large photo does not
   * freeze the main process; rejects with the same Chinese reason (error name 'PictureError') as preparePicture.
   */
  preparePicture(bytes: Uint8Array): Promise<PictureImage>;
  close(): Promise<void>;
}

export interface ExportWorkerOptions {
  /** Where the thread finds fonts (see font-files.ts); default: the repository's fonts/. */
  readonly fonts?: FontFilesOptions;
  /** The thread's script; default: the sibling export-worker-thread (.ts from sources, .cjs from the bundle). */
  readonly threadUrl?: URL;
  /** The library folder the thread's export and print requests use. */
  readonly libraryDir?: string;
  /** The clock whose time each request carries (tests); default: the real one. */
  readonly now?: () => Date;
  /** Where a thread that cannot start or dies, and every failed request, are recorded (default: nowhere). */
  readonly logger?: Logger;
}

/** The error of a request made after close(). */
export const CLOSED_MESSAGE = '预览排版已关闭';

/**
 * What the editor is told when the thread cannot start at all (its file is missing or broken: a damaged
 * installation): what failed, that editing and saving still work, and what to do.
 */
export function threadStartMessage(reason: string): string {
  return `排版组件未能启动（${reason}），无法预览、导出和打印；编辑和保存不受影响。请重新安装本程序；若仍不行，请通过“帮助 › 打开日志文件夹”把 bulletin.log 发给技术支持。`;
}

/** An Error rebuilt from what crossed from the thread. */
function threadError(message: string, details?: ThreadError): Error {
  const error = new Error(message) as NodeJS.ErrnoException;
  if (details?.name) error.name = details.name;
  if (details?.code) error.code = details.code;
  if (details?.path) error.path = details.path;
  return error;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Waiter {
  resolve(result: PreviewAnswer): void;
  reject(error: Error): void;
}

interface Job {
  readonly id: number;
  input: PreviewInput;
  options: PreviewOptions;
  readonly waiters: Waiter[];
}

export function createExportWorker(options: ExportWorkerOptions = {}): ExportWorker {
  const data: ThreadData = { fonts: { ...options.fonts }, ...(options.libraryDir ? { libraryDir: options.libraryDir } : {}) };
  const now = options.now ?? (() => new Date());
  const log = (options.logger ?? silentLogger()).child('export-worker');
  /** Non-preview requests sent and not yet answered, by id. */
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let running: Job | undefined;
  let waiting: Job | undefined;
  let nextId = 1;
  let closed = false;

  function start(): Worker {
    const url = options.threadUrl ?? defaultThreadUrl();
    const w = spawn(url, data);
    /** Whether this thread ever answered (then it started, whatever ends it later). */
    let answered = false;
    w.on('message', (response: ThreadResponse) => {
      if (w !== worker) return;
      answered = true;
      if (!response.ok) log.warn('排版请求失败', { id: response.id, error: response.error, code: response.details?.code ?? null });
      const other = pending.get(response.id);
      if (other) {
        pending.delete(response.id);
        if (response.ok) other.resolve(response.result);
        else other.reject(threadError(response.error, response.details));
        next();
        return;
      }
      if (!running || response.id !== running.id) return;
      const job = running;
      running = undefined;
      if (response.ok) for (const waiter of job.waiters) waiter.resolve(response.result as PreviewAnswer);
      else for (const waiter of job.waiters) waiter.reject(threadError(response.error, response.details));
      next();
    });
    const died = (reason: string, error?: unknown) => {
      if (w !== worker) return;
      worker = undefined;
      // Could not start: died before any answer, of a module that cannot be loaded (its file or a package missing,
      // a damaged file). Anything else is a crash: the next request starts a new thread.
      const started = answered || !isLoadError(error);
      log.error(started ? '排版线程意外退出' : '排版线程无法启动', error ?? reason, { thread: url.href });
      const message = (prefix: string) => (started ? `${prefix}：${reason}` : threadStartMessage(reason));
      const job = running;
      running = undefined;
      if (job) for (const waiter of job.waiters) waiter.reject(new Error(message('预览排版线程意外退出')));
      const others = [...pending.values()];
      pending.clear();
      for (const p of others) p.reject(new Error(message('排版线程意外退出')));
      // A thread that cannot start is not restarted in a loop: the next request tries again.
      if (started) next();
      else waiting = failWaiting(waiting, message('预览排版线程意外退出'));
    };
    w.on('error', (err) => died(err.message, err));
    w.on('exit', (code) => died(`退出码 ${code}`));
    return w;
  }

  function next(): void {
    if (running || closed) return;
    const job = waiting;
    waiting = undefined;
    if (!job) {
      if (pending.size === 0) worker?.unref(); // idle: do not keep a Node process alive for the thread
      return;
    }
    worker ??= start();
    worker.ref();
    running = job;
    const request: ThreadRequest = { id: job.id, kind: 'preview', payload: { ...job.input, ...job.options } };
    worker.postMessage(request);
  }

  /** Sends a non-preview request at once; it does not wait for (nor coalesce with) preview renders. */
  function send<K extends Exclude<ThreadKind, 'preview'>>(kind: K, payload: ThreadKinds[K]['payload']): Promise<ThreadKinds[K]['result']> {
    if (closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      worker ??= start();
      worker.ref();
      const request = { id, kind, at: now().toISOString(), payload } as ThreadRequest;
      worker.postMessage(request);
    });
  }

  function render(input: PreviewInput, options: PreviewOptions): Promise<PreviewAnswer> {
    if (closed) return Promise.reject(new Error(CLOSED_MESSAGE));
    return new Promise<PreviewAnswer>((resolve, reject) => {
      const waiter = { resolve, reject };
      if (waiting) {
        // Newer wins: the waiting job now renders this document; its earlier callers get this result too. (A patch
        // replacing a waiting job may find its base missing and be answered 'resend': see render below.)
        waiting.input = input;
        waiting.options = options;
        waiting.waiters.push(waiter);
      } else {
        waiting = { id: nextId++, input, options, waiters: [waiter] };
      }
      next();
    });
  }

  return {
    // A whole document is never answered 'resend' — unless a newer patch took its waiting job over: then it is
    // rendered again (that patch's caller resends its document too).
    render: async function renderDocument(document, options): Promise<PreviewResult> {
      const answer = await render({ document }, options);
      return answer.kind === 'resend' ? renderDocument(document, options) : answer;
    },
    renderPatch: (patch, options) => render({ patch }, options),
    previewPages: (session, keys) => send('previewPages', { session, keys }),
    check: (document) => send('check', { document }),
    checkFont: async (path) => {
      await send('checkFont', { path });
    },
    exportIssue: (id, exportOptions) => send('exportIssue', { id, options: exportOptions }),
    renderFinal: (document, signOff, options) => send('renderFinal', { document, signOff, ...(options ? { options } : {}) }),
    print: (request, printOptions = {}) => send('print', { request, ...(printOptions.by ? { by: printOptions.by } : {}) }),
    printers: () => send('printers', {}),
    preparePicture: (bytes) => send('preparePicture', { bytes }),
    async close() {
      if (closed) return;
      closed = true;
      const waiters = [...(running?.waiters ?? []), ...(waiting?.waiters ?? []), ...pending.values()];
      pending.clear();
      running = undefined;
      waiting = undefined;
      const w = worker;
      worker = undefined;
      for (const waiter of waiters) waiter.reject(new Error(CLOSED_MESSAGE));
      if (w) await w.terminate();
    },
  };
}

const LOAD_ERRORS = new Set(['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND', 'ERR_UNKNOWN_FILE_EXTENSION', 'ERR_REQUIRE_ESM', 'ERR_INVALID_PACKAGE_CONFIG']);

/** Whether a thread's error means its code could not be loaded (as opposed to failing while it ran). */
function isLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && LOAD_ERRORS.has(code)) || error.name === 'SyntaxError';
}

/** Rejects the waiting preview job (when a thread could not start) and leaves none waiting. */
function failWaiting(job: Job | undefined, message: string): undefined {
  if (job) for (const waiter of job.waiters) waiter.reject(new Error(message));
  return undefined;
}

/** The thread file next to this module: .ts when running from sources, .cjs in the bundle. */
function defaultThreadUrl(): URL {
  const here = import.meta.url;
  return new URL(/\.ts$/.test(new URL(here).pathname) ? './export-worker-thread.ts' : './export-worker-thread.cjs', here);
}

function spawn(url: URL, workerData: ThreadData): Worker {
  if (!/\.ts$/.test(url.pathname)) return new Worker(url, { workerData, name: 'export-worker' });
  // From sources: register tsx in the thread, then import the TypeScript entry.
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, name: 'export-worker' });
}

/**
 * The file URL of tsx's ESM API (`tsx/esm/api`, import condition), found through tsx's package.json `exports`
 * so the thread does not depend on the process's working folder. (Its CommonJS build cannot be used here:
 * tsx 4.23's dist/esm/api/index.cjs resolves its loader relative to the wrong folder.)
 */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exportsMap = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exportsMap['./esm/api']!.import.default)).href;
}
