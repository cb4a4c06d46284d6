/**
 * Mounting the bulletin editor in the renderer. The React shell creates a state with
 * {@link createEditorState} and a view with {@link createEditorView} inside a `useEffect`, and destroys the view
 * in the cleanup:
 *
 * ```ts
 * const view = createEditorView(ref.current!, {
 *   state: createEditorState({ kind: 'body', blocks: article.body }),
 *   onChange: (blocks) => updateArticle({ ...article, body: blocks }),
 * });
 * return () => view.destroy();
 * ```
 *
 * `onChange` gets the content after every change of the document (not after selection moves): the core blocks
 * of an article body, or the paragraphs (Inline[][], as Issue.editorNote holds them) of the note. The view is
 * the source of truth while it is mounted: do not feed `onChange`'s blocks back into the view. To show another
 * article, `view.updateState(createEditorState({ … }))` (each state has its own undo history). Import
 * ./editor.css once.
 */

import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Inline } from '../../core/model/inline.js';
import type { Block } from '../../core/model/issue.js';
import { docToBlocks, docToParagraphs } from './convert.js';
import { editorKind } from './state.js';

export { createEditorState, editorBlocks, editorKind, editorParagraphs, editorPlugins } from './state.js';
export type { CreateEditorStateOptions } from './state.js';
export {
  clearFind,
  findInDoc,
  findKey,
  findNext,
  findPlugin,
  findPrevious,
  findState,
  setFindQuery,
} from './plugins/find.js';
export type { FindQuery, FindRange, FindState } from './plugins/find.js';

/** The content of an editor: an article body's blocks, or the editor's note's paragraphs. */
export type EditorContent = Block[] | Inline[][];

/** Options of {@link createEditorView}. */
export interface EditorViewOptions {
  /** The state to show, from createEditorState. */
  readonly state: EditorState;
  /**
   * Called after every change of the document with the content — `Block[]` for an article body (kind 'body'),
   * `Inline[][]` for the editor's note (kind 'note') — and the new state.
   */
  readonly onChange?: (content: EditorContent, state: EditorState) => void;
  /** Called after every transaction, selection moves included (to refresh a toolbar with blockInfo). */
  readonly onStateChange?: (state: EditorState) => void;
  /** Whether the text can be edited (false for a signed-off issue). Default true; change it with setEditable. */
  readonly editable?: boolean;
}

/** Creates the editor view inside `mount` (appended to it). Destroy it with `view.destroy()`. */
export function createEditorView(mount: HTMLElement, options: EditorViewOptions): EditorView {
  const editable = options.editable ?? true;
  const view: EditorView = new EditorView(mount, {
    state: options.state,
    editable: () => editable,
    attributes: (state) => ({
      class: 'bulletin-editor',
      'data-kind': editorKind(state),
      lang: 'zh-CN',
      spellcheck: 'false',
    }),
    dispatchTransaction(tr) {
      const before = view.state;
      const next = before.apply(tr);
      view.updateState(next);
      if (next.doc !== before.doc) options.onChange?.(editorContent(next), next);
      options.onStateChange?.(next);
    },
  });
  return view;
}

/** The content of a state: blocks for an article body, paragraphs for the editor's note. */
export function editorContent(state: EditorState): EditorContent {
  return editorKind(state) === 'note' ? docToParagraphs(state.doc) : docToBlocks(state.doc);
}

/** Makes a view editable or read-only. */
export function setEditable(view: EditorView, editable: boolean): void {
  view.setProps({ editable: () => editable });
}

/** The position of the top-level block at `index`. */
function blockPos(doc: PMNode, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/**
 * Jumps to the top-level block at `index` (e.g. a check result's `body[3]`): puts the caret at its start,
 * scrolls it to the middle of the editor's scroll container and focuses the editor. False if there is no such
 * block.
 */
export function scrollToBlock(view: EditorView, index: number, options: { focus?: boolean } = {}): boolean {
  const { doc } = view.state;
  if (!Number.isInteger(index) || index < 0 || index >= doc.childCount) return false;
  const pos = blockPos(doc, index);
  view.dispatch(view.state.tr.setSelection(TextSelection.near(doc.resolve(pos + 1))).scrollIntoView());
  const dom = view.nodeDOM(pos);
  if (dom && typeof (dom as HTMLElement).scrollIntoView === 'function') {
    (dom as HTMLElement).scrollIntoView({ block: 'center' });
  }
  if (options.focus !== false) view.focus();
  return true;
}
