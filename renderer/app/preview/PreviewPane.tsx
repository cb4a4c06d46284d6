import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist/build/pdf.mjs';
import type { BulletinDocument } from '../../../core/model/document.js';
import { documentPatch, sentDocument, type SentDocument } from '../../../core/model/document-patch.js';
import { pagesAround, type PreviewLayout, type PreviewPage } from '../../../core/render/preview-layout.js';

export { pagesAround };
import type { PreviewResult } from '../../../electron/ipc/contract.js';
import { api, errorMessage } from '../api.js';
import { drawPage as drawLayoutPage, GlyphStore, PageStore, PictureStore } from './draw-layout.js';
import { reportError } from '../error-report.js';
import { loadPdf, PreviewWorkerError } from './pdfjs.js';
import { layoutPreviewText, readPreviewText, type PreviewPageText } from './preview-text.js';

/**
 * 「PDF 校样」 waits this long after the last change before asking for the PDF (an export per request; the live
 * preview below needs no such wait).
 */
export const PREVIEW_DEBOUNCE_MS = 60;

/** Which preview: the live one drawn from the page layout, or 「PDF 校样」 — the exported PDF drawn by pdf.js. */
export type PreviewMode = 'layout' | 'pdf';

/**
 * How many pages are kept drawn: the page in view and those nearest it. A short issue (most have 2–8 pages) is
 * drawn whole; a long one (a pasted report of hundreds of pages) draws the pages near the view as it scrolls,
 * so the canvases stay a few dozen megabytes instead of over a gigabyte.
 */
export const DRAWN_PAGES = 24;

/**
 * How long one task may spend drawing the pages out of view after a new layout: then the page yields (input,
 * the next result) and goes on in the next task.
 */
export const DRAW_SLICE_MS = 12;

/** A4 at 72 dpi: the page's shape before the first PDF arrives. */
const PAGE_RATIO = 842 / 595;

export interface PreviewInfo {
  readonly pages: number;
  /** The text of the pages shown, line by line (text ↔ preview sync, preview-text.ts). */
  readonly text?: () => Promise<readonly PreviewPageText[]>;
  readonly ms: number;
  readonly missing: PreviewResult['missing'];
}

/** A fresh name for a preview session (the worker sends each glyph and page once per session). */
function newSession(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The preview, one canvas per page, in two modes.
 *  - 实时预览 (default): the worker typesets and returns the page layout (core/render/preview-layout.ts); the pages
 *    are drawn straight from it (draw-layout.ts) with the glyph outlines of the fonts the PDF embeds, the page in
 *    view first, the others changed near it after (a slice per task); a page whose key did not change is not
 *    redrawn. A change is asked for at once; changes made while a request is out go as one request when it is back.
 *  - 「PDF 校样」: the very PDF export produces, drawn with pdf.js ({@link PREVIEW_DEBOUNCE_MS} after typing pauses).
 * A PDF that is no longer the newest request is dropped; a live result is always drawn (its request went out after
 * the one shown; its glyphs and pages are kept: later results name them). When the page in view lands, `document.body.dataset.previewVersion`, `.previewAt` (performance.now())
 * and `.previewDocAt` (when the document it shows came in) are set, for the benchmarks and the tests.
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
  const shownLayout = useRef<PreviewLayout | null>(null);
  const session = useRef(newSession());
  /**
   * The last document the live preview's worker session laid out (and its version): later requests send a patch of
   * it (the articles that differ) instead of the whole document. Cleared by a 'resend' answer.
   */
  const sent = useRef<{ session: string; state: SentDocument } | null>(null);
  const version = useRef(0);
  const glyphs = useRef(new GlyphStore());
  const pageStore = useRef(new PageStore());
  const pictures = useRef(new PictureStore());
  const currentRef = useRef(1);
  const landed = useRef(0);
  const timings = useRef<{ request: number; response: number; loaded: number; typeset: number; docAt: number } | null>(null);
  const onInfoRef = useRef(onInfo);
  onInfoRef.current = onInfo;
  const [mode, setMode] = useState<PreviewMode>('layout');
  const [pages, setPages] = useState(0);
  const [current, setCurrent] = useState(1);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);
  /** The last failure written to the log (the same one is not logged again on every keystroke). */
  const reported = useRef<string | null>(null);

  /** Marks the page in view as landed (for the benchmarks and tests). */
  const stampLanded = useCallback((n: number) => {
    landed.current++;
    const body = document.body.dataset;
    body.previewVersion = String(landed.current);
    body.previewAt = String(performance.now());
    body.previewPages = String(n);
    const t = timings.current;
    if (t) {
      body.previewDocAt = String(t.docAt);
      // Where the time went (the benchmark prints it): round trip to the typesetter, parse, drawing.
      body.previewTimings = JSON.stringify({
        requestAt: t.request,
        typesetMs: t.typeset,
        roundTripMs: Math.round(t.response - t.request),
        loadMs: Math.round(t.loaded - t.response),
        drawMs: Math.round(performance.now() - t.loaded),
      });
    }
  }, []);

  /** Bumped by every drawLayout: the pages still queued by an older one are left to the newer. */
  const drawGeneration = useRef(0);
  const drawTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /**
   * Draws the layout's pages around the one in view ({@link DRAWN_PAGES} of them). The page in view is drawn at
   * once (and, with `stamp`, marked as landed); the others whose page key or width changed are drawn afterwards,
   * a few at a time between other work ({@link DRAW_SLICE_MS} per task), so that the next keystroke's result is not
   * held up behind pages out of view; a newer call (a new layout, a scroll) takes over what is left. A slot whose
   * stamp is unchanged keeps its canvas; one waiting to be redrawn keeps the old one (data-drawn="pending"); slots
   * out of the window are emptied.
   */
  const drawLayout = useCallback(
    (layout: PreviewLayout, stamp: boolean) => {
      const container = pagesRef.current;
      if (!container) return;
      const generation = ++drawGeneration.current;
      clearTimeout(drawTimer.current);
      const n = layout.pages.length;
      const slots = ensureSlots(container, n);
      const first = Math.min(Math.max(currentRef.current, 1), n);
      const wanted = pagesAround(first, n, DRAWN_PAGES);
      const width = (container.clientWidth || 480) * Math.min(window.devicePixelRatio || 1, 2);
      const stampOf = (p: number) => `${layout.pages[p - 1]!.key}@${Math.round(width)}`;
      const stale = (p: number) => slots[p - 1]!.dataset.key !== stampOf(p) || slots[p - 1]!.dataset.drawn !== 'true';
      /** The page's drawing data: sent with the layout, or asked for since (a page out of the window it was sent with). */
      const full = (p: number) => pageStore.current.get(layout.pages[p - 1]!);
      const draw = (p: number) => {
        const page = full(p);
        if (!page) return;
        const slot = slots[p - 1]!;
        let canvas = slot.firstElementChild as HTMLCanvasElement | null;
        if (!canvas || canvas.tagName !== 'CANVAS' || canvas.dataset.kind !== 'layout') {
          canvas = document.createElement('canvas');
          canvas.className = 'preview-canvas';
          canvas.dataset.kind = 'layout';
          slot.replaceChildren(canvas);
        }
        canvas.setAttribute('aria-label', `第 ${p} 页`);
        drawLayoutPage(canvas, page, { layout, glyphs: glyphs.current, pixelWidth: width, pictures: pictures.current });
        slot.dataset.key = stampOf(p);
        slot.dataset.drawn = 'true';
      };
      // Pages near the view whose drawing data is not here (scrolled to in a long issue): asked for by key, then
      // drawn by a new call (unless a newer layout or scroll took over meanwhile).
      const lacking = wanted.filter((p) => stale(p) && !full(p));
      if (lacking.length) {
        const session0 = session.current;
        void api
          .previewPages({ session: session0, keys: lacking.map((p) => layout.pages[p - 1]!.key) })
          .then(async (got) => {
            glyphs.current.merge(got.glyphs);
            await pictures.current.merge(got.pictures);
            pageStore.current.merge(got.pages.filter((p) => (p.texts ? glyphs.current.has(p.texts) : false)));
            if (generation !== drawGeneration.current || shownLayout.current !== layout || session0 !== session.current) return;
            if (lacking.some((p) => full(p))) drawLayout(layout, stamp && !stamped);
          })
          .catch(() => undefined); // the next layout or scroll asks again
      }
      let stamped = false;
      if (n > 0 && stale(first)) draw(first);
      if (n > 0 && stamp && full(first)) {
        stampLanded(n);
        stamped = true;
      }
      const keep = new Set(wanted);
      slots.forEach((slot, i) => {
        if (!keep.has(i + 1) && slot.firstChild) {
          slot.replaceChildren();
          slot.dataset.drawn = 'false';
          delete slot.dataset.key;
        }
      });
      const rest = wanted.filter((p) => p !== first && stale(p) && full(p));
      for (const p of wanted) if (p !== first && stale(p) && slots[p - 1]!.firstChild) slots[p - 1]!.dataset.drawn = 'pending';
      const step = () => {
        if (generation !== drawGeneration.current || shownLayout.current !== layout) return;
        const until = performance.now() + DRAW_SLICE_MS;
        while (rest.length && performance.now() < until) draw(rest.shift()!);
        if (rest.length) drawTimer.current = setTimeout(step, 0);
      };
      if (rest.length) drawTimer.current = setTimeout(step, 0);
    },
    [stampLanded],
  );

  /** The newest document, its draft flag and when it came in (performance.now()): what the live preview asks for. */
  const latest = useRef({ doc, draft, docAt: 0 });
  const modeRef = useRef(mode);
  modeRef.current = mode;
  /** Whether a live-preview request is out, and whether a newer document waits for it to come back. */
  const inFlight = useRef(false);
  const again = useRef(false);
  const unmounted = useRef(false);

  /** Shows a failure (logged once per message). */
  const fail = useCallback((e: unknown) => {
    const message = errorMessage(e);
    setError(message);
    if (reported.current !== message) {
      reported.current = message;
      reportError(`预览失败：${message}`, e instanceof PreviewWorkerError ? `${e.detail}\n${e.stack ?? ''}` : e);
    }
  }, []);

  /**
   * One live-preview request for `doc`; on a page or glyph the session lacks, starts a new session and asks again.
   * Its result is drawn unless the preview left the live mode meanwhile: requests go out one at a time, so a
   * result is always newer than the one shown, even when a newer document already waits to be sent.
   * The document goes whole the first time in a session; after that as a patch of the last one laid out (the
   * articles that differ, core/model/document-patch.ts), unless most of it changed. A patch the worker cannot apply
   * (restarted, the session forgotten) is answered 'resend': the whole document goes at once.
   */
  const runLayout = useCallback(
    async (target: { doc: BulletinDocument; draft: boolean; docAt: number }, retry: boolean, whole = false): Promise<void> => {
      const t0 = performance.now();
      const session0 = session.current;
      const v = ++version.current;
      const last = sent.current?.session === session0 ? sent.current.state : undefined;
      const patch = !whole && last ? documentPatch(last, target.doc, v) : undefined;
      const options = {
        draft: target.draft,
        mode: 'layout' as const,
        session: session0,
        view: { page: Math.max(1, currentRef.current), count: DRAWN_PAGES },
      };
      const result = await api.previewRender(patch ? { ...options, patch } : { ...options, document: target.doc, version: v });
      if (result.kind === 'resend') {
        if (!patch) throw new Error('预览数据不完整');
        sent.current = null;
        return runLayout(target, retry, true);
      }
      if (result.kind !== 'layout') return;
      // The worker's session now holds this document under version v.
      sent.current = { session: session0, state: sentDocument(target.doc, v, last) };
      glyphs.current.merge(result.layout.glyphs);
      pageStore.current.merge(result.layout.pages);
      await pictures.current.merge(result.layout.pictures);
      if (unmounted.current || modeRef.current !== 'layout') return;
      const t1 = performance.now();
      // A page comes with its drawing data (near the view), or its text lines (farther), or its key only when this
      // session has it already; drawing data missing for a page out of the window is asked for when drawn.
      const resolved = result.layout.pages.map((p) => pageStore.current.resolve(p));
      // Pages kept from earlier results came with their glyphs; those sent now are checked (a restarted worker or a
      // lost session sends keys this page does not know). Pictures come once per session and must all be here.
      const complete = resolved.every(
        (p, i): p is PreviewPage =>
          !!p &&
          (!p.texts || !result.layout.pages[i]!.texts || glyphs.current.has(p.texts)) &&
          (!p.texts || pictures.current.has(p.images ?? [])),
      );
      if (!complete) {
        if (!retry) throw new Error('预览数据不完整');
        session.current = newSession();
        return runLayout(target, false);
      }
      const layout: PreviewLayout = { ...result.layout, pages: resolved as PreviewPage[] };
      timings.current = { request: t0, response: t1, loaded: performance.now(), typeset: result.ms, docAt: target.docAt };
      if (shown.current) {
        void shown.current.destroy();
        shown.current = null;
      }
      shownLayout.current = layout;
      drawLayout(layout, true);
      setPages(layout.pages.length);
      console.info(`预览排版 ${result.ms} 毫秒`); // timings go to the log, not the screen
      setError(null);
      reported.current = null;
      onInfoRef.current?.({ pages: layout.pages.length, ms: result.ms, missing: result.missing, text: async () => layoutPreviewText(layout) });
    },
    [drawLayout],
  );

  /**
   * The live preview's requests: the first change goes out at once (no debounce); changes made while a request is
   * out wait for it and then go as ONE request for the newest document. So a keystroke after a pause is set
   * straight away, and fast typing keeps one request in flight, each showing the newest text.
   */
  const requestLayout = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      do {
        again.current = false;
        try {
          await runLayout(latest.current, true);
        } catch (e) {
          if (!again.current && !unmounted.current && modeRef.current === 'layout') fail(e);
        }
      } while (again.current && !unmounted.current && modeRef.current === 'layout');
    } finally {
      inFlight.current = false;
      if (!unmounted.current) setBusy(false);
    }
  }, [runLayout, fail]);

  // The live preview: asked for as soon as the document changed (before the browser paints the keystroke).
  useLayoutEffect(() => {
    latest.current = { doc, draft, docAt: performance.now() };
    if (mode === 'layout') void requestLayout();
  }, [doc, draft, mode, requestLayout]);

  // 「PDF 校样」: the exported PDF, {@link PREVIEW_DEBOUNCE_MS} after typing pauses.
  useEffect(() => {
    const my = ++seq.current;
    if (mode !== 'pdf') return;
    const docAt = performance.now();
    const timer = setTimeout(() => {
      void (async () => {
        setBusy(true);
        try {
          const t0 = performance.now();
          const result = await api.previewRender({ document: doc, draft, mode: 'pdf' });
          if (my !== seq.current || result.kind !== 'pdf') return;
          const t1 = performance.now();
          const pdf = await loadPdf(result.pdf);
          if (my !== seq.current) {
            void pdf.destroy();
            return;
          }
          timings.current = { request: t0, response: t1, loaded: performance.now(), typeset: result.ms, docAt };
          const done = await drawAll(pdf, my);
          if (!done) {
            void pdf.destroy();
            return;
          }
          const previous = shown.current;
          shown.current = pdf;
          shownLayout.current = null;
          if (previous) void previous.destroy();
          setPages(pdf.numPages);
          console.info(`预览排版 ${result.ms} 毫秒`); // timings go to the log, not the screen
          // A long issue scrolled while it was drawn: draw what is in view now.
          void fillAround();
          setError(null);
          reported.current = null;
          onInfoRef.current?.({ pages: pdf.numPages, ms: result.ms, missing: result.missing, text: () => readPreviewText(pdf) });
        } catch (e) {
          if (my === seq.current) fail(e);
        } finally {
          if (my === seq.current) setBusy(false);
        }
      })();
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, draft, mode]);

  useEffect(() => {
    // Mounted (again: React's StrictMode unmounts and remounts once in development, keeping the refs).
    unmounted.current = false;
    return () => {
      seq.current++;
      unmounted.current = true;
      clearTimeout(drawTimer.current);
      void shown.current?.destroy();
      shown.current = null;
    };
  }, []);

  // The pane resized: the live preview redraws its pages at the new width (a page's stamp includes the width).
  useEffect(() => {
    const container = pagesRef.current;
    if (!container || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (shownLayout.current) drawLayout(shownLayout.current, false);
      });
    });
    observer.observe(container);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [drawLayout]);

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
    canvas.dataset.kind = 'pdf';
    canvas.setAttribute('aria-label', `第 ${p} 页`);
    try {
      await page.render({ canvas, viewport }).promise;
    } finally {
      page.cleanup();
    }
    return canvas;
  }, []);

  /**
   * 「PDF 校样」: draws the pages around the one in view ({@link DRAWN_PAGES} of them, all of a short issue), that
   * one first; the other slots are emptied, so a 600-page paste holds a few dozen canvases, not hundreds (they are
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
          delete slots[p - 1]!.dataset.key;
          stampLanded(n);
        }
      }
      const slots = ensureSlots(container, n);
      slots.forEach((slot, i) => {
        const canvas = canvases.get(i + 1);
        delete slot.dataset.key;
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
    [drawPage, stampLanded],
  );

  /**
   * After scrolling (or 上一页/下一页) in a long issue: draws the pages around the one in view that are not drawn
   * yet, and empties the drawn slots farthest away, keeping {@link DRAWN_PAGES} canvases.
   */
  const filling = useRef(false);
  const fillAround = useCallback(async () => {
    if (shownLayout.current) {
      drawLayout(shownLayout.current, false);
      return;
    }
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
  }, [drawPage, drawLayout]);

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
    <div className="preview" data-testid="preview" data-mode={mode} data-pages={pages} data-busy={busy ? 'true' : 'false'}>
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
        <button
          type="button"
          className={mode === 'pdf' ? 'active' : undefined}
          aria-pressed={mode === 'pdf'}
          title="按导出的 PDF 显示（由 pdf.js 绘制）"
          onClick={() => setMode((m) => (m === 'pdf' ? 'layout' : 'pdf'))}
        >
          PDF 校样
        </button>
        <span className="preview-state">
          {busy ? (
            <span className="busy">排版中…</span>
          ) : error ? (
            <span className="preview-error">预览失败</span>
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
