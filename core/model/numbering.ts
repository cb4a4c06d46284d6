import { headingLabel } from './heading-grammar.js';
import type { Block } from './issue.js';

/**
 * The label of every heading in a body, in order, with null for non-heading blocks. A heading's counter
 * restarts after any heading of a higher level; a level that skips one (一、 then 1.) simply counts on.
 * Labels are printed by the heading grammar (./heading-grammar.ts, GB/T 9704-2012 §7.3.3).
 */
export function numberHeadings(blocks: readonly Block[]): (string | null)[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((block) => {
    if (block.type !== 'heading') return null;
    const level = block.level;
    counters[level]!++;
    for (let l = level + 1; l <= 4; l++) counters[l] = 0;
    return headingLabel(level, counters[level]!);
  });
}
