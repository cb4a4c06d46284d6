import { CLOSING_MARKS, OPENING_MARKS } from '../text/punctuation-table.js';
import { canBreakBetween } from './rules/kinsoku.js';
import { insideSetPhrases } from './rules/set-phrases.js';
import { boxWidth, gapBetween } from './lines.js';
import type { Unit } from './units.js';

/**
 * Breaking an article title (docs/layout-rules.md, "Titles"): only between words — the words of
 * Intl.Segmenter, with the set phrases of ./rules/set-phrases.ts kept whole — and never inside a quotation
 * (“…”, 《…》, （…）: the punctuation table's opening and closing marks), with balanced lines, the upper line
 * not shorter than the lower. A space the editor typed between two phrases is a preferred break. Only when no
 * arrangement fits that way is a quotation, then a word, broken.
 */

/** Costs, in "character widths" of imbalance they are worth. */
const COST = {
  /** Per character an upper line is shorter than the line below it (at least one). */
  upperShorter: 20,
  extraLine: 4,
  preferredBreakBonus: 3,
} as const;

/** A place a title line may start, and what a break there would split. */
export interface TitleBreak {
  /** The unit index the next line would start at. */
  readonly index: number;
  /** The break falls inside a word (a segmenter word or a set phrase). */
  readonly insideWord: boolean;
  /** The break falls inside a quotation or bracket. */
  readonly insideQuote: boolean;
  /** The editor typed a space here. */
  readonly preferred: boolean;
}

/** Which breaks each attempt may use, strictest first. */
const TIERS: readonly ((c: TitleBreak) => boolean)[] = [
  (c) => !c.insideWord && !c.insideQuote,
  (c) => !c.insideWord,
  () => true,
];

/**
 * Unit indices where the title's lines start (the first is 0), for lines at most `width` wide.
 * The units cover the title's text in order.
 */
export function breakTitle(units: readonly Unit[], width: number): number[] {
  const total = span(units, 0, units.length);
  if (total <= width + 0.01) return [0];
  const all = titleBreaks(units);
  for (const allowed of TIERS) {
    const best = bestBreaks(units, width, total, all.filter(allowed));
    if (best) return best;
  }
  return greedy(units, width);
}

/** The balanced arrangement of two or three lines using only `candidates`, or undefined when none fits. */
function bestBreaks(units: readonly Unit[], width: number, total: number, candidates: readonly TitleBreak[]): number[] | undefined {
  const em = units[0]?.size ?? 22;
  const minLines = Math.ceil(total / width);
  let best: { starts: number[]; cost: number } | undefined;
  for (let lines = Math.max(2, minLines); lines <= minLines + 1 && lines <= 3; lines++) {
    for (const chosen of combinations(candidates, lines - 1)) {
      const starts = [0, ...chosen.map((c) => c.index)];
      const widths = starts.map((s, i) => span(units, s, starts[i + 1] ?? units.length));
      if (widths.some((w) => w > width + 0.01)) continue;
      const longest = Math.max(...widths);
      let cost = widths.reduce((sum, w) => sum + ((longest - w) / em) ** 2, 0) / lines;
      for (const c of chosen) if (c.preferred) cost -= COST.preferredBreakBonus;
      // An upper line shorter than the one below costs by how much: one character may pass, three may not.
      for (let i = 1; i < widths.length; i++) {
        if (widths[i]! > widths[i - 1]! + 0.01) cost += COST.upperShorter * Math.max(1, (widths[i]! - widths[i - 1]!) / em);
      }
      cost += (lines - minLines) * COST.extraLine;
      if (!best || cost < best.cost) best = { starts, cost };
    }
    if (best) break;
  }
  return best?.starts;
}

/** Width of units [start, end) set naturally, spaces at the ends dropped. */
function span(units: readonly Unit[], start: number, end: number): number {
  while (start < end && units[start]!.cls === 'space') start++;
  while (end > start && units[end - 1]!.cls === 'space') end--;
  let w = 0;
  for (let i = start; i < end; i++) {
    if (i > start) w += gapBetween(units[i - 1]!, units[i]!, 0);
    w += units[i]!.cls === 'space' ? units[i]!.size : boxWidth(units[i]!, 0);
  }
  return w;
}

/** Every break the line-start and line-end prohibitions allow, with what it would split. */
export function titleBreaks(units: readonly Unit[]): TitleBreak[] {
  const text = units.map((u) => u.text).join('');
  const wordStarts = new Set<number>();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const seg of segmenter.segment(text)) wordStarts.add(seg.index);
  const inPhrase = insideSetPhrases(text);
  const out: TitleBreak[] = [];
  let offset = 0;
  let depth = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (i > 0) {
      const prev = units[i - 1]!;
      const legal =
        prev.cls === 'space' ||
        u.cls === 'space' ||
        (!(prev.cls === 'latin' && u.cls === 'latin' && !prev.breakAfter) && canBreakBetween(prev.text, u.text));
      if (legal && u.cls !== 'space') {
        const preferred = prev.cls === 'space';
        out.push({
          index: i,
          insideWord: !preferred && (!wordStarts.has(offset) || inPhrase.has(offset)),
          insideQuote: depth > 0,
          preferred,
        });
      }
    }
    for (const ch of u.text) {
      if (OPENING_MARKS.has(ch)) depth++;
      else if (CLOSING_MARKS.has(ch)) depth = Math.max(0, depth - 1);
    }
    offset += u.text.length;
  }
  return out;
}

function* combinations<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

/** Fallback when no combination fits: fill greedily. */
function greedy(units: readonly Unit[], width: number): number[] {
  const starts = [0];
  let start = 0;
  for (let i = 1; i <= units.length; i++) {
    if (span(units, start, i) > width + 0.01 && i - 1 > start) {
      starts.push(i - 1);
      start = i - 1;
    }
  }
  return starts;
}
