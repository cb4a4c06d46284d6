import type { LineRecord, RuleItem, TextItem } from './page-layout.js';
import type { Slot } from './page-plan.js';

/**
 * Puts a table's grid line on its page (./pages.ts calls this for every slot of a table block): the line on
 * which a row starts brings the row's cell texts and rules, moved to the row's top; the row's other grid lines
 * bring nothing but their line record. Each cell text line gets a line record of kind 'table' too, so the
 * preview, the OFD writer and the checks know what it is.
 */
export function placeTableLine(
  page: { texts: TextItem[]; rules: RuleItem[]; lines: LineRecord[] },
  slot: Slot,
  at: { top: number; pitch: number },
): void {
  const source = slot.block.source;
  // Every grid line of a table has a record low in its slot, so the layout report sees the slot as used.
  page.lines.push({ kind: 'table', source, baseline: at.top + 0.8 * at.pitch, last: slot.line.last });
  const row = slot.line.table;
  if (!row) return;
  const baselines = new Set<number>();
  for (const t of row.texts) {
    page.texts.push({ ...t, baseline: t.baseline + at.top, source });
    baselines.add(t.baseline + at.top);
  }
  for (const r of row.rules) {
    page.rules.push({ ...r, y: r.y + at.top, ...(r.y2 !== undefined ? { y2: r.y2 + at.top } : {}) });
  }
  for (const baseline of [...baselines].sort((a, b) => a - b)) {
    page.lines.push({ kind: 'table', source, baseline, last: false });
  }
}
