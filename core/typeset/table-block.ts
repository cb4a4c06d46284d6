import type { FaceSet } from '../fonts/face-set.js';
import { inlineText } from '../model/inline.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import type { TableBlock } from '../model/table.js';
import { toTextItems } from './fragments.js';
import { boxWidth, breakLines, gapBetween, type Line } from './lines.js';
import type { RuleItem, TextItem } from './page-layout.js';
import { BLACK, linePitch, type LayoutPreset } from './preset.js';
import type { RunStyle, StyledRun } from './styled.js';
import { columnWidths, type ColumnNeed } from './table-widths.js';
import { toUnits, type MissingGlyph, type Unit } from './units.js';

/**
 * Tables in articles (issue 12 point 4): a table block becomes grid lines for the page breaker. Cell text is set
 * in the body face at a smaller size — 小四 (12 pt) under a 三号 body, 五号 (10.5 pt) under a 四号 one, the sizes
 * GB/T 9704-2012 practice uses for tables in a 公文 (TABLE_TEXT_SIZE) — the header row in the same face, bold and
 * centred. Every row takes a whole number of grid lines (its text centred in them), so the text after the table
 * is back on the grid (GB/T 9704 §5.2.2, 22 lines). The page breaker may break the table only between rows, never
 * between the header and the first body row, and repeats the header row at the head of every page the table
 * continues on (./page-plan.ts asks {@link fitRows}). Borders: the frame and the rule under the header 0.75 pt,
 * the inner rules 0.4 pt, all black on K.
 */

/** Cell text size by body size, in points (三号 16 → 小四 12; 四号 14 → 五号 10.5). */
export const TABLE_TEXT_SIZE: Readonly<Record<number, number>> = { 16: 12, 14: 10.5 };
/** Distance between cell text lines, in ems of the cell text size. */
export const TABLE_LEADING = 1.3;
/** Cell padding, in ems of the cell text size: left/right and top/bottom. */
export const TABLE_PADDING = { x: 0.5, y: 0.35 } as const;
/** Rule widths in points: the frame and the rule under the header; the rules inside. */
export const TABLE_RULES = { outer: 0.75, inner: 0.4 } as const;

/** The cell text size of a preset. */
export function tableTextSize(preset: LayoutPreset): number {
  return TABLE_TEXT_SIZE[preset.bodySize] ?? Math.round(preset.bodySize * 0.75 * 2) / 2;
}

/** A table styled for typesetting: the runs of every cell, row by row (row 0 the header). */
export interface StyledTable {
  readonly rows: readonly (readonly (readonly StyledRun[])[])[];
  readonly widths?: readonly number[];
  /** The table's content and widths as one string, for the line cache's key. */
  readonly key: string;
}

/** Styles a table's cells: body face at {@link tableTextSize}, the header row bold. */
export function styleTable(table: TableBlock, preset: LayoutPreset): StyledTable {
  const size = tableTextSize(preset);
  const body: RunStyle = { role: 'body', bold: false, size, color: BLACK };
  const rows = table.rows.map((row, r) =>
    row.cells.map((cell) =>
      cell.content
        .filter((i) => i.text.length > 0)
        .map((i): StyledRun => ({ text: i.text, style: r === 0 || i.bold ? { ...body, bold: true } : body })),
    ),
  );
  const key = JSON.stringify([table.rows.map((r) => r.cells.map((c) => c.content)), table.widths ?? null, size]);
  return { rows, ...(table.widths ? { widths: table.widths } : {}), key };
}

/** What one grid line of a table carries when a row starts on it: the row drawn relative to the row's top. */
export interface RowDrawing {
  /** Grid lines the row takes. */
  readonly gridLines: number;
  /** Cell texts; x absolute on the page, baselines relative to the row's top. */
  readonly texts: readonly TextItem[];
  /** The row's rules; y (and y2) relative to the row's top. */
  readonly rules: readonly RuleItem[];
}

/** A table's grid lines and where the page breaker may break it. */
export interface TableLines {
  /** The header row's grid lines, repeated at the head of each page the table continues on. */
  readonly header: readonly Line[];
  /** Indices of the grid lines a page may start with: the starts of the body rows after the first. */
  readonly breaks: readonly number[];
}

export interface TableContext {
  readonly faces: FaceSet;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  readonly preset: LayoutPreset;
  readonly missing: MissingGlyph[];
  readonly source: string;
}

/** Lays out a table: one Line per grid line (a row's first carries its drawing) and the table's break points. */
export function layTable(table: StyledTable, ctx: TableContext): { lines: Line[]; table: TableLines } {
  const { preset } = ctx;
  const size = tableTextSize(preset);
  const padX = TABLE_PADDING.x * size;
  const units = table.rows.map((row) => row.map((runs) => toUnits(runs, ctx)));
  const cols = Math.max(0, ...units.map((r) => r.length));
  const needs: ColumnNeed[] = [];
  for (let c = 0; c < cols; c++) {
    let min = 0;
    let natural = 0;
    for (const row of units) {
      const cell = row[c] ?? [];
      min = Math.max(min, ...cell.map((u) => boxWidth(u, 0)));
      natural = Math.max(natural, naturalWidth(cell));
    }
    needs.push({ min: min + 2 * padX, natural: natural + 2 * padX });
  }
  const widths = columnWidths(needs, preset.width, table.widths);
  const edges = [preset.left];
  for (const w of widths) edges.push(edges[edges.length - 1]! + w);
  const lines: Line[] = [];
  const rowStarts: number[] = [];
  units.forEach((row, r) => {
    rowStarts.push(lines.length);
    const drawing = layRow(row, { r, last: r === units.length - 1, edges, preset });
    lines.push({ placements: [], last: false, table: drawing });
    for (let k = 1; k < drawing.gridLines; k++) lines.push({ placements: [], last: false });
  });
  if (lines.length) lines[lines.length - 1] = { ...lines[lines.length - 1]!, last: true };
  const headerLines = rowStarts[1] ?? lines.length;
  return { lines, table: { header: lines.slice(0, headerLines), breaks: rowStarts.slice(2) } };
}

function naturalWidth(cell: readonly Unit[]): number {
  let width = 0;
  cell.forEach((u, i) => {
    if (i > 0) width += gapBetween(cell[i - 1]!, u, 0);
    width += boxWidth(u, 0);
  });
  return width;
}

/** One row: its cells' lines, text centred in a whole number of grid lines, and its rules. */
function layRow(
  row: readonly (readonly Unit[])[],
  ctx: { r: number; last: boolean; edges: readonly number[]; preset: LayoutPreset },
): RowDrawing {
  const { preset, edges } = ctx;
  const size = tableTextSize(preset);
  const lead = TABLE_LEADING * size;
  const pitch = linePitch(preset);
  const header = ctx.r === 0;
  const cells = row.map((units, c) => {
    if (!units.length) return [];
    const width = edges[c + 1]! - edges[c]! - 2 * TABLE_PADDING.x * size;
    const align = header ? 'center' : 'justify';
    return breakLines(units, { width, firstIndent: 0, hangIndent: 0, rightIndent: 0, align, trackingEm: 0 });
  });
  const count = Math.max(1, ...cells.map((l) => l.length));
  const gridLines = Math.max(1, Math.ceil((count * lead + 2 * TABLE_PADDING.y * size) / pitch - 1e-6));
  const height = gridLines * pitch;
  const texts: TextItem[] = [];
  cells.forEach((lines, c) => {
    const top = (height - lines.length * lead) / 2;
    lines.forEach((line, j) => {
      const baseline = top + j * lead + (lead - size) / 2 + 0.88 * size;
      const left = edges[c]! + TABLE_PADDING.x * size;
      for (const t of toTextItems(line.placements, { left, baseline, lastAlone: !header && !line.last })) texts.push({ ...t, cell: { row: ctx.r, col: c } });
    });
  });
  const rule = (r: Omit<RuleItem, 'color'>): RuleItem => ({ ...r, color: BLACK });
  const rules: RuleItem[] = [];
  if (header) rules.push(rule({ x1: edges[0]!, x2: edges[edges.length - 1]!, y: 0, thickness: TABLE_RULES.outer }));
  const bottom = header || ctx.last ? TABLE_RULES.outer : TABLE_RULES.inner;
  rules.push(rule({ x1: edges[0]!, x2: edges[edges.length - 1]!, y: height, thickness: bottom }));
  edges.forEach((x, i) => {
    const outer = i === 0 || i === edges.length - 1;
    rules.push(rule({ x1: x, x2: x, y: 0, y2: height, thickness: outer ? TABLE_RULES.outer : TABLE_RULES.inner }));
  });
  return { gridLines, texts, rules };
}

/**
 * How many of a table's grid lines from `from` go on a page with `room` lines left (`room` less than what
 * remains): up to the last row boundary that fits, never the header row alone; at the top of a page a row
 * taller than the page is cut where the page ends (nothing else can hold it).
 */
export function fitRows(table: TableLines, at: { from: number; room: number; atTop: boolean }): number {
  let end = at.from;
  for (const b of table.breaks) if (b > at.from && b - at.from <= at.room) end = b;
  if (end === at.from && at.atTop) return at.room;
  return end - at.from;
}

/** The plain text of a table row by row, cells joined by a tab (for reports and the text round trip). */
export function tableRowsText(table: TableBlock): string[] {
  return table.rows.map((r) => r.cells.map((c) => inlineText(c.content)).join('\t'));
}
