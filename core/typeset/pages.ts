import type { Line } from './lines.js';
import { toTextItems } from './fragments.js';
import type { BackMatterBlock } from './back-matter.js';
import type { LineRecord, Page, RuleItem, TextItem } from './page-layout.js';
import { linePitch, type LayoutPreset } from './preset.js';
import type { StyledBlock } from './styled.js';

/**
 * Stage 3: lines become pages. Every body line sits on the type area's grid (GB/T 9704: 22 lines);
 * blocks flow with the clreq/GB rules for page breaks (docs/layout-rules.md, Page breaking): a heading, a title or a paragraph's first line never
 * ends a page alone, a paragraph's last line never starts one alone; blank lines at the top of a page are
 * dropped. The masthead takes the first grid lines of page 1; the back matter stands at the foot of the
 * last page.
 */

export interface BlockLines {
  readonly block: StyledBlock;
  readonly lines: readonly Line[];
}

export interface PageInput {
  readonly preset: LayoutPreset;
  readonly blocks: readonly BlockLines[];
  readonly masthead: { readonly texts: readonly TextItem[]; readonly rules: readonly RuleItem[] };
  readonly backMatter?: BackMatterBlock;
  /** Text items of a page number, e.g. "— 3 —" set for the page's side. */
  readonly pageNumber: (n: number) => TextItem[];
}

interface Slot {
  readonly page: number;
  readonly slot: number;
  readonly line: Line;
  readonly block: StyledBlock;
}

/** Assigns every line a page and a grid slot. */
export function flowLines(blocks: readonly BlockLines[], preset: LayoutPreset): Slot[] {
  const perPage = preset.linesPerPage;
  const out: Slot[] = [];
  let page = 0;
  let slot = preset.mastheadLines;
  const top = () => (page === 0 ? preset.mastheadLines : 0);
  const newPage = () => {
    page++;
    slot = 0;
  };
  blocks.forEach(({ block, lines }, b) => {
    if (slot > top()) slot += block.spaceBefore;
    if (slot >= perPage) newPage();
    if (block.keepWithNext && keptLines(blocks, b) > perPage - slot && slot > top()) newPage();
    let i = 0;
    while (i < lines.length) {
      const rest = lines.length - i;
      const room = perPage - slot;
      let take = Math.min(rest, room);
      if (take < rest) {
        if (block.kind === 'title' || block.kind === 'heading') take = 0;
        if (take === 1 && i === 0) take = 0; // a first line alone at the foot
        if (rest - take === 1) take -= 1; // a last line alone at the head
        if (take === 1 && i === 0) take = 0;
        if (take <= 0 && slot === top()) take = Math.min(rest, room); // a page cannot hold it otherwise
      }
      for (let k = 0; k < take; k++) out.push({ page, slot: slot++, line: lines[i + k]!, block });
      i += Math.max(0, take);
      if (i < lines.length) newPage();
    }
    slot += block.spaceAfter;
  });
  return out;
}

/**
 * Grid lines a keep-with-next block needs on its page: itself, the space after it, and what follows up to
 * the first two lines of the first block that is not itself kept with the next (a title followed by a
 * standalone heading followed by a paragraph needs all three).
 */
function keptLines(blocks: readonly BlockLines[], b: number): number {
  let total = 0;
  for (let i = b; i < blocks.length; i++) {
    const { block, lines } = blocks[i]!;
    if (i > b) total += block.spaceBefore;
    if (!block.keepWithNext || i === blocks.length - 1) return total + (i === b ? lines.length : Math.min(2, lines.length));
    total += lines.length + block.spaceAfter;
  }
  return total;
}

/** Lays out pages from flowed lines, the masthead, the back matter and page numbers. */
export function layPages(input: PageInput): Page[] {
  const { preset } = input;
  const pitch = linePitch(preset);
  const slots = flowLines(input.blocks, preset);
  const pageCount = Math.max(1, (slots[slots.length - 1]?.page ?? 0) + 1);
  const pages: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] }[] = [];
  for (let i = 0; i < pageCount; i++) pages.push({ texts: [], rules: [], lines: [] });
  pages[0]!.texts.push(...input.masthead.texts);
  pages[0]!.rules.push(...input.masthead.rules);
  for (const s of slots) {
    const size = Math.max(...s.line.placements.map((p) => p.unit.size), preset.bodySize);
    const baseline = preset.top + s.slot * pitch + (pitch - size) / 2 + 0.88 * size;
    const justified = s.block.align === 'justify' && !s.line.last;
    pages[s.page]!.texts.push(...toTextItems(s.line.placements, { left: preset.left, baseline, lastAlone: justified }));
    pages[s.page]!.lines.push({ kind: s.block.kind, source: s.block.source, baseline, last: s.line.last });
  }
  if (input.backMatter) placeBackMatter(input.backMatter, { pages, slots, preset });
  return pages.map((p, i) => {
    const number = input.pageNumber(i + 1);
    return {
      number: i + 1,
      texts: [...p.texts, ...number],
      rules: p.rules,
      lines: [...p.lines, ...number.map((t) => ({ kind: 'page-number' as const, source: '', baseline: t.baseline, last: true }))],
    };
  });
}

/**
 * The back matter's last rule sits on the type area's bottom edge; a new page if the last has no room.
 * A back matter taller than a page (a very long 送 list) starts at the top of a new page and continues,
 * row by row, on the pages after it.
 */
function placeBackMatter(
  bm: BackMatterBlock,
  ctx: { pages: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] }[]; slots: readonly Slot[]; preset: LayoutPreset },
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
  if (usedBottom + pitch > top) {
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
