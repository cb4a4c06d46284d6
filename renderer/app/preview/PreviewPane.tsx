import { useCallback, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist/build/pdf.mjs';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { PreviewResult } from '../../../electron/ipc/contract.js';
import { api, errorMessage } from '../api.js';
import { reportError } from '../error-report.js';
import { loadPdf, PreviewWorkerError } from './pdfjs.js';

/**
 * Wait this long after the last change before asking for new pages. Short on purpose: the budget from keystroke
 * to redrawn page is 300 ms (issue #3), and typesetting (~50–100 ms), the round trip and drawing the page
 * (~30 ms) take most of it. A burst (key repeat, an IME committing a phrase) still coalesces into one request,
 * and the main process's preview worker renders one document at a time, newest first, so fast typing does not
 * pile up renders; results overtaken by a newer request are dropped here.
 */
export const PREVIEW_DEBOUNCE_MS = 60;

/**
 * How many pages are kept drawn: the page in view and those nearest it. A short issue (most have 2–8 pages) is
 * drawn whole; a long one (a pasted report of hundreds of pages) draws the pages near the view as it scrolls,
 * so the canvases stay a few dozen megabytes instead of over a gigabyte.
 */
export const DRAWN_PAGES = 24;

/** A4 at 72 dpi: the page's shape before the first PDF arrives. */
const PAGE_RATIO = 842 / 595;

export interface PreviewInfo {
  readonly pages: number;
  readonly ms: number;
  readonly missing: PreviewResult['missing'];
}

/**
 * The live preview: the very PDF export produces (typeset in the main process's worker), drawn with pdf.js, one
 * canvas per page. A change is sent at most {@link PREVIEW_DEBOUNCE_MS} after typing pauses; a result that is
 * no longer the newest request is dropped. The page in view is drawn first and swapped in whole (no flicker);
 * then the others. When the page in view lands, `document.body.dataset.previewVersion` and `.previewAt`
 * (performance.now()) are set, for the benchmark and the tests.
 */
export function PreviewPane(props: {
  doc: BulletinDocument;
  draft: boolean;
  onInfo?: (info: PreviewInfo) => void;
}) {
  const { doc, draft, onInfo } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  const shown = useRef<PDFDocumentProxy | null>(null);
  const currentRef = useRef(1);
  const landed = useRef(0);
  const timings = useRef<{ request: number; response: number; loaded: number; typeset: number } | null>(null);
  const onInfoRef = useRef(onInfo);
  onInfoRef.current = onInfo;
  const [pages, setPages] = useState(0);
  const [current, setCurrent] = useState(1);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  /** The last failure written to the log (the same one is not logged again on every keystroke). */
  const reported = useRef<string | null>(null);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      void (async () => {
        setBusy(true);
        try {
          const t0 = performance.now();
          const result = await api.previewRender({ document: doc, draft });
          if (my !== seq.current) return;
          const t1 = performance.now();
          const pdf = await loadPdf(result.pdf);
          if (my !== seq.current) {
            void pdf.destroy();
            return;
          }
          timings.current = { request: t0, response: t1, loaded: performance.now(), typeset: result.ms };
          const done = await drawAll(pdf, my);
          if (!done) {
            void pdf.destroy();
            return;
          }
          const previous = shown.current;
          shown.current = pdf;
          if (previous) void previous.destroy();
          setPages(pdf.numPages);
          setMs(result.ms);
          // A long issue scrolled while it was drawn: draw what is in view now.
          void fillAround();
          setError(null);
          reported.current = null;
          onInfoRef.current?.({ pages: pdf.numPages, ms: result.ms, missing: result.missing });
        } catch (e) {
          if (my === seq.current) {
            const message = errorMessage(e);
            setError(message);
            if (reported.current !== message) {
              reported.current = message;
              reportError(`预览失败：${message}`, e instanceof PreviewWorkerError ? `${e.detail}\n${e.stack ?? ''}` : e);
            }
          }
        } finally {
          if (my === seq.current) setBusy(false);
        }
      })();
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, draft]);

  useEffect(
    () => () => {
      seq.current++;
      void shown.current?.destroy();
      shown.current = null;
    },
    [],
  );

  /** Draws page `p` of `pdf` on a new canvas the width of the pane. */
  const drawPage = useCallback(async (pdf: PDFDocumentProxy, p: number, width: number): Promise<HTMLCanvasElement> => {
    const page = await pdf.getPage(p);
    const base = page.getViewport({ scale: 1 });
    const scale = (width * Math.min(window.devicePixelRatio || 1, 2)) / base.width;
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    canvas.className = 'preview-canvas';
    canvas.setAttribute('aria-label', `第 ${p} 页`);
    try {
      await page.render({ canvas, viewport }).promise;
    } finally {
      page.cleanup();
    }
    return canvas;
  }, []);

  /**
   * Draws the pages around the one in view ({@link DRAWN_PAGES} of them, all of a short issue), that one
   * first; the other slots are emptied, so a 600-page paste holds a few dozen canvases, not hundreds (they are
   * drawn when scrolled to, see fillAround). False when a newer request overtook this one.
   */
  const drawAll = useCallback(
    async (pdf: PDFDocumentProxy, my: number): Promise<boolean> => {
      const container = pagesRef.current;
      if (!container) return false;
      const n = pdf.numPages;
      const first = Math.min(Math.max(currentRef.current, 1), n);
      const order = pagesAround(first, n, DRAWN_PAGES);
      const width = container.clientWidth || 480;
      const canvases = new Map<number, HTMLCanvasElement>();
      for (const [i, p] of order.entries()) {
        if (my !== seq.current) return false;
        const canvas = await drawPage(pdf, p, width);
        if (my !== seq.current) return false;
        canvases.set(p, canvas);
        if (i === 0) {
          // The page in view is what the user waits for: swap it in now.
          const slots = ensureSlots(container, n);
          slots[p - 1]!.replaceChildren(canvas);
          slots[p - 1]!.dataset.drawn = 'true';
          landed.current++;
          document.body.dataset.previewVersion = String(landed.current);
          document.body.dataset.previewAt = String(performance.now());
          document.body.dataset.previewPages = String(n);
          const t = timings.current;
          if (t) {
            // Where the time went (the benchmark prints it): round trip to the typesetter, pdf.js parse, drawing.
            document.body.dataset.previewTimings = JSON.stringify({
              requestAt: t.request,
              typesetMs: t.typeset,
              roundTripMs: Math.round(t.response - t.request),
              loadMs: Math.round(t.loaded - t.response),
              drawMs: Math.round(performance.now() - t.loaded),
            });
          }
        }
      }
      const slots = ensureSlots(container, n);
      slots.forEach((slot, i) => {
        const canvas = canvases.get(i + 1);
        if (canvas) {
          if (slot.firstChild !== canvas) slot.replaceChildren(canvas);
          slot.dataset.drawn = 'true';
        } else {
          // Out of the window: a page of an older PDF would be stale, and its canvas costs memory.
          slot.replaceChildren();
          slot.dataset.drawn = 'false';
        }
      });
      return true;
    },
    [drawPage],
  );

  /**
   * After scrolling (or 上一页/下一页) in a long issue: draws the pages around the one in view that are not drawn
   * from the PDF shown, and empties the drawn slots farthest away, keeping {@link DRAWN_PAGES} canvases.
   */
  const filling = useRef(false);
  const fillAround = useCallback(async () => {
    const pdf = shown.current;
    const container = pagesRef.current;
    if (!pdf || !container || filling.current) return;
    filling.current = true;
    const my = seq.current;
    const startedAt = currentRef.current;
    try {
      const n = pdf.numPages;
      const slots = ensureSlots(container, n);
      const current = Math.min(Math.max(startedAt, 1), n);
      const wanted = pagesAround(current, n, DRAWN_PAGES);
      const width = container.clientWidth || 480;
      for (const p of wanted) {
        if (my !== seq.current || shown.current !== pdf || currentRef.current !== startedAt) break;
        const slot = slots[p - 1]!;
        if (slot.dataset.drawn === 'true') continue;
        const canvas = await drawPage(pdf, p, width);
        if (my !== seq.current || shown.current !== pdf) break;
        slot.replaceChildren(canvas);
        slot.dataset.drawn = 'true';
      }
      const keep = new Set(wanted);
      slots.forEach((slot, i) => {
        if (!keep.has(i + 1) && slot.firstChild) {
          slot.replaceChildren();
          slot.dataset.drawn = 'false';
        }
      });
    } catch {
      // The PDF was replaced (and destroyed) meanwhile: the new one draws itself.
    } finally {
      filling.current = false;
    }
    // The view moved on while drawing: follow it.
    if (shown.current && (shown.current !== pdf || currentRef.current !== startedAt)) void fillAround();
  }, [drawPage]);

  const fillTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(fillTimer.current), []);

  const onScroll = useCallback(() => {
    const scroller = scrollRef.current;
    const container = pagesRef.current;
    if (!scroller || !container) return;
    const mid = scroller.scrollTop + scroller.clientHeight / 3;
    // Slots have equal heights: the page in view is found by division, not by walking hundreds of slots.
    const first = container.firstElementChild as HTMLElement | null;
    let page = 1;
    if (first) {
      const pitch = container.children.length > 1 ? (container.children[1] as HTMLElement).offsetTop - first.offsetTop : first.offsetHeight;
      if (pitch > 0) page = Math.floor((mid - (first.offsetTop - container.offsetTop)) / pitch) + 1;
      page = Math.min(Math.max(page, 1), container.children.length);
    }
    currentRef.current = page;
    setCurrent(page);
    clearTimeout(fillTimer.current);
    fillTimer.current = setTimeout(() => void fillAround(), 80);
  }, [fillAround]);

  const go = useCallback((page: number) => {
    const container = pagesRef.current;
    const target = container?.children[page - 1] as HTMLElement | undefined;
    if (!target) return;
    currentRef.current = page;
    setCurrent(page);
    target.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <div className="preview" data-testid="preview" data-pages={pages} data-busy={busy ? 'true' : 'false'}>
      <div className="preview-bar">
        <button type="button" onClick={() => go(current - 1)} disabled={current <= 1}>
          上一页
        </button>
        <span className="preview-count" data-testid="preview-count">
          {pages > 0 ? `第 ${Math.min(current, pages)} 页 / 共 ${pages} 页` : '—'}
        </span>
        <button type="button" onClick={() => go(current + 1)} disabled={current >= pages}>
          下一页
        </button>
        <span className="preview-state">
          {busy ? (
            <span className="busy">排版中…</span>
          ) : error ? (
            <span className="preview-error">预览失败</span>
          ) : ms !== null ? (
            <span className="muted">排版 {ms} 毫秒</span>
          ) : null}
        </span>
      </div>
      {error && <PreviewFailure message={error} />}
      <div className="preview-scroll" ref={scrollRef} onScroll={onScroll}>
        <div className="preview-pages" ref={pagesRef} />
      </div>
    </div>
  );
}

/**
 * Why the preview cannot be shown, in the preview area: the message (what failed, what to do), that editing
 * and saving go on, and a button that opens the log folder (the details are in bulletin.log).
 */
function PreviewFailure(props: { message: string }) {
  const [note, setNote] = useState<string | null>(null);
  const openLogs = () => {
    setNote(null);
    api.appOpenLogFolder({}).then(
      ({ path }) => setNote(`已打开：${path}`),
      (e: unknown) => setNote(errorMessage(e)),
    );
  };
  return (
    <div className="preview-message" role="alert" data-testid="preview-error">
      <p>{props.message}</p>
      {!props.message.includes('不受影响') && <p>编辑和保存不受影响；详细信息已写入日志。</p>}
      {props.message.includes('字体') && (
        <p>若是内置字体，请重新安装本程序；若是单位自选的字体文件，请在“期刊设置”中换用其他字体或重新选择该文件。</p>
      )}
      <p>
        <button type="button" data-testid="open-logs" onClick={openLogs}>
          打开日志文件夹
        </button>
        {note && <span className="muted" data-testid="open-logs-note"> {note}</span>}
      </p>
    </div>
  );
}

/** Up to `count` pages of 1…n nearest `page`, by distance (the page itself first, then after, before, …). */
export function pagesAround(page: number, n: number, count: number): number[] {
  const out: number[] = [];
  if (page >= 1 && page <= n) out.push(page);
  for (let d = 1; out.length < Math.min(count, n) && (page + d <= n || page - d >= 1); d++) {
    if (page + d <= n) out.push(page + d);
    if (page - d >= 1 && out.length < count) out.push(page - d);
  }
  return out.slice(0, count);
}

/** One slot per page (kept across renders so the scroll position stays). */
function ensureSlots(container: HTMLDivElement, n: number): HTMLElement[] {
  while (container.children.length > n) container.lastElementChild!.remove();
  while (container.children.length < n) {
    const slot = document.createElement('div');
    slot.className = 'preview-page';
    slot.style.aspectRatio = String(1 / PAGE_RATIO);
    slot.dataset.page = String(container.children.length + 1);
    container.append(slot);
  }
  return [...container.children] as HTMLElement[];
}
