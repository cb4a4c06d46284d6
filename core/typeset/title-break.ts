import { canBreakBetween } from './rules/kinsoku.js';
import { boxWidth, gapBetween } from './lines.js';
import type { Unit } from './units.js';

/**
 * Breaking an article title (layout-rules, body: break only between words and never inside a quoted
 * phrase when avoidable; lines balanced, the upper line not shorter than the lower). Words come from
 * Intl.Segmenter; a space the editor typed between two phrases is a preferred break.
 */

/** Penalties, in "character widths" of imbalance they are worth. */
const PENALTY = {
  insideWord: 6,
  insideQuote: 12,
  upperShorter: 20,
  preferredBreakBonus: 3,
} as const;

const OPENING = new Set([...'“‘《（〈「『【〔']);
const CLOSING = new Set([...'”’》）〉」』】〕']);

interface Candidate {
  readonly index: number;
  readonly penalty: number;
}

/**
 * Unit indices where the title's lines start (the first is 0), for lines at most `width` wide.
 * `text` is the title's text, whose characters the units cover in order.
 */
export function breakTitle(units: readonly Unit[], width: number): number[] {
  const total = span(units, 0, units.length);
  if (total <= width + 0.01) return [0];
  const candidates = breakCandidates(units);
  const em = units[0]?.size ?? 22;
  let best: { starts: number[]; cost: number } | undefined;
  const minLines = Math.ceil(total / width);
  for (let lines = Math.max(2, minLines); lines <= minLines + 1 && lines <= 3; lines++) {
    for (const starts of combinations(candidates, lines - 1)) {
      const all = [0, ...starts.map((c) => c.index)];
      const widths = all.map((s, i) => span(units, s, all[i + 1] ?? units.length));
      if (widths.some((w) => w > width + 0.01)) continue;
      const longest = Math.max(...widths);
      let cost = widths.reduce((sum, w) => sum + ((longest - w) / em) ** 2, 0) / lines;
      cost += starts.reduce((sum, c) => sum + c.penalty, 0);
      for (let i = 1; i < widths.length; i++) if (widths[i]! > widths[i - 1]! + 0.01) cost += PENALTY.upperShorter;
      cost += (lines - minLines) * 4;
      if (!best || cost < best.cost) best = { starts: all, cost };
    }
    if (best) break;
  }
  return best?.starts ?? greedy(units, width);
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

/** Every legal break with its penalty. */
function breakCandidates(units: readonly Unit[]): Candidate[] {
  const text = units.map((u) => u.text).join('');
  const wordStarts = new Set<number>();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const seg of segmenter.segment(text)) wordStarts.add(seg.index);
  const out: Candidate[] = [];
  let offset = 0;
  let depth = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (i > 0) {
      const prev = units[i - 1]!;
      const legal =
        prev.cls === 'space' ||
        u.cls === 'space' ||
        (!(prev.cls === 'latin' && u.cls === 'latin') && canBreakBetween(prev.text, u.text));
      if (legal && u.cls !== 'space') {
        let penalty = 0;
        if (!wordStarts.has(offset) && prev.cls !== 'space') penalty += PENALTY.insideWord;
        if (depth > 0) penalty += PENALTY.insideQuote;
        if (prev.cls === 'space') penalty -= PENALTY.preferredBreakBonus;
        out.push({ index: i, penalty });
      }
    }
    for (const ch of u.text) {
      if (OPENING.has(ch)) depth++;
      else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
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
