/**
 * Table blocks ↔ editor table nodes (./table-schema.ts). The first row's cells are `table_header`, the others
 * `table_cell`; the model's width fractions become each cell's `colwidth` (pixels of a
 * {@link EDITOR_TABLE_WIDTH_PX}-wide table) and back. A table none of whose columns was dragged has no widths; once
 * one was, the columns not dragged share what the dragged ones leave.
 */
import type { Node as PMNode, Schema } from 'prosemirror-model';
import type { Inline } from '../../core/model/inline.js';
import type { TableBlock } from '../../core/model/table.js';
import { toFractions } from '../../core/typeset/table-widths.js';
import { EDITOR_TABLE_WIDTH_PX } from './table-schema.js';

/** The editor node of a table block (the schema must have the table nodes). */
export function tableToNode(
  table: TableBlock,
  schema: Schema,
  inlinesToNodes: (inlines: readonly Inline[], schema: Schema) => PMNode[],
): PMNode {
  const widths = table.widths?.map((f) => Math.max(25, Math.round(f * EDITOR_TABLE_WIDTH_PX)));
  const rows = table.rows.map((row, r) =>
    schema.nodes.table_row!.create(
      null,
      row.cells.map((cell, c) =>
        (r === 0 ? schema.nodes.table_header! : schema.nodes.table_cell!).create(
          { colspan: 1, rowspan: 1, colwidth: widths ? [widths[c]!] : null },
          inlinesToNodes(cell.content, schema),
        ),
      ),
    ),
  );
  return schema.nodes.table!.create(null, rows);
}

/** The table block of an editor table node. */
export function nodeToTable(node: PMNode, textInlines: (cell: PMNode) => Inline[]): TableBlock {
  const rows: TableBlock['rows'][number][] = [];
  node.forEach((row) => {
    const cells: { content: Inline[] }[] = [];
    row.forEach((cell) => cells.push({ content: textInlines(cell) }));
    rows.push({ cells });
  });
  const widths = columnWidthsOf(node);
  return { type: 'table', rows, ...(widths ? { widths } : {}) };
}

/** The table's width fractions from its first row's colwidths; undefined when no column was dragged. */
function columnWidthsOf(table: PMNode): number[] | undefined {
  const first = table.firstChild;
  if (!first) return undefined;
  const px: (number | null)[] = [];
  first.forEach((cell) => {
    const w = (cell.attrs.colwidth as number[] | null)?.[0];
    px.push(typeof w === 'number' && w > 0 ? w : null);
  });
  if (px.every((w) => w === null)) return undefined;
  const set = px.filter((w): w is number => w !== null);
  const unset = px.length - set.length;
  const rest = Math.max(25 * unset, EDITOR_TABLE_WIDTH_PX - set.reduce((a, b) => a + b, 0));
  return toFractions(px.map((w) => w ?? rest / unset));
}
