/**
 * Every glyph of a PDF with its position, read with `mutool trace` (MuPDF, a second PDF reader beside pdfjs):
 * per page, each glyph's character, its origin x, its baseline measured from the top of the page (the frame of
 * the typesetter's PageLayout), its font size and its advance in points. Used to check where characters print
 * (tests/integration/line-grid.test.ts): the grid cell of each Han character, hanging marks, gaps in a line.
 */
import { runTool } from './system-tools.js';

/** One glyph as MuPDF draws it. */
export interface TracedGlyph {
  readonly char: string;
  readonly x: number;
  /** Baseline from the top edge of the page. */
  readonly y: number;
  readonly size: number;
  /** Advance in points. */
  readonly advance: number;
}

/** The glyphs of each page of the PDF file at `path`, in drawing order. */
export function traceGlyphs(path: string): TracedGlyph[][] {
  const out = runTool('mutool', ['trace', path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages: TracedGlyph[][] = [];
  let height = 0;
  let size = 0;
  for (const line of out.split('\n')) {
    const page = /<page number="\d+" mediabox="[-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+)"/.exec(line);
    if (page) {
      height = Number(page[1]);
      pages.push([]);
      continue;
    }
    const span = /<span [^>]*trm="([-\d.]+) /.exec(line);
    if (span) {
      size = Math.abs(Number(span[1]));
      continue;
    }
    const g = /<g unicode="([^"]*)" glyph="[^"]*" x="([-\d.]+)" y="([-\d.]+)" adv="([-\d.]+)"/.exec(line);
    if (g && pages.length) {
      pages[pages.length - 1]!.push({ char: decode(g[1]!), x: Number(g[2]), y: height - Number(g[3]), size, advance: Number(g[4]) * size });
    }
  }
  return pages;
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);|&#x([0-9a-f]+);/giu, (_, name: string | undefined, hex: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name!]!,
  );
}

/** The glyphs of a page on the baseline `y` (± tolerance), left to right. */
export function glyphsAt(glyphs: readonly TracedGlyph[], y: number, tolerance = 0.3): TracedGlyph[] {
  return glyphs.filter((g) => Math.abs(g.y - y) <= tolerance).sort((a, b) => a.x - b.x);
}
