/**
 * Typing into an editor state in Node, as the view would: each character through the plugins' real
 * handleTextInput (input rules), Enter through the real keymaps (handleKeyDown), every transaction applied with
 * its appended transactions (the run-in rule). Used by the tests that compare typing with paste and import.
 */
import type { EditorState } from 'prosemirror-state';
import type { EditorProps, EditorView } from 'prosemirror-view';

/** The DOM KeyboardEvent type, as ProseMirror's props name it (the tests' tsconfig has no DOM library). */
type KeyEvent = Parameters<NonNullable<EditorProps['handleKeyDown']>>[1];
import type { Block } from '../../core/model/issue.js';
import { docToBlocks } from '../../renderer/editor/convert.js';
import { createEditorState } from '../../renderer/editor/state.js';

/** A stand-in for the EditorView the plugins need: state, dispatch, composing. */
export type FakeView = EditorView & { state: EditorState };

/** A fake view over a state. */
export function fakeView(state: EditorState): FakeView {
  const view = {
    state,
    composing: false,
    dispatch(tr: Parameters<EditorView['dispatch']>[0]) {
      view.state = view.state.apply(tr);
    },
  };
  return view as unknown as FakeView;
}

/** Types text at the selection, one character at a time; '\n' presses Enter. */
export function typeText(view: FakeView, text: string): void {
  for (const ch of text) {
    if (ch === '\n') {
      pressKey(view, 'Enter');
      continue;
    }
    const { from, to } = view.state.selection;
    let handled = false;
    view.state.plugins.forEach((plugin) => {
      const handler = plugin.props.handleTextInput;
      if (!handled && handler?.call(plugin, view, from, to, ch, () => view.state.tr.insertText(ch, from, to))) handled = true;
    });
    if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
  }
}

/** Presses a key through the plugins' handleKeyDown (the keymaps). */
export function pressKey(view: FakeView, key: string, mods: { shift?: boolean; ctrl?: boolean } = {}): void {
  const event = {
    key,
    keyCode: key === 'Enter' ? 13 : 0,
    shiftKey: mods.shift === true,
    ctrlKey: mods.ctrl === true,
    altKey: false,
    metaKey: false,
    preventDefault() {},
  } as unknown as KeyEvent;
  let handled = false;
  view.state.plugins.forEach((plugin) => {
    const handler = plugin.props.handleKeyDown;
    if (!handled && handler?.call(plugin, view, event)) handled = true;
  });
  if (!handled) throw new Error(`no binding handled ${key}`);
}

/** The blocks an empty article body holds after typing `text` (paragraphs separated by '\n'). */
export function typeIntoBody(text: string): Block[] {
  const view = fakeView(createEditorState({ kind: 'body', blocks: [] }));
  typeText(view, text);
  return docToBlocks(view.state.doc);
}
