import type { LineRecord, PageLayout } from './page-layout.js';
import { linePitch, type LayoutPreset } from './preset.js';
import { describeTracking, TRACKING_LIMIT_EM } from './rules/tracking.js';

/**
 * The layout facts of a typeset issue (issue 11 point 4, issue 16): per page, the grid lines used and the hole
 * left at its foot, the paragraphs tightened or loosened there; for the issue, widows, orphans, headings alone
 * at a foot, the share of pure Chinese lines on the grid, and what was done to save a last page. Read from the
 * finished PageLayout (what prints), plus the adjustments the page breaker made. Shown by `bulletin check`
 * (版面 lines) and the app's 校对 panel.
 */

/** A paragraph the page breaker set a line shorter (tight) or longer (loose) than its best arrangement. */
export interface Adjustment {
  readonly source: string;
  readonly change: 'tight' | 'loose';
  /** The 1-based page its last line is on. */
  readonly page: number;
  /** Why: to fill a page, avoid a widow or orphan, or save the last page. */
  readonly reason: 'fill' | 'save-page';
  /** Set a line shorter by the stated tracking change (rules/tracking.ts), in ems; absent for compression only. */
  readonly trackingEm?: number;
}

/** Facts of one page. */
export interface PageFacts {
  readonly page: number;
  /** Grid lines the flow uses on the page, from its first text line (page 1: below the masthead) to its last. */
  readonly lines: number;
  /** Grid lines the page offers the flow (22; on page 1 those below the masthead). */
  readonly capacity: number;
  /** Empty grid lines at the foot of a page that is not the issue's last page of text; 0 on that page. */
  readonly hole: number;
  /**
   * Why the lines after the hole went to the next page, when there is a hole: an article title or a heading kept
   * with the two lines after it, a paragraph's first line that would stand alone at the foot (orphan), or its last
   * line alone at the next page's head (widow).
   */
  readonly holeCause?: HoleCause;
  /** The block whose lines went to the next page instead (its source), when there is a hole. */
  readonly holeKept?: string;
  /**
   * A picture that had no room at this page's foot and was floated to the top of the next page, the text of its
   * article after it moved up onto this page (core/typeset/rules/picture-float.ts): the picture's source.
   */
  readonly floated?: string;
  readonly tightened: readonly string[];
  readonly loosened: readonly string[];
}

/** What a hole at a page's foot keeps (see PageFacts.holeCause). */
export type HoleCause = 'title' | 'heading' | 'orphan' | 'widow' | 'picture';

/** What the page breaker did about the last page (issue 16). */
export interface LastPageFacts {
  /** Pages before and after saving, equal when nothing was saved. */
  readonly pagesBefore: number;
  readonly pagesAfter: number;
  /** Lines that would still have to go for the page to be saved, when it could not be. */
  readonly missingLines?: number;
  /** Lines the issue ran over its last full page before any saving: text on the last page, or 版记 lines lacking room. */
  readonly overBefore?: number;
  /** A blank page inserted so the 版记 page is even (publication profile: preferEvenPages). */
  readonly blankPageAdded?: boolean;
  /** To save the page, the blank line before the 版记 was given up. */
  readonly gapRemoved?: boolean;
  /** To save the page, the 版记's rows were set tighter (rules/back-matter-spacing.ts). */
  readonly backMatterTightened?: boolean;
}

/** The layout report of an issue. */
export interface LayoutReport {
  readonly pages: readonly PageFacts[];
  /**
   * Pure Chinese lines that are not a paragraph's last; those of them on the grid (every Han character in a cell
   * of the 28-cell grid, the last cell filled: {@link onGrid}); and those holding exactly 28 characters, the
   * first line's indent counted (the older, coarser measure: a line of 29 characters with two adjacent marks
   * compressed into one cell is on the grid, but not 28 characters). Lines of paragraphs set at the stated
   * tracking change (off the grid on purpose, to save a line) are counted apart, in `tracked`.
   */
  readonly grid: { readonly eligible: number; readonly exact: number; readonly chars28: number; readonly tracked?: number };
  readonly widows: readonly string[];
  readonly orphans: readonly string[];
  readonly headingsAtFoot: readonly string[];
  readonly largestHole: number;
  readonly adjustments: readonly Adjustment[];
  readonly lastPage: LastPageFacts;
}

/** Orders adjustments by where their block is (article, then paragraph). */
function bySource(a: Adjustment, b: Adjustment): number {
  const key = (s: string) => (/\[(\d+)\][^[]*\[(\d+)\]/.exec(s) ?? []).slice(1).map(Number);
  const [x, y] = [key(a.source), key(b.source)];
  return (x[0] ?? -1) - (y[0] ?? -1) || (x[1] ?? -1) - (y[1] ?? -1);
}

const FLOW: ReadonlySet<LineRecord['kind']> = new Set(['paragraph', 'heading', 'note', 'title', 'table', 'contributor', 'picture']);
const BODY: ReadonlySet<LineRecord['kind']> = new Set(['paragraph', 'heading', 'note']);
/** A line of Han characters and full-width marks only (no Latin letters, digits or spaces). */
const PURE_CHINESE = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’—…·]+$/u;

/** A baseline's text items, left to right. */
type Row = { x: number; text: string; face: string; size: number; charSpacing: number }[];

/** The advance of a glyph as printed: `text` in face `face` (a face key) at `size`. */
export type Advance = (face: string, text: string, size: number) => number;

/** The text items of each baseline of a page. */
function rowsByBaseline(page: PageLayout['pages'][number]): Map<number, Row> {
  const rows = new Map<number, Row>();
  for (const t of page.texts) {
    const key = Math.round(t.baseline * 10) / 10;
    const row = rows.get(key) ?? [];
    row.push({ x: t.x, text: t.text, face: t.face, size: t.size, charSpacing: t.charSpacing });
    rows.set(key, row);
  }
  for (const row of rows.values()) row.sort((a, b) => a.x - b.x);
  return rows;
}

const HAN = /\p{Script=Han}/u;
/** Whether a character is Han: the common CJK blocks checked by code point, the rest by script. */
function isHanChar(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return true;
  return cp > 0x2e7f && !(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xffef) && HAN.test(ch);
}

/**
 * Whether a pure Chinese line sits on the grid (GB/T 9704 §5.2.3: 28 characters a line): every Han character
 * starts a whole number of cells from the type area's left edge, and the line reaches its last cell (flush
 * right; a mark compressed at the line's end may leave half a cell). Marks may sit half a cell off: two
 * adjacent marks compressed into one cell (clreq #adjustment_of_adjacent_punctuation_marks) keep every character
 * after them in its cell. Positions are read from the text items as they print: each glyph advances by its width
 * (`advance`; a Han character one em) plus the item's character spacing.
 */
export function onGrid(row: Row, preset: LayoutPreset, advance?: Advance): boolean {
  // The pitch of the grid: charsPerLine em boxes with the grid's tracking between them fill the width.
  const cell = (preset.width - preset.bodySize) / (preset.charsPerLine - 1);
  const tol = 0.02 * cell;
  let right = -Infinity;
  for (const item of row) {
    let x = item.x - preset.left;
    for (const ch of item.text) {
      const han = isHanChar(ch);
      if (han) {
        const k = x / cell;
        if (Math.abs(k - Math.round(k)) * cell > tol) return false;
      }
      right = Math.max(right, x);
      x += (han || !advance ? item.size : advance(item.face, ch, item.size)) + item.charSpacing;
    }
  }
  return right >= preset.width - 1.5 * cell - tol;
}

/** Builds the report of a layout. */
export function layoutReport(
  layout: PageLayout,
  preset: LayoutPreset,
  extra: { readonly adjustments?: readonly Adjustment[]; readonly lastPage?: LastPageFacts; readonly advance?: Advance } = {},
): LayoutReport {
  const pitch = linePitch(preset);
  const adjustments = extra.adjustments ?? [];
  const flows = layout.pages.map((p) => p.lines.filter((r) => FLOW.has(r.kind)).sort((a, b) => a.baseline - b.baseline));
  const lastTextPage = flows.reduce((last, f, i) => (f.length ? i : last), 0);
  const slotOf = (r: LineRecord) => Math.floor((r.baseline - preset.top) / pitch);
  const pages: PageFacts[] = layout.pages.map((page, i) => {
    const top = i === 0 ? preset.mastheadLines : 0;
    const capacity = preset.linesPerPage - top;
    const f = flows[i]!;
    const used = f.length ? slotOf(f[f.length - 1]!) + 1 - top : 0;
    const hole = i < lastTextPage ? capacity - used : 0;
    const cause = hole > 0 ? holeCause(flows, i) : undefined;
    const kept = cause ? flows[i + 1]![0]!.source : undefined;
    const floated = i < lastTextPage ? floatedFrom(flows, i) : undefined;
    return {
      page: i + 1,
      lines: used,
      capacity,
      hole,
      ...(cause ? { holeCause: cause } : {}),
      ...(kept ? { holeKept: kept } : {}),
      ...(floated ? { floated } : {}),
      tightened: adjustments.filter((a) => a.page === i + 1 && a.change === 'tight').map((a) => a.source),
      loosened: adjustments.filter((a) => a.page === i + 1 && a.change === 'loose').map((a) => a.source),
    };
  });

  const widows: string[] = [];
  const orphans: string[] = [];
  const headingsAtFoot: string[] = [];
  const countOn = (p: number, source: string) => flows[p]!.filter((r) => r.source === source).length;
  const before = (p: number, source: string) => flows.slice(0, p).some((pg) => pg.some((r) => r.source === source));
  flows.forEach((records, p) => {
    const first = records[0];
    if (first && first.last && before(p, first.source) && countOn(p, first.source) === 1) {
      widows.push(`第${p + 1}页页首是${sourceLabel(first.source)}的末行（寡行）`);
    }
    const last = records[records.length - 1];
    if (!last || p >= lastTextPage) return;
    if (last.kind === 'title' || last.kind === 'heading') headingsAtFoot.push(`第${p + 1}页页末是标题（${sourceLabel(last.source)}）`);
    else if (!last.last && !before(p, last.source) && countOn(p, last.source) === 1) {
      orphans.push(`第${p + 1}页页末是${sourceLabel(last.source)}的首行（孤行）`);
    }
  });

  let eligible = 0;
  let exact = 0;
  let trackedLines = 0;
  const tracked = new Set(adjustments.filter((a) => a.trackingEm !== undefined).map((a) => a.source));
  let chars28 = 0;
  const seen = new Set<string>();
  layout.pages.forEach((page) => {
    const rows = rowsByBaseline(page);
    for (const r of [...page.lines].sort((a, b) => a.baseline - b.baseline)) {
      if (!BODY.has(r.kind)) continue;
      const first = !seen.has(r.source);
      seen.add(r.source);
      const row = rows.get(Math.round(r.baseline * 10) / 10) ?? [];
      const text = row.map((t) => t.text).join('');
      if (r.last || !PURE_CHINESE.test(text)) continue;
      if (tracked.has(r.source)) {
        trackedLines++;
        continue;
      }
      eligible++;
      if (onGrid(row, preset, extra.advance)) exact++;
      if ([...text].length + (first ? 2 : 0) === preset.charsPerLine) chars28++;
    }
  });

  return {
    pages,
    grid: { eligible, exact, chars28, ...(trackedLines ? { tracked: trackedLines } : {}) },
    widows,
    orphans,
    headingsAtFoot,
    largestHole: Math.max(0, ...pages.map((p) => p.hole)),
    adjustments,
    lastPage: extra.lastPage ?? { pagesBefore: layout.pages.length, pagesAfter: layout.pages.length },
  };
}

/** Where a block stands in the issue's order: [article, body index] (titles before the body, 编者按 first). */
function order(source: string): [number, number] | undefined {
  const m = /^articles\[(\d+)\]\.(?:body\[(\d+)\]|(title)|(contributor))$/.exec(source);
  if (!m) return undefined;
  return [Number(m[1]), m[3] ? -1 : m[4] ? Infinity : Number(m[2])];
}

/**
 * The picture at the top of the page after `page` that was floated there: text printed on `page` comes after it
 * in the issue's order (its article's text moved up past it).
 */
function floatedFrom(flows: readonly (readonly LineRecord[])[], page: number): string | undefined {
  const head = flows[page + 1]?.[0];
  if (!head || head.kind !== 'picture') return undefined;
  const at = order(head.source);
  if (!at) return undefined;
  const after = flows[page]!.some((r) => {
    const o = order(r.source);
    return o !== undefined && o[0] === at[0] && o[1] > at[1];
  });
  return after ? head.source : undefined;
}

/** What the first lines of the page after a hole are: the title or heading kept with them, or a paragraph's. */
function holeCause(flows: readonly (readonly LineRecord[])[], page: number): HoleCause | undefined {
  const next = flows[page + 1]?.[0];
  if (!next) return undefined;
  if (next.kind === 'title') return 'title';
  if (next.kind === 'heading') return 'heading';
  if (next.kind === 'picture') return 'picture';
  const started = flows.slice(0, page + 1).some((pg) => pg.some((r) => r.source === next.source));
  return started ? 'widow' : 'orphan';
}

/** A hole's cause in words, for the 校对 panel: why the page could not be filled. */
export function describeHoleCause(page: PageFacts): string {
  const next = page.holeKept ? sourceLabel(page.holeKept) : undefined;
  switch (page.holeCause) {
    case 'title':
      return `${next ?? '下一篇标题'}连同其后两行放不下，本页段落紧排或松排一行也无法容纳，标题移至第${page.page + 1}页`;
    case 'heading':
      return `标题${next ? `（${next}）` : ''}须与其后两行同页，本页段落紧排或松排一行也无法容纳`;
    case 'widow':
      return '段落末行不能单独排在下页页首，本页段落紧排或松排一行也无法补满';
    case 'orphan':
      return '段落首行不能单独留在页末，本页段落紧排或松排一行也无法补满';
    case 'picture':
      return `图片${next ? `（${next}）` : ''}连同图注放不下，图片不拆页，移至第${page.page + 1}页顶端；本篇其后文字上移、段落紧排或松排也无法补满`;
    default:
      return '本页无段落可调整';
  }
}

/** Where a block is, in words: articles[0].body[7] → 第1篇第8段; editorNote[0] → 编者按第1段. */
export function sourceLabel(source: string): string {
  const body = /^articles\[(\d+)\]\.body\[(\d+)\]$/.exec(source);
  if (body) return `第${Number(body[1]) + 1}篇第${Number(body[2]) + 1}段`;
  const note = /^editorNote\[(\d+)\]$/.exec(source);
  if (note) return `编者按第${Number(note[1]) + 1}段`;
  const title = /^articles\[(\d+)\]\.title$/.exec(source);
  if (title) return `第${Number(title[1]) + 1}篇标题`;
  return source;
}

/** Labels of several blocks, runs of consecutive paragraphs of one article joined: 第1篇第4–6段. */
function sourceLabels(sources: readonly string[]): string {
  const parsed = sources.map((s) => ({ s, m: /^articles\[(\d+)\]\.body\[(\d+)\]$/.exec(s) }));
  const out: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    const m = parsed[i]!.m;
    if (!m) {
      out.push(sourceLabel(parsed[i]!.s));
      i++;
      continue;
    }
    const a = Number(m[1]);
    const from = Number(m[2]);
    let to = from;
    while (i + 1 < parsed.length && parsed[i + 1]!.m && Number(parsed[i + 1]!.m![1]) === a && Number(parsed[i + 1]!.m![2]) === to + 1) {
      to++;
      i++;
    }
    out.push(from === to ? `第${a + 1}篇第${from + 1}段` : `第${a + 1}篇第${from + 1}–${to + 1}段`);
    i++;
  }
  return out.join('、');
}

/** What was done to save a page, each in words: 第1篇第4–6段已紧排（第1篇第5段字距减0.02字）; 版记前空行已取消. */
function savedWhat(saved: readonly Adjustment[], lp: LastPageFacts): string[] {
  const out: string[] = [];
  const sorted = [...saved].sort(bySource);
  if (sorted.length) {
    const tracked = sorted.filter((a) => a.trackingEm !== undefined);
    const note = tracked.length
      ? `（其中${tracked.map((a) => `${sourceLabel(a.source)}${describeTracking(a.trackingEm!)}`).join('、')}）`
      : '';
    out.push(`${sourceLabels(sorted.map((a) => a.source))}已紧排${note}`);
  }
  if (lp.gapRemoved) out.push('版记前空行已取消');
  if (lp.backMatterTightened) out.push('版记行距已收紧');
  if (!out.length) out.push('已重新分页');
  return out;
}

/** The tracking changes among a page's tightened paragraphs: "，第1篇第5段字距减0.02字". */
function trackingNote(adjustments: readonly Adjustment[], page: number): string {
  const tracked = adjustments.filter((a) => a.page === page && a.trackingEm !== undefined);
  return tracked.map((a) => `，${sourceLabel(a.source)}${describeTracking(a.trackingEm!)}`).join('');
}

/** The report as lines of Chinese text for `bulletin check` and the 校对 panel (版面). */
export function describeLayout(report: LayoutReport): string[] {
  const out: string[] = [];
  const share = report.grid.eligible ? Math.round((1000 * report.grid.exact) / report.grid.eligible) / 10 : 100;
  const tracked = report.grid.tracked ? `（另有${report.grid.tracked}行在缩字距的段落中）` : '';
  out.push(
    `共${report.pages.length}页；纯中文行在网格上${report.grid.exact}/${report.grid.eligible}（${share}%）${tracked}；` +
      `寡行${report.widows.length}处，孤行${report.orphans.length}处，页末标题${report.headingsAtFoot.length}处；最大页末空行${report.largestHole}行`,
  );
  for (const p of report.pages) {
    const parts = [`第${p.page}页：${p.lines}/${p.capacity}行`];
    if (p.hole > 0) parts.push(`页末空${p.hole}行`);
    if (p.floated) parts.push(`图片（${sourceLabel(p.floated)}）移至下页顶端，其后文字上移${p.hole > 0 ? '' : '补足本页'}`);
    if (p.tightened.length) parts.push(`紧排${p.tightened.length}段（${sourceLabels(p.tightened)}${trackingNote(report.adjustments, p.page)}）`);
    if (p.loosened.length) parts.push(`松排${p.loosened.length}段（${sourceLabels(p.loosened)}）`);
    out.push(parts.join('，'));
  }
  for (const w of [...report.widows, ...report.orphans, ...report.headingsAtFoot]) out.push(w);
  const lp = report.lastPage;
  const saved = report.adjustments.filter((a) => a.reason === 'save-page');
  if (lp.pagesAfter < lp.pagesBefore) {
    out.push(`为节省一页，${savedWhat(saved, lp).join('；')}（${lp.pagesBefore}页→${lp.pagesAfter}页）`);
  } else if (lp.missingLines !== undefined) {
    out.push(`末页文字较少，未能省去：标点挤压、字距至多减${Math.abs(TRACKING_LIMIT_EM)}字、版记紧排都用上，还差${lp.missingLines}行`);
  }
  if (lp.blankPageAdded) out.push('按出版设置（偶数页），版记前加了一页空白页');
  return out;
}
