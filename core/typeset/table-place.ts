import type { LineRecord, RuleItem, TextItem } from './page-layout.js';
import type { Slot } from './page-plan.js';

/**
 * Puts a table's grid line on its page (./pages.ts calls this for every slot of a table block): the line on
 * which a row starts brings the row's cell texts and rules, moved to the row's top; the row's other grid lines
 * bring nothing. Each cell text line gets a line record of kind 'table', so the preview, the OFD writer and the
 * checks know what it is.
 */
export function placeTableLine(
  page: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] },
  slot: Slot,
  at: { top: number },
): void {
  const row = slot.line.table;
  if (!row) return;
  const source = slot.block.source;
  const baselines = new Set<number>();
  for (const t of row.texts) {
    page.texts.push({ ...t, baseline: t.baseline + at.top, source });
    baselines.add(t.baseline + at.top);
  }
  for (const r of row.rules) {
    page.rules.push({ ...r, y: r.y + at.top, ...(r.y2 !== undefined ? { y2: r.y2 + at.top } : {}) });
  }
  for (const baseline of [...baselines].sort((a, b) => a - b)) {
    page.lines.push({ kind: 'table', source, baseline, last: slot.line.last });
  }
}
