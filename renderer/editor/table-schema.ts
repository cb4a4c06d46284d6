/**
 * The table nodes of the article-body schema (issue 12 point 4), from prosemirror-tables: `table` (in the block
 * group), `table_row`, `table_header` (the first row's cells) and `table_cell`. A cell holds text directly
 * (`text*`, bold allowed) — one paragraph per cell, as the core model (core/model/table.ts) holds it. The cells'
 * `colwidth` attribute (pixels, set by dragging a column border) is stored in the model as fractions
 * (./table-convert.ts); `colspan`/`rowspan` exist because prosemirror-tables needs them, but a paste that brings
 * merged cells is refused (./plugins/tables.ts), so they stay 1.
 */
import type { NodeSpec } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

/** The nominal width of a table in the editor, in CSS pixels: a model width fraction f is a colwidth of f × this. */
export const EDITOR_TABLE_WIDTH_PX = 600;

/** The node specs to add to the body schema. */
export const tableNodeSpecs: Record<'table' | 'table_row' | 'table_cell' | 'table_header', NodeSpec> = (() => {
  const nodes = tableNodes({ tableGroup: 'block', cellContent: 'text*', cellAttributes: {} });
  return {
    ...nodes,
    table: { ...nodes.table, toDOM: () => ['table', { class: 'bulletin-table' }, ['tbody', 0]] },
  };
})();
