import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Block, HeadingLevel } from '../../core/model/issue.js';
import { changeLevel, makeParagraph, moveBlock, setHeading } from '../../renderer/editor/commands.js';
import { createEditorState } from '../../renderer/editor/state.js';
import { headingLabels, labelAt, numberingDecorations, numberingKey } from '../../renderer/editor/plugins/numbering.js';
import { runInDecorations } from '../../renderer/editor/plugins/run-in.js';

const h = (level: HeadingLevel, text: string): Block => ({ type: 'heading', level, content: [{ text }] });
const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

function blockPos(s: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += s.doc.child(i).nodeSize;
  return pos;
}
function at(s: EditorState, index: number, offset = 0): EditorState {
  return s.apply(s.tr.setSelection(TextSelection.create(s.doc, blockPos(s, index) + 1 + offset)));
}
function run(s: EditorState, command: Command): EditorState {
  let next = s;
  expect(command(s, (tr) => (next = s.apply(tr)))).toBe(true);
  return next;
}
/** The labels the plugin shows, block by block. */
function shown(s: EditorState): (string | null)[] {
  const set = numberingKey.getState(s)!;
  return Array.from({ length: s.doc.childCount }, (_, i) => labelAt(set, s.doc, i));
}

describe('heading numbering plugin', () => {
  const body = [h(1, '基本情况'), p('正文'), h(2, '组织'), h(2, '宣传'), h(1, '主要做法'), h(2, '学习'), h(3, '集中'), h(3, '分散'), h(4, '线上'), h(2, '调研')];

  it('labels every heading from its level and position', () => {
    const s = createEditorState({ kind: 'body', blocks: body });
    const expected = ['一、', null, '（一）', '（二）', '二、', '（一）', '1.', '2.', '（1）', '（二）'];
    expect(shown(s)).toEqual(expected);
    expect(headingLabels(s.doc)).toEqual(expected);
  });

  it('restarts （一） under a new 一、', () => {
    const s = createEditorState({ kind: 'body', blocks: [h(1, 'a'), h(2, 'b'), h(2, 'c'), h(1, 'd'), h(2, 'e')] });
    expect(shown(s)).toEqual(['一、', '（一）', '（二）', '二、', '（一）']);
  });

  it('renumbers after the first heading is deleted', () => {
    let s = createEditorState({ kind: 'body', blocks: [h(1, '甲'), p('x'), h(1, '乙'), h(1, '丙')] });
    expect(shown(s)).toEqual(['一、', null, '二、', '三、']);
    s = s.apply(s.tr.delete(0, s.doc.child(0).nodeSize));
    expect(shown(s)).toEqual([null, '一、', '二、']);
  });

  it('renumbers after a heading is inserted', () => {
    let s = createEditorState({ kind: 'body', blocks: [h(1, '甲'), h(1, '乙')] });
    s = s.apply(s.tr.insert(0, s.schema.nodes.heading!.create({ level: 1 }, s.schema.text('新'))));
    expect(shown(s)).toEqual(['一、', '二、', '三、']);
  });

  it('renumbers after a move', () => {
    let s = createEditorState({ kind: 'body', blocks: [h(1, '甲'), h(2, '子'), h(1, '乙'), h(2, '丑'), h(2, '寅')] });
    expect(shown(s)).toEqual(['一、', '（一）', '二、', '（一）', '（二）']);
    s = run(at(s, 1), moveBlock(1)); // 子 moves below 乙
    expect(s.doc.child(2).textContent).toBe('子');
    expect(shown(s)).toEqual(['一、', '二、', '（一）', '（二）', '（三）']);
  });

  it('renumbers after a level change', () => {
    let s = createEditorState({ kind: 'body', blocks: [h(1, '甲'), h(1, '乙'), h(1, '丙')] });
    s = run(at(s, 1), changeLevel(1));
    expect(shown(s)).toEqual(['一、', '（一）', '二、']);
    s = run(at(s, 1), setHeading(4));
    expect(shown(s)).toEqual(['一、', '（1）', '二、']);
    s = run(at(s, 0), makeParagraph);
    expect(shown(s)).toEqual([null, '（1）', '一、']);
  });

  it('puts the label in a data-label node decoration (not in the text)', () => {
    const s = createEditorState({ kind: 'body', blocks: [h(1, '甲')] });
    const [deco] = numberingDecorations(s.doc).find();
    expect(deco!.from).toBe(0);
    expect(deco!.to).toBe(s.doc.child(0).nodeSize);
    expect(deco!.spec.label).toBe('一、');
    expect(s.doc.textContent).toBe('甲');
  });

  it('is not installed for the editor’s note', () => {
    const s = createEditorState({ kind: 'note', paragraphs: [[{ text: '一、甲' }]] });
    expect(numberingKey.getState(s)).toBeUndefined();
  });
});

describe('run-in styling', () => {
  it('marks the run-in heading and its body text', () => {
    const s = createEditorState({
      kind: 'body',
      blocks: [{ type: 'heading', level: 1, content: [{ text: '主题。' }], body: [{ text: '正文' }] }, h(1, '独立')],
    });
    const decos = runInDecorations(s.doc).find();
    expect(decos).toHaveLength(2);
    const inline = decos.find((d) => d.to - d.from === 2)!;
    expect(s.doc.textBetween(inline.from, inline.to)).toBe('正文');
  });
});
