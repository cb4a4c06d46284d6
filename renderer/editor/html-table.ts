/**
 * Tables in pasted HTML (from Word, WPS or a web page; issue 12 point 4): a `<table>` becomes a table block — its
 * rows in order (thead, tbody, tfoot), td and th alike, the first row the header — when the model can hold it;
 * one with merged cells (colspan or rowspan above 1) cannot, and is refused before anything is pasted
 * (./plugins/tables.ts). A table inside a table's cell is not looked into: its text is the cell's text.
 */
import { normalizeInlines, type Inline } from '../../core/model/inline.js';
import { MAX_TABLE_COLUMNS, type TableBlock } from '../../core/model/table.js';
import type { HtmlDocumentLike, HtmlElementLike, HtmlNodeLike } from './clean-html.js';

const ELEMENT = 1;

function nameOf(node: HtmlNodeLike): string {
  return node.nodeName.toLowerCase();
}

/** The rows of a table element, each a list of its td/th cells (rows of nested tables excluded). */
export function tableRows(table: HtmlElementLike): HtmlElementLike[][] {
  const rows: HtmlElementLike[][] = [];
  const visit = (node: HtmlNodeLike) => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType !== ELEMENT) continue;
      const name = nameOf(child);
      if (name === 'tr') {
        const cells: HtmlElementLike[] = [];
        for (let j = 0; j < child.childNodes.length; j++) {
          const cell = child.childNodes[j]!;
          if (cell.nodeType === ELEMENT && (nameOf(cell) === 'td' || nameOf(cell) === 'th')) cells.push(cell as HtmlElementLike);
        }
        rows.push(cells);
      } else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
        visit(child);
      }
    }
  };
  visit(table);
  return rows;
}

/** Whether a cell spans more than one column or row. */
function merged(cell: HtmlElementLike): boolean {
  return Number(cell.getAttribute('colspan') ?? 1) > 1 || Number(cell.getAttribute('rowspan') ?? 1) > 1;
}

/** Whether a table has merged cells (a colspan or rowspan above 1). */
export function tableHasMergedCells(table: HtmlElementLike): boolean {
  return tableRows(table).some((row) => row.some(merged));
}

/**
 * The table block of a table element, its cells' inlines read by `cellInlines`; undefined when the model cannot
 * hold it (merged cells, rows of different lengths, no cells, too many columns).
 */
export function htmlTable(table: HtmlElementLike, cellInlines: (cell: HtmlElementLike) => Inline[]): TableBlock | undefined {
  const rows = tableRows(table).filter((r) => r.length > 0);
  if (!rows.length || rows.some((r) => r.some(merged))) return undefined;
  const cols = rows[0]!.length;
  if (cols > MAX_TABLE_COLUMNS || rows.some((r) => r.length !== cols)) return undefined;
  return { type: 'table', rows: rows.map((r) => ({ cells: r.map((cell) => ({ content: normalizeInlines(cellInlines(cell)) })) })) };
}

/** Every table element in a tree, outermost first. */
function tablesIn(root: HtmlNodeLike): HtmlElementLike[] {
  const out: HtmlElementLike[] = [];
  const stack: HtmlNodeLike[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === ELEMENT && nameOf(node) === 'table') out.push(node as HtmlElementLike);
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return out;
}

/**
 * Whether clipboard HTML holds a table with merged cells (parsed in a `<template>` of a detached document, inert,
 * as the cleaner does): such a paste is refused whole.
 */
export function htmlHasMergedTable(html: string, doc: HtmlDocumentLike): boolean {
  if (!/<t[dh]\b[^>]*\b(?:colspan|rowspan)\s*=/i.test(html)) return false;
  const template = doc.createElement('template');
  template.innerHTML = html;
  const found = tablesIn(template.content).some(tableHasMergedCells);
  template.innerHTML = '';
  return found;
}
