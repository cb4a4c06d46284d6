import { undoInputRule } from 'prosemirror-inputrules';
import { type EditorState, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/issue.js';
import { docToBlocks } from '../../renderer/editor/convert.js';
import { createEditorState } from '../../renderer/editor/state.js';
import {
  HEADING_LABEL_PATTERNS,
  headingInputRules,
  typedLabelTransaction,
} from '../../renderer/editor/plugins/input-rules.js';
import { labelAt, numberingKey } from '../../renderer/editor/plugins/numbering.js';
import { noteSchema } from '../../renderer/editor/schema.js';

/**
 * A stand-in for the EditorView that the input-rules plugin needs (state, dispatch, composing): typing goes
 * through the plugin's real handleTextInput, and falls back to inserting the text as the view would.
 */
function fakeView(state: EditorState): EditorView & { state: EditorState } {
  const view = {
    state,
    composing: false,
    dispatch(tr: Parameters<EditorView['dispatch']>[0]) {
      view.state = view.state.apply(tr);
    },
  };
  return view as unknown as EditorView & { state: EditorState };
}

function type(view: EditorView & { state: EditorState }, text: string): void {
  for (const ch of text) {
    const { from, to } = view.state.selection;
    let handled = false;
    view.state.plugins.forEach((plugin) => {
      if (handled) return;
      const handler = plugin.props.handleTextInput;
      if (handler && handler.call(plugin, view, from, to, ch, () => view.state.tr.insertText(ch, from, to))) handled = true;
    });
    if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
  }
}

function typedInto(blocks: Block[], text: string, index = 0, offset = 0): EditorState {
  let s = createEditorState({ kind: 'body', blocks });
  let pos = 0;
  for (let i = 0; i < index; i++) pos += s.doc.child(i).nodeSize;
  s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, pos + 1 + offset)));
  const view = fakeView(s);
  type(view, text);
  return view.state;
}

describe('typed heading labels', () => {
  const cases: [string, number][] = [
    ['一、', 1],
    ['十二、', 1],
    ['（一）', 2],
    ['(三)', 2],
    ['（一)', 2],
    ['1.', 3],
    ['12．', 3],
    ['3、', 3],
    ['１.', 3],
    ['（1）', 4],
    ['(2)', 4],
  ];
  for (const [label, level] of cases) {
    it(`"${label}" at the start of a paragraph makes a level-${level} heading`, () => {
      const s = typedInto([], `${label}加强组织领导`);
      expect(docToBlocks(s.doc)).toEqual([{ type: 'heading', level, content: [{ text: '加强组织领导' }] }]);
    });
  }

  it('converts an existing paragraph when the label is typed at its start', () => {
    const s = typedInto([{ type: 'paragraph', content: [{ text: '深化活动主题' }] }], '二、');
    expect(docToBlocks(s.doc)).toEqual([{ type: 'heading', level: 1, content: [{ text: '深化活动主题' }] }]);
    expect(labelAt(numberingKey.getState(s)!, s.doc, 0)).toBe('一、');
  });

  it('does nothing in the middle of text, in a heading, or for other text', () => {
    expect(docToBlocks(typedInto([], '他说一、二').doc)).toEqual([{ type: 'paragraph', content: [{ text: '他说一、二' }] }]);
    expect(docToBlocks(typedInto([], '2021年').doc)).toEqual([{ type: 'paragraph', content: [{ text: '2021年' }] }]);
    expect(docToBlocks(typedInto([], '一是').doc)).toEqual([{ type: 'paragraph', content: [{ text: '一是' }] }]);
    const inHeading = typedInto([{ type: 'heading', level: 2, content: [] }], '一、甲');
    expect(docToBlocks(inHeading.doc)).toEqual([{ type: 'heading', level: 2, content: [{ text: '一、甲' }] }]);
  });

  it('Backspace right after the conversion gives the typed label back (a paragraph that starts with "1.5万")', () => {
    const s = typedInto([], '1.');
    expect(docToBlocks(s.doc)).toEqual([{ type: 'heading', level: 3, content: [] }]);
    let back = s;
    expect(undoInputRule(s, (tr) => (back = s.apply(tr)))).toBe(true);
    expect(docToBlocks(back.doc)).toEqual([{ type: 'paragraph', content: [{ text: '1.' }] }]);
  });

  it('exports the patterns and the transaction builder', () => {
    expect(HEADING_LABEL_PATTERNS.map((r) => r.level)).toEqual([1, 2, 3, 4]);
    expect(HEADING_LABEL_PATTERNS.find((r) => r.pattern.test('（十）'))?.level).toBe(2);
    expect(HEADING_LABEL_PATTERNS.some((r) => r.pattern.test('1.5'))).toBe(false);
    let s = createEditorState({ kind: 'body', blocks: [{ type: 'paragraph', content: [{ text: '（1）甲' }] }] });
    const tr = typedLabelTransaction(s, 1, 4, 4)!;
    s = s.apply(tr);
    expect(docToBlocks(s.doc)).toEqual([{ type: 'heading', level: 4, content: [{ text: '甲' }] }]);
    // Not at the start of the paragraph: no transaction.
    const t = createEditorState({ kind: 'body', blocks: [{ type: 'paragraph', content: [{ text: '甲（1）' }] }] });
    expect(typedLabelTransaction(t, 2, 5, 4)).toBeNull();
  });

  it('has no input rules in the editor’s note', () => {
    expect(headingInputRules(noteSchema)).toBeNull();
    const s = createEditorState({ kind: 'note', paragraphs: [] });
    const view = fakeView(s);
    type(view, '一、甲');
    expect(view.state.doc.textContent).toBe('一、甲');
  });
});
