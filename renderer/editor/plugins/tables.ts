/**
 * Tables in the article editor (issue 12 point 4), on prosemirror-tables: column resizing by dragging a column
 * border (the widths go to the model as fractions, ../table-convert.ts), cell selection and the module's
 * table-shape fixing, Tab / Shift-Tab to the next / previous cell (Tab in the last cell adds a row), Enter kept
 * inside the cell (a cell is one paragraph), and the commands of the format bar: insert a rows × columns table,
 * add and remove rows and columns, delete the table.
 *
 * A paste whose HTML holds a table with merged cells (colspan / rowspan above 1), which the model cannot hold,
 * is refused whole — nothing is inserted — and the editor's DOM gets a `bulletin-editor-notice` event with the
 * Chinese message (the issue screen shows it, renderer/app/issue/IssueScreen.tsx).
 */
import type { Node as PMNode } from 'prosemirror-model';
import { keymap } from 'prosemirror-keymap';
import { type Command, Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import {
  addColumnAfter,
  addRowAfter,
  columnResizing,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
  tableEditing,
} from 'prosemirror-tables';
import { emptyTable, MAX_TABLE_COLUMNS, mergedCellsMessage } from '../../../core/model/table.js';
import type { HtmlDocumentLike } from '../clean-html.js';
import { htmlHasMergedTable } from '../html-table.js';
import { tableToNode } from '../table-convert.js';
import { inlinesToNodes } from '../convert.js';

/** The DOM event a refused paste raises on the editor (detail: the message). */
export const EDITOR_NOTICE_EVENT = 'bulletin-editor-notice';

/** The message for a paste with merged cells. */
export const MERGED_PASTE_MESSAGE = mergedCellsMessage('粘贴的表格');

/** Most rows the insert command makes at once. */
export const MAX_INSERT_ROWS = 100;

/** Whether the selection is in a table. */
export function inTable(state: Parameters<Command>[0]): boolean {
  return !!state.schema.nodes.table && isInTable(state);
}

/**
 * Inserts an empty table of `rows` × `cols` (the first row the header) after the block holding the selection,
 * caret in its first cell. Not in the editor's note, and not inside a table.
 */
export function insertTable(rows: number, cols: number): Command {
  return (state, dispatch) => {
    if (!state.schema.nodes.table || inTable(state)) return false;
    const r = Math.max(2, Math.min(MAX_INSERT_ROWS, Math.floor(rows)));
    const c = Math.max(1, Math.min(MAX_TABLE_COLUMNS, Math.floor(cols)));
    if (dispatch) {
      const table = tableToNode(emptyTable(r, c), state.schema, inlinesToNodes);
      const { $from } = state.selection;
      const at = $from.depth >= 1 ? $from.after(1) : state.doc.content.size;
      const tr = state.tr.insert(at, table);
      dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 3)).scrollIntoView());
    }
    return true;
  };
}

/** Table commands for the format bar. */
export const tableCommands = {
  addRow: addRowAfter,
  addColumn: ((state, dispatch) => {
    const cols = state.selection.$from.node(-2)?.firstChild?.childCount ?? 0;
    return cols < MAX_TABLE_COLUMNS && addColumnAfter(state, dispatch);
  }) as Command,
  deleteRow: ((state, dispatch) => {
    // The header row stays: a table without one is not a table of the bulletin.
    const $from = state.selection.$from;
    if (isInTable(state) && $from.depth >= 2 && $from.index(-2) === 0) return false;
    return deleteRow(state, dispatch);
  }) as Command,
  deleteColumn,
  deleteTable,
} satisfies Record<string, Command>;

/** Enter inside a cell does nothing (one paragraph a cell); outside tables other bindings run. */
const stayInCell: Command = (state) => isInTable(state);

/** The table keys; put before the bulletin's own keymap so that Tab in a cell moves between cells. */
export function tableKeymap(): Plugin {
  return keymap({
    Tab: (state, dispatch, view) => {
      if (!isInTable(state)) return false;
      if (goToNextCell(1)(state, dispatch)) return true;
      // In the last cell: a new row, then the caret into its first cell.
      if (!dispatch || !view) return true;
      addRowAfter(state, dispatch);
      goToNextCell(1)(view.state, view.dispatch);
      return true;
    },
    'Shift-Tab': (state, dispatch) => isInTable(state) && (goToNextCell(-1)(state, dispatch) || true),
    Enter: stayInCell,
    'Shift-Enter': stayInCell,
  });
}

const refuseKey = new PluginKey('bulletin-table-paste');

/** Refuses a paste whose HTML has a table with merged cells (see the module comment). */
function refuseMergedPaste(): Plugin {
  let detached: HtmlDocumentLike | undefined;
  return new Plugin({
    key: refuseKey,
    props: {
      handlePaste(view, event) {
        const html = event.clipboardData?.getData('text/html') ?? '';
        if (!html) return false;
        const doc: HtmlDocumentLike = detached ?? view.dom.ownerDocument.implementation.createHTMLDocument('');
        detached = doc;
        if (!htmlHasMergedTable(html, doc)) return false;
        view.dom.dispatchEvent(new CustomEvent(EDITOR_NOTICE_EVENT, { detail: MERGED_PASTE_MESSAGE, bubbles: true }));
        return true;
      },
    },
  });
}

/** The table plugins that go after the others: merged-cell paste refusal, column resizing, table editing. */
export function tablePlugins(): Plugin[] {
  return [refuseMergedPaste(), columnResizing({ cellMinWidth: 32, lastColumnResizable: false }), tableEditing()];
}

/** Whether a document holds a table (for tests and the toolbar). */
export function hasTable(doc: PMNode): boolean {
  let found = false;
  doc.forEach((n) => (found ||= n.type.name === 'table'));
  return found;
}

