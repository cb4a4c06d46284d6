import type { Inline } from './inline.js';
import type { Block } from './issue.js';

/**
 * The inlines a block prints as its own text: a paragraph's or heading's content (a run-in heading's body not
 * included), a table's cells row by row, separated by a full-width space.
 */
export function blockInlines(block: Block): readonly Inline[] {
  if (block.type !== 'table') return block.content;
  return block.rows.flatMap((r) => r.cells.map((c) => c.content)).flatMap((c, i) => (i > 0 ? [{ text: '　' }, ...c] : [...c]));
}
