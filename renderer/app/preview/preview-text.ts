import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PreviewLayout, PreviewPage } from '../../../core/render/preview-layout.js';

/**
 * The text of the preview's PDF, page by page and line by line, for finding where a paragraph prints (caret →
 * page) and which paragraph a point of a page shows (click → caret). Whitespace is dropped: the typesetter's
 * letter-spacing makes pdf.js report gaps that are not in the text.
 */
export interface PreviewLine {
  /** The baseline's distance from the page's top, in points. */
  readonly y: number;
  readonly text: string;
}

export interface PreviewPageText {
  readonly page: number;
  /** The page's height in PDF points. */
  readonly height: number;
  readonly lines: readonly PreviewLine[];
  /** All the page's text, lines joined. */
  readonly text: string;
}

/** Reads every page's lines (items on one baseline, left to right). Throws when the PDF is destroyed meanwhile. */
export async function readPreviewText(pdf: PDFDocumentProxy): Promise<PreviewPageText[]> {
  const pages: PreviewPageText[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const height = page.getViewport({ scale: 1 }).height;
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = Math.round(height - (item.transform[5] as number));
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4] as number, str: item.str });
      rows.set(y, row);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([y, items]) => ({ y, text: items.sort((a, b) => a.x - b.x).map((i) => i.str).join('').replace(/\s+/g, '') }));
    pages.push({ page: p, height, lines, text: lines.map((l) => l.text).join('') });
    page.cleanup();
  }
  return pages;
}

/**
 * The text of each live-preview page read so far, by page object: the preview keeps a page's object as long as its
 * key is unchanged, so after an edit only the pages that changed are read again.
 */
const pageTexts = new WeakMap<PreviewPage, PreviewPageText>();

/** The text of a live-preview layout (every page resolved to its texts), as {@link readPreviewText} reads a PDF. */
export function layoutPreviewText(layout: PreviewLayout): PreviewPageText[] {
  return layout.pages.map((page) => {
    const known = pageTexts.get(page);
    if (known && known.height === layout.height) return known;
    const read = pageText(page, layout.height);
    pageTexts.set(page, read);
    return read;
  });
}

function pageText(page: PreviewPage, height: number): PreviewPageText {
  // The worker's own reading of the page's lines (core/render/preview-layout.ts pageLines), when it sent them.
  if (page.lines) return { page: page.number, height, lines: page.lines, text: page.lines.map((l) => l.text).join('') };
  const rows = new Map<number, { x: number; str: string }[]>();
  for (const t of page.texts ?? []) {
    const y = Math.round(t.baseline);
    const row = rows.get(y) ?? [];
    row.push({ x: t.xs[0] ?? 0, str: t.text });
    rows.set(y, row);
  }
  const lines = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, items]) => ({ y, text: items.sort((a, b) => a.x - b.x).map((i) => i.str).join('').replace(/\s+/g, '') }));
  return { page: page.number, height, lines, text: lines.map((l) => l.text).join('') };
}

/**
 * The page that prints character `at` (default: the last) of `key`, at `key`'s first occurrence; undefined when
 * no page prints `key`.
 */
export function pageOfText(pages: readonly PreviewPageText[], key: string, at?: number): number | undefined {
  const needle = key.replace(/\s+/g, '');
  if (!needle) return undefined;
  // Across page breaks too: search the whole text and map the match's end back to its page.
  const whole = pages.map((p) => p.text).join('');
  const found = whole.indexOf(needle);
  if (found < 0) return undefined;
  const end = found + Math.min(Math.max(at ?? needle.length - 1, 0), needle.length - 1);
  let offset = 0;
  for (const p of pages) {
    offset += p.text.length;
    if (end < offset) return p.page;
  }
  return undefined;
}

/** The line nearest a point of a page, given as the fraction of the page's height from its top. */
export function lineAt(page: PreviewPageText, fromTop: number): PreviewLine | undefined {
  const y = page.height * fromTop;
  let best: PreviewLine | undefined;
  for (const line of page.lines) if (!best || Math.abs(line.y - y) < Math.abs(best.y - y)) best = line;
  return best;
}
