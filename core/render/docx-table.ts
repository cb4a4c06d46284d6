import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { LayoutPreset } from '../typeset/preset.js';
import type { StyledRun } from '../typeset/styled.js';
import { TABLE_RULES, tableTextSize, type StyledTable } from '../typeset/table-block.js';
import { columnWidths } from '../typeset/table-widths.js';

/**
 * A table block in the .docx (issue 12 point 4): a Word table as wide as the type area, its columns the widths
 * the PDF uses when they were set by dragging (else from the cells' lengths, Word's own measure being unknown
 * here), single black borders (the frame and the rule under the header 0.75 pt, inner rules 0.4 pt — Word's
 * border size is in eighths of a point), the header row marked to repeat on every page (w:tblHeader) and rows
 * that do not split across pages (w:cantSplit), as the PDF breaks the table only between rows.
 */

/** Points to twips. */
const twips = (pt: number) => Math.round(pt * 20);

/** Column widths in points without font metrics: a CJK character an em, anything else half an em. */
export function estimatedWidths(table: StyledTable, total: number, size: number): number[] {
  const cols = Math.max(0, ...table.rows.map((r) => r.length));
  const textWidth = (runs: readonly StyledRun[]) =>
    [...runs.map((r) => r.text).join('')].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? size : size / 2), 0);
  const needs = Array.from({ length: cols }, (_, c) => {
    const widths = table.rows.map((row) => textWidth(row[c] ?? []));
    const longestPiece = Math.max(size, ...table.rows.map((row) => Math.max(0, ...(row[c] ?? []).flatMap((r) => r.text.split(/[\s\u3000-\u303f\uff0c]/).map((w) => w.length * size / 2)))));
    // The padding (half an em each side) and an em to spare: Word and LibreOffice add space between Han and digits.
    return { min: Math.min(longestPiece, 4 * size) + size, natural: Math.max(...widths, size) + 2 * size };
  });
  return columnWidths(needs, total, table.widths);
}

/** The Word table of a styled table, with the run maker of the export (fonts, colours). */
export function docxTable(
  table: StyledTable,
  ctx: { preset: LayoutPreset; run: (r: StyledRun) => TextRun; font: Record<string, string> },
): Table {
  const size = tableTextSize(ctx.preset);
  const widths = estimatedWidths(table, ctx.preset.width, size).map(twips);
  const eighths = (pt: number) => Math.round(pt * 8);
  const line = (pt: number) => ({ style: BorderStyle.SINGLE, size: eighths(pt), color: '000000' });
  const rows = table.rows.map(
    (row, r) =>
      new TableRow({
        tableHeader: r === 0,
        cantSplit: true,
        children: row.map(
          (runs, c) =>
            new TableCell({
              width: { size: widths[c] ?? 0, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              ...(r === 0 ? { borders: { bottom: line(TABLE_RULES.outer) } } : {}),
              children: [
                new Paragraph({
                  alignment: r === 0 ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
                  spacing: { line: twips(size * 1.3), lineRule: 'exact' },
                  indent: { firstLine: 0 },
                  children: runs.length ? runs.map(ctx.run) : [new TextRun({ text: '', size: Math.round(size * 2), font: ctx.font })],
                }),
              ],
            }),
        ),
      }),
  );
  return new Table({
    rows,
    width: { size: twips(ctx.preset.width), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: twips(size * 0.5), right: twips(size * 0.5), top: twips(size * 0.2), bottom: twips(size * 0.2) },
    borders: {
      top: line(TABLE_RULES.outer),
      bottom: line(TABLE_RULES.outer),
      left: line(TABLE_RULES.outer),
      right: line(TABLE_RULES.outer),
      insideHorizontal: line(TABLE_RULES.inner),
      insideVertical: line(TABLE_RULES.inner),
    },
  });
}
