/**
 * Layout rules checked on a PDF read back (tests/helpers/pdf-readback.ts), with the typesetter's PageLayout
 * only telling which lines are body lines (LineRecord kind, source, last). Positions are always measured
 * from the PDF, never taken from the layout.
 *
 * Each check returns a list of violations, one readable string each (page, baseline, text, numbers), so
 * that a test can `expect(violations).toEqual([])` and a failure shows what is wrong and where.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BulletinDocument } from '../../core/model/document.js';
import type { LineRecord, PageLayout } from '../../core/typeset/page-layout.js';
import type { LayoutPreset } from '../../core/typeset/preset.js';
import type { Typesetter } from '../../services/typesetter.js';
import { marksWhere } from '../../core/text/punctuation-table.js';
import {
  groupLines,
  hanOnly,
  lcsLength,
  lineAt,
  lineLeft,
  lineRight,
  lineText,
  readPdf,
  type PdfLine,
  type PdfPage,
} from './pdf-readback.js';

/** An exported issue: the PDF (bytes and file), its pages read back, and the layout that produced it. */
export interface Exported {
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly pages: readonly PdfPage[];
  readonly lines: readonly (readonly PdfLine[])[];
  readonly layout: PageLayout;
  readonly preset: LayoutPreset;
  /** Paragraphs the page breaker set a line shorter or longer (core/typeset/layout-report.ts). */
  readonly adjusted: ReadonlySet<string>;
}

/** Exports a document, writes the PDF to `dir/name` and reads it back (`read.fonts`: with font names). */
export async function exportAndRead(
  typesetter: Typesetter,
  doc: BulletinDocument,
  opts: { draft?: boolean; preset?: LayoutPreset },
  dir: string,
  name: string,
  read: { fonts?: boolean } = {},
): Promise<Exported> {
  const result = await typesetter.exportPdf(doc, opts);
  const path = join(dir, name);
  writeFileSync(path, result.bytes);
  const pages = await readPdf(result.bytes, read);
  return {
    bytes: result.bytes,
    path,
    pages,
    lines: pages.map((p) => groupLines(p.items)),
    layout: result.typeset.layout,
    preset: result.typeset.preset,
    adjusted: new Set((result.typeset.report?.adjustments ?? []).map((a) => a.source)),
  };
}

/** Type area edges and grid numbers of a preset, in points. */
export function geometry(preset: LayoutPreset) {
  const n = preset.charsPerLine;
  return {
    left: preset.left,
    right: preset.left + preset.width,
    top: preset.top,
    bottom: preset.top + preset.height,
    pitch: preset.height / preset.linesPerPage,
    /** Advance of one grid character: n characters of bodySize span the width exactly. */
    cell: (preset.width - preset.bodySize) / (n - 1),
  };
}

/** The kinds of LineRecord that are body text set on the character grid. */
export const BODY_KINDS: ReadonlySet<LineRecord['kind']> = new Set(['paragraph', 'heading', 'note']);
/** Everything typeset in the flow (body text, titles, contributor lines): what fills the 22 grid lines. */
export const FLOW_KINDS: ReadonlySet<LineRecord['kind']> = new Set(['paragraph', 'heading', 'note', 'title', 'contributor']);

/** A LineRecord with its page, its PDF line, and whether it is the first line of its block. */
export interface MatchedLine {
  readonly page: number;
  readonly record: LineRecord;
  readonly line: PdfLine | undefined;
  readonly first: boolean;
  /** The PDF line's text without the spaces pdfjs inserts at gaps (U+3000 also comes back as a space). */
  readonly text: string;
}

/** Text without whitespace. */
export function squeeze(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** Every LineRecord of the given kinds, in reading order, matched to the PDF line at its baseline. */
export function matchRecords(ex: Exported, kinds: ReadonlySet<LineRecord['kind']> = FLOW_KINDS): MatchedLine[] {
  const seen = new Set<string>();
  const out: MatchedLine[] = [];
  ex.layout.pages.forEach((page, p) => {
    const records = [...page.lines].filter((r) => kinds.has(r.kind)).sort((a, b) => a.baseline - b.baseline);
    for (const record of records) {
      const line = lineAt(ex.lines[p] ?? [], record.baseline);
      out.push({ page: p + 1, record, line, first: !seen.has(record.source), text: squeeze(line ? lineText(line) : '') });
      seen.add(record.source);
    }
  });
  return out;
}

function where(m: MatchedLine): string {
  return `p${m.page} y=${m.record.baseline.toFixed(2)} ${m.record.kind} ${m.record.source} “${m.text}”`;
}

/** Records with no PDF line at their baseline. */
export function unmatched(ex: Exported): string[] {
  return matchRecords(ex).filter((m) => !m.line).map(where);
}

/** Closing marks whose ink sits in the left part of their cell; opening marks whose ink sits in the right part. */
const LEFT_INK = new Set([...'，。、；：！？”’）》」』】〕〉〗']);
const RIGHT_INK = new Set([...'“‘（《「『【〔〈〖']);

/** Options of the edge checks. */
export interface EdgeOptions {
  readonly tolerance?: number;
  /**
   * Measure a line-end closing mark and a line-start opening mark by their cell rather than their glyph box:
   * a proportional font (LXGW WenKai's quotes are 0.35 em) draws such a mark narrower than its cell, and a
   * compressed mark's glyph box overhangs its half cell, while the ink stays where the cell says. Accepts a
   * glyph box edge up to 0.7 em inside, or (start only) half an em outside, the expected edge.
   */
  readonly markCells?: boolean;
}

/** Pause and stop marks, which may hang past a line's end (core/typeset/rules/hanging.ts). */
const HANGING = new Set([...'，、。；：！？']);

/**
 * Whether a line ends past the right edge as the rules allow: a pause or stop mark hanging just past it (its
 * glyph one cell beyond), or a mark with its ink in the left half that gave up its empty half (its glyph box
 * overhangs by half a cell while the ink stays inside).
 */
function endsPastEdgeAsAllowed(lastChar: string, got: number, right: number, cell: number, tol: number): boolean {
  if (HANGING.has(lastChar) && Math.abs(got - (right + cell)) <= tol) return true;
  return LEFT_INK.has(lastChar) && Math.abs(got - (right + cell / 2)) <= tol;
}

/** Whether a matched line's last character hangs past the right edge (a pause or stop mark one cell beyond). */
function hangs(m: MatchedLine, ex: Exported, tol = 0.5): boolean {
  const { right, cell } = geometry(ex.preset);
  return !!m.line && HANGING.has([...m.text].at(-1) ?? '') && Math.abs(lineRight(m.line) - (right + cell)) <= tol;
}

/**
 * Non-final body lines whose right edge (max x + width in the PDF) is not the type area's right edge (a hanging
 * mark, or a compressed mark at the end, excepted: {@link endsPastEdgeAsAllowed}).
 */
export function flushRightViolations(ex: Exported, opts: EdgeOptions = {}): string[] {
  const { right, cell } = geometry(ex.preset);
  const tol = opts.tolerance ?? 0.5;
  const size = ex.preset.bodySize;
  return matchRecords(ex, BODY_KINDS)
    .filter((m) => !m.record.last && m.line)
    .filter((m) => {
      const got = lineRight(m.line!);
      if (Math.abs(got - right) <= tol) return false;
      const lastChar = [...m.text].at(-1) ?? '';
      if (endsPastEdgeAsAllowed(lastChar, got, right, cell, tol)) return false;
      return !(opts.markCells && LEFT_INK.has(lastChar) && got <= right + tol && got >= right - 0.7 * size);
    })
    .map((m) => `${where(m)} right=${lineRight(m.line!).toFixed(2)} (want ${right.toFixed(2)})`);
}

/** Body lines whose left edge is wrong: first lines two cells in, the others at the type area's left edge. */
export function leftEdgeViolations(ex: Exported, opts: EdgeOptions = {}): string[] {
  const { left, cell } = geometry(ex.preset);
  const tol = opts.tolerance ?? 0.5;
  const size = ex.preset.bodySize;
  return matchRecords(ex, BODY_KINDS)
    .filter((m) => m.line)
    .flatMap((m) => {
      const want = m.first ? left + 2 * cell : left;
      const got = lineLeft(m.line!);
      if (Math.abs(got - want) <= tol) return [];
      const mark = opts.markCells && RIGHT_INK.has([...m.text][0] ?? '');
      if (mark && got >= want - size / 2 - tol && got <= want + 0.7 * size) return [];
      return [`${where(m)} left=${got.toFixed(2)} (want ${want.toFixed(2)})`];
    });
}

/** Never at the start of a line (clreq basic level; the list of the brief plus ％ 〉 〗). */
export const NOT_AT_START = new Set([...'、，；：。！？”’）》」』】〕·…—%％〉〗']);
/** Never at the end of a line. */
export const NOT_AT_END = new Set([...'“‘（《「『【〔〈〖']);
/** A page number line: — N —. */
export const PAGE_NUMBER = /^—\s*(\d+)\s*—$/u;

/** Every text line of every page (page numbers excepted) that starts or ends with a prohibited mark. */
export function prohibitionViolations(lines: readonly (readonly PdfLine[])[]): string[] {
  const out: string[] = [];
  lines.forEach((page, p) => {
    for (const line of page) {
      const text = squeeze(lineText(line));
      if (!text || PAGE_NUMBER.test(text)) continue;
      const chars = [...text];
      if (NOT_AT_START.has(chars[0]!)) out.push(`p${p + 1} y=${line.y.toFixed(2)} starts with ${chars[0]}: “${text}”`);
      if (NOT_AT_END.has(chars[chars.length - 1]!)) out.push(`p${p + 1} y=${line.y.toFixed(2)} ends with ${chars.at(-1)}: “${text}”`);
    }
  });
  return out;
}

const HAN_OR_FULLWIDTH = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’—…·]+$/u;
const LATIN_OR_DIGIT = /^[A-Za-z0-9]/;
/** Marks that may give up half their cell (the punctuation table's compressible full-width marks). */
const COMPRESSIBLE_MARKS = marksWhere((m) => m.compressible && m.width === 'full');

/**
 * Grid cells of the non-final body lines made only of Han characters and full-width punctuation: the
 * characters (—— and …… count two, as pdfjs returns them as two characters) plus the two-cell indent of a
 * first line, less a mark hanging past the right edge. (tests/integration/line-grid.test.ts measures the grid
 * by each character's position instead.)
 *  - `exact`: lines of exactly charsPerLine cells, out of `eligible`; `off` lists the others.
 *  - `outliers`: lines outside [charsPerLine − 2, charsPerLine + 1].
 *  - `unexplained`: lines off the grid for no reason the line-breaking rules give: one cell more is a
 *    character pulled in by compressing punctuation, because it may not start a line (a closing mark) or
 *    the line may not end before it (it follows an opening mark); one or two cells fewer are characters
 *    pushed out, because the next line would otherwise start with a mark that may not start a line (its
 *    2nd or 3rd character is one), because this line would end with an opening mark (the next starts with
 *    one), because a Latin word or number did not fit (the next starts with one), or to give the block's
 *    last line two characters (the next is that line, and short). Lines of a paragraph the page breaker
 *    tightened or loosened (the layout report's adjustments) are explained by that, and so is a line one cell
 *    off when one of the paragraph's next two lines holds a Latin word or a number, or a later line holds —— ……:
 *    the breaks moved so that it fits without a hole.
 */
export function cellCounts(ex: Exported): {
  eligible: number;
  exact: number;
  off: string[];
  outliers: string[];
  unexplained: string[];
} {
  const n = ex.preset.charsPerLine;
  const all = matchRecords(ex, BODY_KINDS);
  const off: string[] = [];
  const outliers: string[] = [];
  const unexplained: string[] = [];
  let exact = 0;
  let eligible = 0;
  all.forEach((m, k) => {
    if (m.record.last || !m.line || !HAN_OR_FULLWIDTH.test(m.text)) return;
    eligible++;
    const chars = [...m.text];
    // A mark hanging past the right edge takes no cell of the line (core/typeset/rules/hanging.ts).
    const cells = chars.length + (m.first ? 2 : 0) - (hangs(m, ex) ? 1 : 0);
    if (cells === n) {
      exact++;
      return;
    }
    const label = `${where(m)} cells=${cells}`;
    off.push(label);
    // A paragraph the page breaker tightened (the layout report's adjustments) may compress more marks: each
    // gives up half a cell (core/typeset/rules/punctuation-width.ts), so a line may hold one more character per
    // two compressible marks.
    const halves = chars.filter((c) => COMPRESSIBLE_MARKS.has(c)).length;
    const tightened = ex.adjusted.has(m.record.source) && cells - n <= Math.floor(halves / 2);
    if (cells < n - 2 || (cells > n + 1 && !tightened)) outliers.push(label);
    const following = all.slice(k + 1).filter((o) => o.record.source === m.record.source);
    const next = following[0];
    const lastOfBlock = following.find((o) => o.record.last);
    const nextChars = [...(next?.text ?? '')];
    // A paragraph tightened or loosened to fill a page or save the last one (the layout report names it).
    let explained = ex.adjusted.has(m.record.source);
    if (explained) {
      // listed in the layout report
    } else if (cells === n + 1) {
      explained = NOT_AT_START.has(chars[chars.length - 1]!) || NOT_AT_END.has(chars[chars.length - 2]!);
    } else if (cells < n && cells >= n - 2) {
      const hanOfNext = nextChars.filter((c) => /\p{Script=Han}/u.test(c)).length;
      explained =
        NOT_AT_START.has(nextChars[1] ?? '') ||
        NOT_AT_START.has(nextChars[2] ?? '') ||
        NOT_AT_END.has(nextChars[0] ?? '') ||
        LATIN_OR_DIGIT.test(next?.text ?? '') ||
        (next !== undefined && next.record.last && hanOfNext <= 3);
    }
    if (!explained && cells === n - 1 && lastOfBlock) {
      // One cell given up so that the paragraph's last line keeps two characters: line-fit.ts chooses a
      // paragraph's breaks together, and the cheapest line to shorten may be any line above the last.
      explained = [...lastOfBlock.text].filter((c) => /\p{Script=Han}/u.test(c)).length <= 3;
    }
    if (!explained && Math.abs(cells - n) === 1) {
      // Moved by one so that a Latin word, a number or an unbreakable —— …… within the next two lines of the
      // paragraph fits without a 2-cell hole (core/typeset/line-fit.ts adjusts neighbouring lines).
      explained =
        following.slice(0, 2).some((o) => /[A-Za-z0-9]/u.test(o.text)) ||
        // An unbreakable —— or …… anywhere below: the paragraph's breaks are chosen together (line-fit.ts), and
        // the cheapest place to take a cell may be lines above the pair.
        following.some((o) => /——|……/u.test(o.text));
    }
    if (!explained) unexplained.push(label);
  });
  return { eligible, exact, off, outliers, unexplained };
}

/** Flow lines per page, the pages holding exactly linesPerPage, and baseline spacing on those pages. */
export function gridReport(ex: Exported): {
  perPage: number[];
  fullPages: number[];
  spacing: string[];
  phase: string[];
} {
  const { pitch, top } = geometry(ex.preset);
  const matched = matchRecords(ex);
  const perPage = ex.layout.pages.map((_, p) => new Set(matched.filter((m) => m.page === p + 1 && m.line).map((m) => m.line!.y)).size);
  const fullPages = perPage.flatMap((count, p) => (count === ex.preset.linesPerPage ? [p + 1] : []));
  const spacing: string[] = [];
  for (const page of fullPages) {
    const ys = [...new Set(matched.filter((m) => m.page === page && m.line).map((m) => m.line!.y))].sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) {
      const d = ys[i]! - ys[i - 1]!;
      if (Math.abs(d - pitch) > 0.05) spacing.push(`p${page} between y=${ys[i - 1]!.toFixed(2)} and ${ys[i]!.toFixed(2)}: ${d.toFixed(3)} (want ${pitch.toFixed(3)})`);
    }
  }
  // Every body-size line of every page sits on the same grid: baseline − top has one phase modulo the pitch.
  const phases = matched
    .filter((m) => m.line && BODY_KINDS.has(m.record.kind))
    .map((m) => ({ m, phase: (((m.line!.y - top) % pitch) + pitch) % pitch }));
  const phase: string[] = [];
  const ref = phases[0]?.phase ?? 0;
  for (const { m, phase: ph } of phases) {
    const d = Math.min(Math.abs(ph - ref), pitch - Math.abs(ph - ref));
    if (d > 0.05) phase.push(`${where(m)} off the grid by ${d.toFixed(3)}`);
  }
  return { perPage, fullPages, spacing, phase };
}

/** Page number lines: text, size and position, one per page. */
export function pageNumberViolations(ex: Exported): string[] {
  const { left, right, bottom } = geometry(ex.preset);
  const size = ex.preset.pageNumberSize;
  const out: string[] = [];
  ex.lines.forEach((page, p) => {
    const n = p + 1;
    const found = page.filter((l) => PAGE_NUMBER.test(squeeze(lineText(l))));
    if (found.length !== 1) {
      out.push(`p${n}: ${found.length} page number lines`);
      return;
    }
    const line = found[0]!;
    const text = squeeze(lineText(line));
    const num = Number(PAGE_NUMBER.exec(text)![1]);
    if (num !== n) out.push(`p${n}: page number reads ${num}`);
    if (!/^\u2014[0-9]+\u2014$/u.test(text)) out.push(`p${n}: “${text}” is not em dash, ASCII digits, em dash`);
    const sizes = new Set(line.items.map((i) => Math.round(i.fontSize * 100) / 100));
    if (sizes.size !== 1 || !sizes.has(size)) out.push(`p${n}: page number size ${[...sizes].join(',')} (want ${size})`);
    if (n % 2 === 1 && Math.abs(lineRight(line) - (right - size)) > 0.5) {
      out.push(`p${n}: odd page number right edge ${lineRight(line).toFixed(2)} (want ${(right - size).toFixed(2)})`);
    }
    if (n % 2 === 0 && Math.abs(lineLeft(line) - (left + size)) > 0.5) {
      out.push(`p${n}: even page number left edge ${lineLeft(line).toFixed(2)} (want ${(left + size).toFixed(2)})`);
    }
    const below = line.y - bottom;
    if (below < 15 || below > 30) out.push(`p${n}: page number baseline ${below.toFixed(2)} pt below the type area (want 15–30)`);
  });
  return out;
}

/**
 * Page-break rules, from the LineRecords grouped by source: no page starts with the last line of a paragraph
 * that began on an earlier page when that line is alone on the page; no page ends with a paragraph's first
 * line alone (its paragraph continuing overleaf) or with a title or heading line whose block or following
 * text continues overleaf.
 */
export function widowOrphanViolations(layout: PageLayout): string[] {
  const out: string[] = [];
  const pages = layout.pages.map((p) => [...p.lines].filter((r) => FLOW_KINDS.has(r.kind)).sort((a, b) => a.baseline - b.baseline));
  const countOn = (p: number, source: string) => pages[p]!.filter((r) => r.source === source).length;
  const before = (p: number, source: string) => pages.slice(0, p).some((pg) => pg.some((r) => r.source === source));
  const after = (p: number) => pages.slice(p + 1).some((pg) => pg.length > 0);
  pages.forEach((records, p) => {
    const first = records[0];
    if (first && first.last && before(p, first.source) && countOn(p, first.source) === 1) {
      out.push(`p${p + 1} starts with the last line of ${first.source} alone`);
    }
    const last = records[records.length - 1];
    if (!last || !after(p)) return;
    if (last.kind === 'title' || last.kind === 'heading') out.push(`p${p + 1} ends with a ${last.kind} line (${last.source})`);
    else if (!last.last && !before(p, last.source) && countOn(p, last.source) === 1) {
      out.push(`p${p + 1} ends with the first line of ${last.source} alone`);
    }
  });
  return out;
}

/** How many Han characters of the input are found, in order, in the text read back from the PDF. */
export function hanRoundTrip(input: string, pages: readonly PdfPage[]): { input: number; found: number; ratio: number } {
  const want = hanOnly(input);
  const got = hanOnly(pages.map((p) => groupLines(p.items).map(lineText).join('')).join(''));
  const found = lcsLength(want, got);
  return { input: want.length, found, ratio: want.length ? found / want.length : 1 };
}

/** Multi-line paragraphs and notes whose last line holds fewer than two characters (punctuation not counted). */
export function shortLastLineViolations(ex: Exported): string[] {
  const matched = matchRecords(ex, BODY_KINDS);
  return matched
    .filter((m) => m.record.last && !m.first)
    .filter((m) => [...m.text].filter((c) => /[\p{Script=Han}A-Za-z0-9]/u.test(c)).length < 2)
    .map((m) => `${where(m)} holds fewer than two characters`);
}

/**
 * Article titles: centred on the type area (±0.5 pt), and balanced — no line shorter than the line below it.
 */
export function titleViolations(ex: Exported): string[] {
  const { left, right } = geometry(ex.preset);
  const centre = (left + right) / 2;
  const out: string[] = [];
  const titles = matchRecords(ex, new Set(['title'] as const)).filter((m) => m.line);
  for (const m of titles) {
    const mid = (lineLeft(m.line!) + lineRight(m.line!)) / 2;
    if (Math.abs(mid - centre) > 0.5) out.push(`${where(m)} centred at ${mid.toFixed(2)} (want ${centre.toFixed(2)})`);
  }
  const bySource = new Map<string, MatchedLine[]>();
  for (const m of titles) bySource.set(m.record.source, [...(bySource.get(m.record.source) ?? []), m]);
  for (const lines of bySource.values()) {
    for (let i = 1; i < lines.length; i++) {
      const upper = lineRight(lines[i - 1]!.line!) - lineLeft(lines[i - 1]!.line!);
      const lower = lineRight(lines[i]!.line!) - lineLeft(lines[i]!.line!);
      if (upper + 0.5 < lower) out.push(`${where(lines[i]!)} is wider (${lower.toFixed(1)}) than the line above (${upper.toFixed(1)})`);
    }
  }
  return out;
}
