/** Tables in the editor (issue 12 point 4): conversion with widths, insert, Tab between cells, rows and columns. */
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { tableOf, tableText, type TableBlock } from '../../core/model/table.js';
import { blocksToDoc, docToBlocks, paragraphsToDoc } from '../../renderer/editor/convert.js';
import { insertTable, tableCommands, tableKeymap } from '../../renderer/editor/plugins/tables.js';
import { noteSchema } from '../../renderer/editor/schema.js';
import { createEditorState, editorBlocks } from '../../renderer/editor/state.js';

const run = (state: EditorState, command: (s: EditorState, d: (tr: import('prosemirror-state').Transaction) => void) => boolean) => {
  let next = state;
  const ok = command(state, (tr) => (next = state.apply(tr)));
  return { ok, state: next };
};

describe('table conversion', () => {
  it('round-trips a table, its bold and its dragged widths', () => {
    const table: TableBlock = { ...tableOf([['县市区', '站数'], ['芙蓉区', '12']], [0.3, 0.7]) };
    const bold: TableBlock = { ...table, rows: [table.rows[0]!, { cells: [{ content: [{ text: '芙蓉区', bold: true }] }, table.rows[1]!.cells[1]!] }] };
    const blocks = [{ type: 'paragraph' as const, content: [{ text: '前' }] }, bold];
    expect(docToBlocks(blocksToDoc(blocks))).toEqual(blocks);
  });
  it('has no widths while no column was dragged', () => {
    const table = tableOf([['甲', '乙'], ['1', '2']]);
    expect(docToBlocks(blocksToDoc([table]))).toEqual([table]);
  });
  it('sets a table in the note as one paragraph of its cells', () => {
    const doc = blocksToDoc([tableOf([['甲', '乙'], ['1', '2']])], noteSchema);
    expect(doc.textContent).toBe('甲　乙　1　2');
    expect(paragraphsToDoc([]).childCount).toBe(1);
  });
});

describe('table commands', () => {
  const start = () => {
    const state = createEditorState({ kind: 'body', blocks: [{ type: 'paragraph', content: [{ text: '正文' }] }] });
    return state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2)));
  };

  it('inserts a rows × columns table after the block, caret in its first cell; not in the note, not in a table', () => {
    const { ok, state } = run(start(), insertTable(3, 4));
    expect(ok).toBe(true);
    const blocks = editorBlocks(state);
    expect(blocks[1]!.type).toBe('table');
    expect(tableText(blocks[1] as TableBlock)).toEqual([['', '', '', ''], ['', '', '', ''], ['', '', '', '']]);
    expect(state.selection.$from.parent.type.name).toBe('table_header');
    expect(insertTable(2, 2)(state)).toBe(false);
    expect(insertTable(2, 2)(createEditorState({ kind: 'note', paragraphs: [] }))).toBe(false);
  });

  it('types into cells, Tab moves to the next cell and adds a row in the last one', () => {
    let { state } = run(start(), insertTable(2, 2));
    const tab = tableKeymap().props.handleKeyDown!;
    const type = (text: string) => (state = state.apply(state.tr.insertText(text)));
    const key = (name: string, shift = false) => {
      const view = {
        get state() {
          return state;
        },
        dispatch: (tr: import('prosemirror-state').Transaction) => (state = state.apply(tr)),
      };
      const event = { key: name, shiftKey: shift, ctrlKey: false, altKey: false, metaKey: false, keyCode: 9 };
      return (tab as unknown as (v: unknown, e: unknown) => boolean)(view, event);
    };
    type('县市区');
    expect(key('Tab')).toBe(true);
    type('站数');
    key('Tab');
    type('芙蓉区');
    key('Tab');
    type('12');
    key('Tab'); // last cell: a new row
    type('天心区');
    expect(tableText(editorBlocks(state)[1] as TableBlock)).toEqual([
      ['县市区', '站数'],
      ['芙蓉区', '12'],
      ['天心区', ''],
    ]);
    key('Tab', true);
    expect(state.selection.$from.parent.textContent).toBe('12');
  });

  it('adds and deletes rows and columns, but never the header row', () => {
    let { state } = run(start(), insertTable(2, 2));
    state = run(state, tableCommands.addColumn).state;
    state = run(state, tableCommands.addRow).state;
    expect(tableText(editorBlocks(state)[1] as TableBlock).map((r) => r.length)).toEqual([3, 3, 3]);
    expect(editorBlocks(state)[1]!.type === 'table' && (editorBlocks(state)[1] as TableBlock).rows.length).toBe(3);
    expect(run(state, tableCommands.deleteRow).ok).toBe(false); // the caret is in the header row
    state = run(state, tableCommands.deleteColumn).state;
    expect(tableText(editorBlocks(state)[1] as TableBlock)[0]).toHaveLength(2);
    state = run(state, tableCommands.deleteTable).state;
    expect(editorBlocks(state).map((b) => b.type)).toEqual(['paragraph']);
  });
});
