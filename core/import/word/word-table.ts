import type { Inline } from '../../model/inline.js';
import { mergedCellsMessage, tableShapeProblem, type TableBlock } from '../../model/table.js';
import { toFractions } from '../../typeset/table-widths.js';
import { child, descendants, elements, type XmlElement } from './xml-tree.js';

/**
 * A Word table (w:tbl, ECMA-376 §17.4) as a table block (issue 12 point 4): the first row is the header, each
 * cell's paragraphs become its text (joined by a space), the grid's column widths (w:tblGrid/w:gridCol) become
 * the block's width fractions. A table the model cannot hold — merged cells (w:gridSpan > 1, w:vMerge), a table
 * inside a cell, rows of different lengths, too many columns — is refused with the reason, for the import notes.
 */
export function wordTable(
  tbl: XmlElement,
  cellRuns: (cell: XmlElement) => Inline[][],
): { readonly table: TableBlock } | { readonly problem: string } {
  const rows = elements(tbl, 'w:tr');
  const merged = rows.some((tr) =>
    elements(tr, 'w:tc').some((tc) => {
      const tcPr = child(tc, 'w:tcPr');
      return Number(child(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1) > 1 || child(tcPr, 'w:vMerge') !== undefined || child(tcPr, 'w:hMerge') !== undefined;
    }),
  );
  if (merged) return { problem: mergedCellsMessage('表格') };
  if (rows.some((tr) => elements(tr, 'w:tc').some((tc) => descendants(tc, 'w:tbl').length > 0))) {
    return { problem: '表格的单元格中还有表格（嵌套表格），本软件的表格不支持，未导入' };
  }
  const table: TableBlock = {
    type: 'table',
    rows: rows.map((tr) => ({
      cells: elements(tr, 'w:tc').map((tc) => ({ content: joinParagraphs(cellRuns(tc)) })),
    })),
  };
  const problem = tableShapeProblem(table);
  if (problem) return { problem: `${problem}，未导入` };
  const tblGrid = child(tbl, 'w:tblGrid');
  const grid = (tblGrid ? elements(tblGrid, 'w:gridCol') : []).map((g) => Number(g.attrs['w:w'] ?? 0));
  const cols = table.rows[0]!.cells.length;
  if (grid.length === cols && grid.every((w) => w > 0)) return { table: { ...table, widths: toFractions(grid) } };
  return { table };
}

/** A cell's paragraphs as one run list, a space between two paragraphs, line breaks as spaces. */
function joinParagraphs(paragraphs: readonly Inline[][]): Inline[] {
  const out: Inline[] = [];
  paragraphs
    .filter((p) => p.some((r) => r.text.trim()))
    .forEach((p, i) => {
      if (i > 0) out.push({ text: ' ' });
      for (const r of p) out.push({ ...r, text: r.text.replace(/[\t\n]+/g, ' ') });
    });
  return out;
}
