import { useCallback, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist/build/pdf.mjs';
import type { BulletinDocument } from '../../../core/model/document.js';
import type { PreviewResult } from '../../../electron/ipc/contract.js';
import { api, errorMessage } from '../api.js';
import { loadPdf } from './pdfjs.js';

/**
 * Wait this long after the last change before asking for new pages. Short on purpose: the budget from keystroke
 * to redrawn page is 300 ms (issue #3), and typesetting (~50–100 ms), the round trip and drawing the page
 * (~30 ms) take most of it. A burst (key repeat, an IME committing a phrase) still coalesces into one request,
 * and the main process's preview worker renders one document at a time, newest first, so fast typing does not
 * pile up renders; results overtaken by a newer request are dropped here.
 */
export const PREVIEW_DEBOUNCE_MS = 60;

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
          setError(null);
          onInfoRef.current?.({ pages: pdf.numPages, ms: result.ms, missing: result.missing });
        } catch (e) {
          if (my === seq.current) setError(errorMessage(e));
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

  /** Draws every page, the one in view first; false when a newer request overtook this one. */
  const drawAll = useCallback(async (pdf: PDFDocumentProxy, my: number): Promise<boolean> => {
    const container = pagesRef.current;
    if (!container) return false;
    const n = pdf.numPages;
    const first = Math.min(Math.max(currentRef.current, 1), n);
    const order = [first, ...Array.from({ length: n }, (_, i) => i + 1).filter((p) => p !== first)];
    const width = container.clientWidth || 480;
    const canvases: HTMLCanvasElement[] = [];
    for (const [i, p] of order.entries()) {
      if (my !== seq.current) return false;
      const page = await pdf.getPage(p);
      const base = page.getViewport({ scale: 1 });
      const scale = (width * Math.min(window.devicePixelRatio || 1, 2)) / base.width;
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      canvas.className = 'preview-canvas';
      canvas.setAttribute('aria-label', `第 ${p} 页`);
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
      if (my !== seq.current) return false;
      canvases[p - 1] = canvas;
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
    canvases.forEach((c, i) => {
      if (c && slots[i]!.firstChild !== c) slots[i]!.replaceChildren(c);
      slots[i]!.dataset.drawn = 'true';
    });
    return true;
  }, []);

  const onScroll = useCallback(() => {
    const scroller = scrollRef.current;
    const container = pagesRef.current;
    if (!scroller || !container) return;
    const mid = scroller.scrollTop + scroller.clientHeight / 3;
    let page = 1;
    for (const [i, el] of [...container.children].entries()) {
      if ((el as HTMLElement).offsetTop - container.offsetTop <= mid) page = i + 1;
    }
    currentRef.current = page;
    setCurrent(page);
  }, []);

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
      {error && <div className="preview-message">{error}</div>}
      <div className="preview-scroll" ref={scrollRef} onScroll={onScroll}>
        <div className="preview-pages" ref={pagesRef} />
      </div>
    </div>
  );
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
