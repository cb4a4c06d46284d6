import type { StructureBlock, TextItem } from '../typeset/page-layout.js';
import { dict, ref, textString, type PdfObject } from './pdf-writer.js';

/**
 * Tagged PDF (ISO 32000-1 §14.7–14.8): the layout's structure (PageLayout.structure, in the order) becomes
 * a structure tree — Document; the masthead rows, notes, paragraphs and the 供稿 line as P; article titles as H1;
 * headings 一、（一）1.（1） as H2–H5 with their number as Lbl; the 送 list as L of LI (Lbl 送：, LBody); the other
 * back-matter lines as P; a table as Table of TR rows holding TH (the header row, /Scope /Column) and TD cells —
 * and every text drawn on a page becomes marked content with an MCID owned by one element. Texts without a
 * structure source (page numbers) and the rules are marked as artifacts by the page content (page-content.ts).
 * The parent tree maps each page's MCIDs back to their elements.
 *
 * A table's header row repeated at the head of a page it continues on (../typeset/table-place.ts) is a
 * pagination artifact, not a second header: its TH cells own the texts of the header where it first prints, so a
 * reader meets each header cell once and the TH elements keep one place in the reading order. Sources: ISO
 * 32000-1 §14.8.2.2 (pagination artifacts: content repeated by the pagination, such as running heads), §14.8.4.3.4
 * (table elements; TH with the Table attribute owner's /Scope); PDF/UA (ISO 14289-1 §7.5) asks header cells to be
 * TH. The other accepted practice — tagging each repeat as TH of the same table — would read the header out on
 * every page; it is not taken.
 */

/**
 * A piece of a text item as marked content: its text, the standard role, and the structure element that owns it
 * (absent: an artifact). Consecutive pieces of one element may share one marked-content sequence.
 */
export interface MarkedPiece {
  readonly text: string;
  readonly role: string;
  readonly owner?: object;
}

interface Element {
  readonly role: string;
  /** Alternate text (a Figure's). */
  alt?: string;
  /** Kept in the tree even without content (a table's rows and cells: an empty cell is still a TD). */
  keep?: boolean;
  /** Attributes (a TH's /Scope), as a PDF dictionary. */
  attributes?: string;
  readonly parent: Element | undefined;
  readonly kids: (Element | { page: number; mcid: number })[];
  obj: number;
}

/** Builds a document's marked content page by page, then its structure objects. */
export interface Tagger {
  /** How a text item of page `page` (0-based) is marked: one piece, or a label and the rest. Call in drawing order. */
  mark(page: number, item: TextItem): readonly MarkedPiece[];
  /** The MCID of a new marked-content sequence of `owner` on page `page` (0-based), in drawing order. */
  begin(page: number, owner: object): number;
  /** The structure element that owns a non-text item of a source (a picture's Figure), or undefined (artifact). */
  owner(source: string): object | undefined;
  /**
   * The structure objects, numbered from `first` (the root and parent tree take the two numbers given): the
   * structure tree root, the parent tree and every element.
   */
  objects(at: { root: number; parentTree: number; first: number; pageRefs: readonly string[] }): PdfObject[];
}

function roleOf(b: StructureBlock): string {
  if (b.kind === 'table' && b.table) return 'Table';
  if (b.kind === 'title') return 'H1';
  if (b.kind === 'heading') return `H${(b.level ?? 1) + 1}`;
  if (b.kind === 'picture') return 'Figure';
  return 'P';
}

/** A table's TR elements under its Table, each with its TH (row 0) or TD cells; the cells row by row. */
function tableCells(table: Element, shape: { rows: number; cols: number }): Element[][] {
  table.keep = true;
  const cells: Element[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const tr: Element = { role: 'TR', parent: table, kids: [], obj: 0, keep: true };
    table.kids.push(tr);
    const row: Element[] = [];
    for (let c = 0; c < shape.cols; c++) {
      const cell: Element = { role: r === 0 ? 'TH' : 'TD', parent: tr, kids: [], obj: 0, keep: true };
      if (r === 0) cell.attributes = '<</O /Table /Scope /Column>>';
      tr.kids.push(cell);
      row.push(cell);
    }
    cells.push(row);
  }
  return cells;
}

/** A tagger for a layout's structure. */
export function createTagger(structure: readonly StructureBlock[]): Tagger {
  const doc: Element = { role: 'Document', parent: undefined, kids: [], obj: 0 };
  const bodyOf = new Map<string, Element>();
  const labelOf = new Map<string, { element: Element; chars: number }>();
  /** Each table's cells, row by row, and the page its header row was first marked on. */
  const tables = new Map<string, { cells: Element[][]; headerPage?: number }>();
  let list: Element | undefined;
  for (const b of structure) {
    let holder: Element;
    let body: Element;
    if (b.kind === 'distribution') {
      if (!list) {
        list = { role: 'L', parent: doc, kids: [], obj: 0 };
        doc.kids.push(list);
      }
      holder = { role: 'LI', parent: list, kids: [], obj: 0 };
      list.kids.push(holder);
      body = { role: 'LBody', parent: holder, kids: [], obj: 0 };
    } else {
      holder = { role: roleOf(b), parent: doc, kids: [], obj: 0 };
      doc.kids.push(holder);
      body = holder;
    }
    if (b.label) {
      const lbl: Element = { role: 'Lbl', parent: holder, kids: [], obj: 0 };
      holder.kids.push(lbl);
      labelOf.set(b.source, { element: lbl, chars: [...b.label].length });
    }
    if (b.alt !== undefined) holder.alt = b.alt;
    if (body !== holder) holder.kids.push(body);
    bodyOf.set(b.source, body);
    if (holder.role === 'Table' && b.table) tables.set(b.source, { cells: tableCells(holder, b.table) });
  }
  const owners: Element[][] = [];
  const own = (element: Element, text: string, role: string): MarkedPiece => ({ text, role, owner: element });

  return {
    mark(page, item) {
      const body = item.source === undefined ? undefined : bodyOf.get(item.source);
      if (!body) return [{ text: item.text, role: 'Artifact' }];
      const table = item.cell ? tables.get(item.source!) : undefined;
      if (table && item.cell) {
        const cell = table.cells[item.cell.row]?.[item.cell.col];
        if (!cell) return [{ text: item.text, role: 'Artifact' }];
        if (item.cell.row === 0) {
          table.headerPage ??= page;
          // The header row repeated on a later page: a pagination artifact (see the module comment).
          if (page !== table.headerPage) return [{ text: item.text, role: 'Artifact' }];
        }
        return [own(cell, item.text, cell.role)];
      }
      const label = labelOf.get(item.source!);
      const pieces: MarkedPiece[] = [];
      let rest = item.text;
      if (label && label.chars > 0) {
        const chars = [...item.text];
        const n = Math.min(label.chars, chars.length);
        label.chars -= n;
        pieces.push(own(label.element, chars.slice(0, n).join(''), 'Lbl'));
        rest = chars.slice(n).join('');
      }
      if (rest) pieces.push(own(body, rest, body.role));
      return pieces;
    },
    owner(source) {
      return bodyOf.get(source);
    },
    begin(page, owner) {
      const element = owner as Element;
      const list = (owners[page] ??= []);
      const mcid = list.length;
      list.push(element);
      element.kids.push({ page, mcid });
      return mcid;
    },
    objects(at) {
      const used = (e: Element): boolean => e.keep === true || e.kids.some((k) => !('role' in k) || used(k));
      const elements: Element[] = [];
      const number = (e: Element) => {
        e.obj = at.first + elements.length;
        elements.push(e);
        for (const k of e.kids) if ('role' in k && used(k)) number(k);
      };
      number(doc);
      const out: PdfObject[] = [
        { source: dict({ Type: '/StructTreeRoot', K: ref(doc.obj), ParentTree: ref(at.parentTree), ParentTreeNextKey: String(at.pageRefs.length) }) },
      ];
      let nums = '';
      at.pageRefs.forEach((_, page) => {
        nums += ` ${page} [${(owners[page] ?? []).map((e) => ref(e.obj)).join(' ')}]`;
      });
      out.push({ source: `<</Nums [${nums.trim()}]>>` });
      for (const e of elements) {
        // /Pg: the page of the element's first content; MCIDs there are plain integers, others MCR dictionaries.
        const first = e.kids.find((k) => !('role' in k)) as { page: number } | undefined;
        const kids = e.kids
          .filter((k) => !('role' in k) || used(k))
          .map((k) =>
            'role' in k ? ref(k.obj) : k.page === first?.page ? String(k.mcid) : `<</Type /MCR /Pg ${at.pageRefs[k.page]} /MCID ${k.mcid}>>`,
          );
        out.push({
          source: dict({
            Type: '/StructElem',
            S: `/${e.role}`,
            P: ref(e.parent ? e.parent.obj : at.root),
            Pg: first ? at.pageRefs[first.page] : undefined,
            K: `[${kids.join(' ')}]`,
            Alt: e.alt !== undefined ? textString(e.alt) : undefined,
            A: e.attributes,
          }),
        });
      }
      return out;
    },
  };
}
