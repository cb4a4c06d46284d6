import type { Inline } from './inline.js';
import { tableShapeProblem, type TableBlock } from './table.js';
import { actually, array, boolean, object, oneOf, report, string, type Validator } from './validate.js';

/**
 * The issue file's schema for a table block (./table.ts): rows of cells of inlines, optional column widths.
 * A table whose rows differ in length (merged cells), with too many columns or bad widths is refused with the
 * reason (tableShapeProblem).
 */

const inline: Validator<Inline> = object({ required: { text: string() }, optional: { bold: boolean() } });
const cell = object({ required: { content: array(inline) } });
const row = object({ required: { cells: array(cell, { minItems: 1 }) } });

/** A finite number in (0, 1]. */
const fraction: Validator<number> = (value, path, problems) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1) {
    return report(problems, path, `应为 0 到 1 之间的小数，${actually(value)}`);
  }
  return value;
};

const shape = object({
  required: { type: oneOf(['table']), rows: array(row, { minItems: 1 }) },
  optional: { widths: array(fraction) },
});

/** Validates a table block: its fields, then its shape. */
export const tableBlock: Validator<TableBlock> = (value, path, problems) => {
  const checked = shape(value, path, problems) as TableBlock | undefined;
  if (!checked) return undefined;
  const problem = tableShapeProblem(checked);
  return problem ? report(problems, path, problem) : checked;
};
