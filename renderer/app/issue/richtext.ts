/**
 * The one place the screens touch the editor module (renderer/editor/): mounting an editor, the toolbar's
 * commands, find, and jumping to a block. Everything else in renderer/app speaks in the core's model.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Inline } from '../../../core/model/inline.js';
import type { Block } from '../../../core/model/issue.js';
import type { EditorState } from 'prosemirror-state';
import {
  blockInfo,
  changeLevel,
  createEditorState,
  createEditorView,
  editorKind,
  editorParagraphs,
  findInDoc,
  findNext,
  inTable,
  insertTable,
  makeParagraph,
  moveBlock,
  redo,
  scrollToBlock,
  setFindQuery,
  setHeading,
  tableCommands,
  toggleBold,
  toggleRunIn,
  undo,
  type FindRange,
} from '../../editor/editor.js';

export { EDITOR_NOTICE_EVENT } from '../../editor/editor.js';

export type FormatAction =
  | 'paragraph'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'heading4'
  | 'levelUp'
  | 'levelDown'
  | 'runIn'
  | 'bold'
  | 'moveUp'
  | 'moveDown'
  | 'undo'
  | 'redo'
  /** 插入表格 of rows × columns, e.g. "insertTable:5x3". */
  | `insertTable:${number}x${number}`
  | 'tableAddRow'
  | 'tableAddColumn'
  | 'tableDeleteRow'
  | 'tableDeleteColumn'
  | 'tableDelete';

export function mountEditor(
  mount: HTMLElement,
  options: {
    kind: 'body' | 'note';
    blocks?: readonly Block[] | undefined;
    paragraphs?: readonly (readonly Inline[])[] | undefined;
    editable: boolean;
    label: string;
    onChange: (value: readonly Block[] | readonly (readonly Inline[])[]) => void;
    onFocus: () => void;
    onStateChange?: (state: EditorState) => void;
  },
): EditorView {
  const state =
    options.kind === 'note'
      ? createEditorState({ kind: 'note', paragraphs: options.paragraphs ?? [] })
      : createEditorState({ kind: 'body', blocks: options.blocks ?? [] });
  const view = createEditorView(mount, {
    state,
    editable: options.editable,
    onChange: (blocks, state) => options.onChange(options.kind === 'note' ? editorParagraphs(state) : blocks),
    ...(options.onStateChange ? { onStateChange: options.onStateChange } : {}),
  });
  view.dom.setAttribute('aria-label', options.label);
  view.dom.addEventListener('focus', options.onFocus);
  return view;
}

/** What the format bar shows for a state's selection. */
export interface FormatInfo {
  readonly kind: 'body' | 'note';
  readonly type: 'paragraph' | 'heading';
  readonly level?: number;
  readonly runIn: boolean;
  readonly bold: boolean;
  /** The selection is in a table (the table buttons apply). */
  readonly inTable: boolean;
}

export function formatInfo(state: EditorState): FormatInfo {
  const info = blockInfo(state);
  return { kind: editorKind(state), ...info, inTable: inTable(state) };
}

export function runAction(view: EditorView, action: FormatAction): boolean {
  const command = (() => {
    const table = /^insertTable:(\d+)x(\d+)$/.exec(action);
    if (table) return insertTable(Number(table[1]), Number(table[2]));
    switch (action) {
      case 'paragraph':
        return makeParagraph;
      case 'heading1':
        return setHeading(1);
      case 'heading2':
        return setHeading(2);
      case 'heading3':
        return setHeading(3);
      case 'heading4':
        return setHeading(4);
      case 'levelUp':
        return changeLevel(-1);
      case 'levelDown':
        return changeLevel(1);
      case 'runIn':
        return toggleRunIn;
      case 'bold':
        return toggleBold;
      case 'moveUp':
        return moveBlock(-1);
      case 'moveDown':
        return moveBlock(1);
      case 'undo':
        return undo;
      case 'redo':
        return redo;
      case 'tableAddRow':
        return tableCommands.addRow;
      case 'tableAddColumn':
        return tableCommands.addColumn;
      case 'tableDeleteRow':
        return tableCommands.deleteRow;
      case 'tableDeleteColumn':
        return tableCommands.deleteColumn;
      case 'tableDelete':
        return tableCommands.deleteTable;
      default:
        return () => false;
    }
  })();
  return command(view.state, view.dispatch, view);
}

/** Puts the caret at a block (at `offset` characters into its text when given), scrolls there and flashes it. */
export function scrollToBlockIn(view: EditorView, index: number, offset?: number): void {
  const doc = view.state.doc;
  const i = Math.max(0, Math.min(index, doc.childCount - 1));
  if (!scrollToBlock(view, i)) return;
  let pos = 0;
  for (let k = 0; k < i; k++) pos += doc.child(k).nodeSize;
  const block = doc.child(i);
  if (offset !== undefined && offset > 0 && block.isTextblock) {
    // The offset counts text characters (a run-in marker has none): walk the block's children to find it.
    let left = offset;
    let target = pos + 1;
    block.forEach((child, childOffset) => {
      if (left < 0) return;
      const length = child.isText ? child.text!.length : 0;
      if (child.isText && left <= length) {
        target = pos + 1 + childOffset + left;
        left = -1;
      } else left -= length;
    });
    const sel = TextSelection.create(view.state.doc, target);
    view.dispatch(view.state.tr.setSelection(sel).scrollIntoView());
  }
  const dom = view.nodeDOM(pos);
  if (dom instanceof HTMLElement) {
    dom.classList.remove('flash');
    void dom.offsetWidth;
    dom.classList.add('flash');
  }
}

export function setQueryIn(view: EditorView, query: string): void {
  setFindQuery(query || null)(view.state, view.dispatch);
}

export function findMatches(view: EditorView, query: string): FindRange[] {
  return query ? findInDoc(view.state, query) : [];
}

/** Selects a match and scrolls to it (the editor's find plugin marks it current). */
export function gotoMatch(view: EditorView, match: FindRange): void {
  const { state } = view;
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, match.from)));
  findNext(view.state, view.dispatch);
  const dom = view.domAtPos(match.from).node;
  const el = dom instanceof HTMLElement ? dom : dom.parentElement;
  el?.scrollIntoView({ block: 'center' });
}
