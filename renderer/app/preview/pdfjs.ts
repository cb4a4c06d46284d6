import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';

/**
 * pdf.js, set up once: one module worker (bundled by Vite as a file of its own, so the CSP's worker-src 'self'
 * admits it) shared by every document the preview loads. No eval (the CSP forbids it), no network: the PDF
 * comes as bytes and embeds all its fonts. Glyphs are drawn as paths (disableFontFace): no FontFace is
 * registered in the page for every new preview PDF, and the drawing is as fast.
 *
 * The worker is created from the bundled file's URL relative to the page, which works over http, from file://
 * in Electron (whose file: pages may load file: scripts and workers, see tests/e2e/packaged.e2e.test.ts) and
 * from a custom app:// scheme alike. Fail safe: when the worker cannot start (its file missing or blocked, a
 * script error) pdf.js would wait for it forever; instead the worker's `error` event, or no answer within
 * {@link WORKER_START_MS}, fails the load with {@link PreviewWorkerError}, and the next load tries a new worker.
 */
let worker: Worker | undefined;
/** Set when the current worker failed; every load waiting on it rejects with it. */
let failure: PreviewWorkerError | undefined;
const failed = new Set<(error: PreviewWorkerError) => void>();
/** Whether the current worker has ever loaded a document (then it started fine; only a start is timed). */
let started = false;

/** How long a new worker may take to load its first document before it is given up. */
export const WORKER_START_MS = 20_000;

/** The preview's drawing worker could not start; the message says so in Chinese and what to do. */
export class PreviewWorkerError extends Error {
  constructor(readonly detail: string) {
    super(
      '预览组件（PDF 绘制）未能启动，页面无法显示；编辑、保存、导出和打印不受影响。' +
        '请重新安装本程序；若仍不行，请点“打开日志文件夹”，把其中的 bulletin.log 发给技术支持。',
    );
    this.name = 'PreviewWorkerError';
  }
}

function fail(error: PreviewWorkerError): void {
  failure = error;
  worker?.terminate();
  worker = undefined;
  GlobalWorkerOptions.workerPort = null;
  for (const reject of [...failed]) reject(error);
}

function sharedWorker(): Worker {
  if (!worker) {
    failure = undefined;
    started = false;
    let created: Worker;
    try {
      created = new Worker(new URL(workerUrl, document.baseURI), { type: 'module', name: 'pdfjs' });
    } catch (e) {
      throw new PreviewWorkerError(`new Worker(${workerUrl}) 失败：${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    created.addEventListener('error', (event) => {
      if (worker !== created) return;
      event.preventDefault();
      fail(new PreviewWorkerError(`PDF 绘制线程出错（${new URL(workerUrl, document.baseURI).href}）：${event.message || '脚本无法加载'}`));
    });
    worker = created;
    GlobalWorkerOptions.workerPort = created;
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
  let reject: ((error: PreviewWorkerError) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const broken = new Promise<never>((_, rejectLoad) => {
    reject = rejectLoad;
    failed.add(rejectLoad);
    if (failure) rejectLoad(failure);
    else if (!started) {
      timer = setTimeout(() => fail(new PreviewWorkerError(`PDF 绘制线程 ${WORKER_START_MS / 1000} 秒内没有响应`)), WORKER_START_MS);
    }
  });
  try {
    const pdf = await Promise.race([task.promise, broken]);
    started = true;
    return pdf;
  } catch (e) {
    if (e instanceof PreviewWorkerError) void task.destroy().catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
    if (reject) failed.delete(reject);
  }
}
