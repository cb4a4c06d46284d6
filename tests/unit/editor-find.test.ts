import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/issue.js';
import { clearFind, findInDoc, findNext, findPrevious, findState, setFindQuery } from '../../renderer/editor/plugins/find.js';
import { createEditorState, editorBlocks, editorKind, editorParagraphs } from '../../renderer/editor/state.js';

const body: Block[] = [
  { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次' }, { text: '活动', bold: true }, { text: '以代表为主体。' }] },
  { type: 'paragraph', content: [{ text: '代表活动Daily，daily 活动。' }] },
];

function run(s: EditorState, command: Command): EditorState {
  let next = s;
  expect(command(s, (tr) => (next = next.apply(tr)))).toBe(true);
  return next;
}
const selected = (s: EditorState) => s.doc.textBetween(s.selection.from, s.selection.to);

describe('findInDoc', () => {
  it('finds across bold runs and across the run-in marker, not in labels', () => {
    const s = createEditorState({ kind: 'body', blocks: body });
    const hits = findInDoc(s, '活动');
    expect(hits.map((r) => r.block)).toEqual([0, 0, 1, 1]);
    expect(hits.map((r) => s.doc.textBetween(r.from, r.to))).toEqual(['活动', '活动', '活动', '活动']);
    const across = findInDoc(s, '主题。这次');
    expect(across).toHaveLength(1);
    expect(across[0]!.to - across[0]!.from).toBe('主题。这次'.length + 1); // the marker lies inside
    expect(findInDoc(s, '一、')).toEqual([]);
    expect(findInDoc(s, '')).toEqual([]);
  });

  it('ignores Latin case unless asked', () => {
    const s = createEditorState({ kind: 'body', blocks: body });
    expect(findInDoc(s, 'DAILY')).toHaveLength(2);
    expect(findInDoc(s, { text: 'Daily', caseSensitive: true })).toHaveLength(1);
  });
});

describe('find plugin', () => {
  it('highlights matches, steps through them and follows edits', () => {
    let s = createEditorState({ kind: 'body', blocks: body });
    s = run(s, setFindQuery('活动'));
    expect(findState(s)!.matches).toHaveLength(4);
    expect(findState(s)!.current).toBe(0);
    expect(findState(s)!.decorations.find()).toHaveLength(4);

    s = run(s, findNext);
    expect(selected(s)).toBe('活动');
    expect(findState(s)!.current).toBe(0);
    s = run(s, findNext);
    expect(findState(s)!.current).toBe(1);
    s = run(s, findPrevious);
    expect(findState(s)!.current).toBe(0);
    s = run(s, findPrevious); // wraps
    expect(findState(s)!.current).toBe(3);

    s = s.apply(s.tr.insertText('活动', 1, 1));
    expect(findState(s)!.matches).toHaveLength(5);
    expect(findState(s)!.current).toBe(4); // still the same match, shifted

    s = run(s, clearFind);
    expect(findState(s)!.matches).toHaveLength(0);
    expect(findState(s)!.decorations.find()).toHaveLength(0);
    expect(findNext(s)).toBe(false);
  });

  it('starts at the first match after the caret', () => {
    let s = createEditorState({ kind: 'body', blocks: body });
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, s.doc.child(0).nodeSize + 1)));
    s = run(s, setFindQuery({ text: '活动' }));
    expect(findState(s)!.current).toBe(2);
  });
});

describe('createEditorState', () => {
  it('builds a body or a note state with its content', () => {
    const b = createEditorState({ kind: 'body', blocks: body });
    expect(editorKind(b)).toBe('body');
    expect(editorBlocks(b)).toEqual(body);
    const n = createEditorState({ kind: 'note', paragraphs: [[{ text: '编者按', bold: true }]] });
    expect(editorKind(n)).toBe('note');
    expect(editorParagraphs(n)).toEqual([[{ text: '编者按', bold: true }]]);
    expect(editorParagraphs(createEditorState({ kind: 'note' }))).toEqual([]);
  });
});
