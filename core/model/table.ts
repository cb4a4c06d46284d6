import { inlineText, type Inline } from './inline.js';

/**
 * A simple table in an article (issue 12 point 4): a header row and body rows of plain cells, every row with
 * the same number of cells. What the model holds, precisely: one paragraph of inline text (with bold) per
 * cell, no merged cells (colspan/rowspan), no nested tables, no cell colours. Column widths are fractions of
 * the type width (summing to 1) when the user dragged them; absent, they come from the cells' content
 * (core/typeset/table-widths.ts).
 */
export interface TableBlock {
  readonly type: 'table';
  /** The rows; the first is the header row, repeated at the head of every page the table continues on. */
  readonly rows: readonly TableRow[];
  /** Column widths as fractions of the type width, one per column, summing to 1; absent: from content. */
  readonly widths?: readonly number[];
}

export interface TableRow {
  readonly cells: readonly TableCell[];
}

export interface TableCell {
  readonly content: readonly Inline[];
}

/** Most columns a table may have: at 小四 a column narrower than two characters holds nothing readable. */
export const MAX_TABLE_COLUMNS = 12;

/** The number of columns of a table (its header row's cells). */
export function columnCount(table: TableBlock): number {
  return table.rows[0]?.cells.length ?? 0;
}

/** A table of `rows` × `cols` empty cells (the first row is the header). */
export function emptyTable(rows: number, cols: number): TableBlock {
  const row = (): TableRow => ({ cells: Array.from({ length: cols }, () => ({ content: [] })) });
  return { type: 'table', rows: Array.from({ length: rows }, row) };
}

/** A table from rows of plain strings (the first row is the header). */
export function tableOf(rows: readonly (readonly string[])[], widths?: readonly number[]): TableBlock {
  return {
    type: 'table',
    rows: rows.map((r) => ({ cells: r.map((text) => ({ content: text ? [{ text }] : [] })) })),
    ...(widths ? { widths } : {}),
  };
}

/** The plain text of every cell, row by row. */
export function tableText(table: TableBlock): string[][] {
  return table.rows.map((r) => r.cells.map((c) => inlineText(c.content)));
}

/**
 * What is wrong with a table's shape, in Chinese, or null: no rows, rows of different lengths, too many columns,
 * widths that are not one positive fraction per column summing to 1.
 */
export function tableShapeProblem(table: TableBlock): string | null {
  const cols = columnCount(table);
  if (!table.rows.length || cols === 0) return '表格至少要有一行一列';
  if (cols > MAX_TABLE_COLUMNS) return `表格最多${MAX_TABLE_COLUMNS}列（现有${cols}列）`;
  const bad = table.rows.findIndex((r) => r.cells.length !== cols);
  if (bad >= 0) return `表格第${bad + 1}行有${table.rows[bad]!.cells.length}格，与表头的${cols}格不一致（不支持合并单元格）`;
  if (table.widths) {
    if (table.widths.length !== cols) return `列宽有${table.widths.length}个，表格有${cols}列`;
    if (table.widths.some((w) => !(w > 0))) return '列宽必须大于0';
    const sum = table.widths.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 0.01) return `各列宽之和应为1（现为${sum.toFixed(3)}）`;
  }
  return null;
}

/** The message for a pasted or imported table with merged cells, which the model cannot hold. */
export function mergedCellsMessage(where: string): string {
  return `${where}含有合并单元格，本软件的表格不支持合并单元格：请先在原文中取消合并（每行格数相同）后再粘贴或导入。未做任何改动。`;
}

/** The inline lists of every cell, row by row (for text checks, search and counts). */
export function tableCells(table: TableBlock): (readonly Inline[])[] {
  return table.rows.flatMap((r) => r.cells.map((c) => c.content));
}

/** A table with every cell's inlines mapped; the input is not changed. */
export function mapTableCells(table: TableBlock, fn: (content: readonly Inline[], r: number, c: number) => readonly Inline[]): TableBlock {
  return { ...table, rows: table.rows.map((row, r) => ({ cells: row.cells.map((cell, c) => ({ content: fn(cell.content, r, c) })) })) };
}
