import { toTextItems } from './fragments.js';
import type { BackMatterBlock } from './back-matter.js';
import type { ImageItem, LineRecord, Page, RuleItem, TextItem } from './page-layout.js';
import { placeImage } from './picture-place.js';
import { linePitch, type LayoutPreset } from './preset.js';
import { finalPlan } from './last-page.js';
import type { Adjustment, LastPageFacts } from './layout-report.js';
import { planPages, type BlockVariants, type Slot } from './page-plan.js';
import { placeTableLine } from './table-place.js';

/**
 * Stage 3: lines become pages. Every body line sits on the type area's grid (GB/T 9704: 22 lines);
 * blocks flow with the clreq/GB rules for page breaks (docs/layout-rules.md, Page breaking): a heading, a title or a paragraph's first line never
 * ends a page alone, a paragraph's last line never starts one alone; blank lines at the top of a page are
 * dropped. The masthead takes the first grid lines of page 1; the back matter stands at the foot of the
 * last page.
 */

/** A block's lines, with its tightened and loosened arrangements when the line breaker found them. */
export type BlockLines = BlockVariants;

export interface PageInput {
  readonly preset: LayoutPreset;
  readonly blocks: readonly BlockLines[];
  readonly masthead: { readonly texts: readonly TextItem[]; readonly rules: readonly RuleItem[] };
  readonly backMatter?: BackMatterBlock;
  /** The back matter with its rows set tighter (rules/back-matter-spacing.ts), used only to save a page. */
  readonly backMatterTight?: BackMatterBlock;
  /** Text items of a page number, e.g. "— 3 —" set for the page's side. */
  readonly pageNumber: (n: number) => TextItem[];
  /** Prefer an even page count: a blank page before the 版记 page rather than the 版记 on an odd page. */
  readonly preferEvenPages?: boolean;
  /** Whether pictures may float to the next page's top (default true; ./rules/picture-float.ts). */
  readonly floatPictures?: boolean;
}

/** Pages with what the page breaker adjusted and did about the last page. */
export interface LaidPages {
  readonly pages: Page[];
  readonly adjustments: readonly Adjustment[];
  readonly lastPage: LastPageFacts;
}

/**
 * Assigns every line a page and a grid slot with the plain rules, no paragraph adjusted (./page-plan.ts does
 * the flow; this is its plain form).
 */
export function flowLines(blocks: readonly BlockLines[], preset: LayoutPreset): readonly Slot[] {
  return planPages(blocks, preset, { adjust: false }).slots;
}

/** Lays out pages from flowed lines, the masthead, the back matter and page numbers. */
export function layPages(input: PageInput): LaidPages {
  const { preset } = input;
  const pitch = linePitch(preset);
  const final = finalPlan(input.blocks, preset, {
    backMatterHeight: input.backMatter?.height ?? 0,
    ...(input.backMatter && input.backMatterTight ? { backMatterTightHeight: input.backMatterTight.height } : {}),
    ...(input.preferEvenPages ? { preferEvenPages: true } : {}),
    ...(input.floatPictures === false ? { float: false } : {}),
  });
  const slots = final.plan.slots;
  const pageCount = Math.max(1, (slots[slots.length - 1]?.page ?? 0) + 1);
  const pages: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[]; images?: ImageItem[] }[] = [];
  for (let i = 0; i < pageCount; i++) pages.push({ texts: [], rules: [], lines: [] });
  pages[0]!.texts.push(...input.masthead.texts);
  pages[0]!.rules.push(...input.masthead.rules);
  const pictures = new Set<object>();
  for (const s of slots) {
    if (s.block.kind === 'table') {
      placeTableLine(pages[s.page]!, s, { top: preset.top + s.slot * pitch, pitch });
      continue;
    }
    if (s.block.picture && !pictures.has(s.block)) {
      pictures.add(s.block);
      (pages[s.page]!.images ??= []).push(placeImage(s.block, { preset, slot: s.slot }));
    }
    let size = preset.bodySize;
    for (const p of s.line.placements) if (p.unit.size > size) size = p.unit.size;
    const baseline = preset.top + s.slot * pitch + (pitch - size) / 2 + 0.88 * size;
    const justified = s.block.align === 'justify' && !s.line.last;
    const items = toTextItems(s.line.placements, { left: preset.left, baseline, lastAlone: justified, source: s.block.source });
    for (const t of items) pages[s.page]!.texts.push(t);
    pages[s.page]!.lines.push({ kind: s.block.kind, source: s.block.source, baseline, last: s.line.last });
  }
  const backMatter = final.backMatterTight && input.backMatterTight ? input.backMatterTight : input.backMatter;
  if (backMatter) {
    if (final.blankPage) pages.push({ texts: [], rules: [], lines: [] });
    placeBackMatter(backMatter, { pages, slots, preset, gap: final.gap, newPage: final.backMatterPage || final.blankPage });
  }
  const laid = pages.map((p, i) => {
    const number = input.pageNumber(i + 1);
    return {
      number: i + 1,
      texts: [...p.texts, ...number],
      rules: p.rules,
      ...(p.images ? { images: p.images } : {}),
      lines: [...p.lines, ...number.map((t) => ({ kind: 'page-number' as const, source: '', baseline: t.baseline, last: true }))],
    };
  });
  return { pages: laid, adjustments: final.adjustments, lastPage: final.lastPage };
}

/**
 * The back matter's last rule sits on the type area's bottom edge; a new page if the last has no room.
 * A back matter taller than a page (a very long 送 list) starts at the top of a new page and continues,
 * row by row, on the pages after it.
 */
function placeBackMatter(
  bm: BackMatterBlock,
  ctx: {
    pages: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] }[];
    slots: readonly Slot[];
    preset: LayoutPreset;
    /** Blank grid lines kept between the text and the 版记 (1; 0 when that saves a page). */
    gap: number;
    /** Put the 版记 on a page of its own (an even page count preferred). */
    newPage: boolean;
  },
): void {
  const { preset, pages } = ctx;
  const pitch = linePitch(preset);
  const last = ctx.slots[ctx.slots.length - 1];
  const usedBottom = last ? preset.top + (last.slot + 1) * pitch : preset.top + preset.mastheadLines * pitch;
  if (bm.height > preset.height) {
    splitBackMatter(bm, ctx);
    return;
  }
  const top = preset.top + preset.height - bm.height;
  let page = last?.page ?? 0;
  if (ctx.newPage || usedBottom + ctx.gap * pitch > top + 0.01) {
    pages.push({ texts: [], rules: [], lines: [] });
    page = pages.length - 1;
  }
  const target = pages[page]!;
  target.texts.push(...bm.texts.map((t) => ({ ...t, baseline: t.baseline + top })));
  target.rules.push(...bm.rules.map((r) => ({ ...r, y: r.y + top })));
  target.lines.push(...bm.lines.map((l) => ({ ...l, baseline: l.baseline + top })));
}

/** Distributes a back matter taller than a page over new pages, breaking between its rows. */
function splitBackMatter(
  bm: BackMatterBlock,
  ctx: { pages: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] }[]; preset: LayoutPreset },
): void {
  const { preset, pages } = ctx;
  const row = preset.backMatterPitch;
  const rowsPerPage = Math.max(1, Math.floor(preset.height / row));
  const first = pages.length;
  const pageOf = (y: number) => Math.floor(Math.max(0, Math.floor(y / row)) / rowsPerPage);
  const shift = (page: number) => preset.top - page * rowsPerPage * row;
  const target = (page: number) => {
    while (pages.length <= first + page) pages.push({ texts: [], rules: [], lines: [] });
    return pages[first + page]!;
  };
  for (const t of bm.texts) {
    const p = pageOf(t.baseline);
    target(p).texts.push({ ...t, baseline: t.baseline + shift(p) });
  }
  for (const l of bm.lines) {
    const p = pageOf(l.baseline);
    target(p).lines.push({ ...l, baseline: l.baseline + shift(p) });
  }
  for (const r of bm.rules) {
    // A rule on a page boundary closes the page above it.
    const p = Math.min(pageOf(Math.max(0, r.y - row / 2)), pageOf(bm.height - row / 2));
    target(p).rules.push({ ...r, y: r.y + shift(p) });
  }
}
