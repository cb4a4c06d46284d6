import type { Placement } from './lines.js';
import type { TextItem } from './page-layout.js';

/**
 * Placed units become text items: consecutive single-glyph units of one face, size and colour whose
 * spacing is uniform share one item with that spacing as PDF character spacing (Tc, applied after every
 * glyph). A multi-character unit (a Latin word, ——) stands alone with no extra spacing, so its letters
 * are never spread. A justified line's last unit stands alone too, so its right edge is exact.
 */
export function toTextItems(
  placements: readonly Placement[],
  at: { left: number; baseline: number; lastAlone: boolean; /** The items' structure element (TextItem.source). */ source?: string },
): TextItem[] {
  const items: TextItem[] = [];
  let i = 0;
  const n = placements.length;
  while (i < n) {
    const head = placements[i]!;
    let j = i + 1;
    let spacing = 0;
    if (isSingle(head) && !(at.lastAlone && i === n - 1)) {
      while (j < n && !(at.lastAlone && j === n - 1)) {
        const prev = placements[j - 1]!;
        const next = placements[j]!;
        if (!isSingle(next) || !sameStyle(head, next)) break;
        const gap = next.x - (prev.x + prev.unit.advance);
        if (j === i + 1) spacing = gap;
        else if (Math.abs(gap - spacing) > 0.001) break;
        j++;
      }
    }
    let text = '';
    for (let k = i; k < j; k++) text += placements[k]!.unit.text;
    items.push({
      x: at.left + head.x,
      baseline: at.baseline,
      text,
      face: head.unit.face.key,
      size: head.unit.size,
      color: head.unit.color,
      charSpacing: j - i > 1 ? round(spacing) : 0,
      ...(at.source !== undefined ? { source: at.source } : {}),
    });
    i = j;
  }
  return items;
}

/** Whether the unit is one character (one code point: a surrogate pair counts as one). */
function isSingle(p: Placement): boolean {
  const t = p.unit.text;
  return t.length === 1 || (t.length === 2 && t.codePointAt(0)! > 0xffff);
}

function sameStyle(a: Placement, b: Placement): boolean {
  return a.unit.face === b.unit.face && a.unit.size === b.unit.size && a.unit.color === b.unit.color;
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
