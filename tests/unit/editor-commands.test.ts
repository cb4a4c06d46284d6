import { closeHistory, redo, undo } from 'prosemirror-history';
import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Block, HeadingLevel } from '../../core/model/issue.js';
import {
  blockInfo,
  changeLevel,
  insertHeadingEnd,
  makeParagraph,
  moveBlock,
  setHeading,
  splitHeading,
  toggleBold,
  toggleParagraph,
  toggleRunIn,
} from '../../renderer/editor/commands.js';
import { docToBlocks } from '../../renderer/editor/convert.js';
import { createEditorState } from '../../renderer/editor/state.js';
import { bulletinBindings } from '../../renderer/editor/plugins/keymap.js';
import { bodySchema, noteSchema } from '../../renderer/editor/schema.js';

const h = (level: HeadingLevel, text: string): Block => ({ type: 'heading', level, content: text ? [{ text }] : [] });
const p = (text: string): Block => ({ type: 'paragraph', content: text ? [{ text }] : [] });
const runIn = (level: HeadingLevel, text: string, body: string): Block => ({
  type: 'heading',
  level,
  content: [{ text }],
  body: body ? [{ text: body }] : [],
});

function blockPos(s: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += s.doc.child(i).nodeSize;
  return pos;
}
/** Offsets count characters of the block's content, the run-in marker as one. */
function at(s: EditorState, index: number, offset = 0, toIndex?: number, toOffset?: number): EditorState {
  const from = blockPos(s, index) + 1 + offset;
  const to = toIndex === undefined ? from : blockPos(s, toIndex) + 1 + (toOffset ?? 0);
  return s.apply(s.tr.setSelection(TextSelection.create(s.doc, from, to)));
}
function state(blocks: Block[], index = 0, offset = 0): EditorState {
  return at(createEditorState({ kind: 'body', blocks }), index, offset);
}
function run(s: EditorState, command: Command): EditorState {
  let next = s;
  expect(command(s, (tr) => (next = next.apply(tr)))).toBe(true);
  return next;
}
const blocks = (s: EditorState) => docToBlocks(s.doc);
/** The caret as [block index, offset in block]. */
function caret(s: EditorState): [number, number] {
  const $pos = s.selection.$head;
  return [$pos.index(0), $pos.parentOffset];
}

describe('setHeading / makeParagraph / toggleParagraph', () => {
  it('sets and changes the level of the selected blocks', () => {
    let s = state([p('甲'), p('乙'), p('丙')]);
    s = run(at(s, 0, 0, 1, 1), setHeading(2));
    expect(blocks(s)).toEqual([h(2, '甲'), h(2, '乙'), p('丙')]);
    expect(setHeading(2)(s)).toBe(false); // nothing to change
    s = run(s, setHeading(1));
    expect(blocks(s)).toEqual([h(1, '甲'), h(1, '乙'), p('丙')]);
  });

  it('makes a run-in heading one paragraph of its sentence and body', () => {
    const s = run(state([runIn(1, '深化主题。', '这次活动')]), makeParagraph);
    expect(blocks(s)).toEqual([p('深化主题。这次活动')]);
  });

  it('toggles paragraph ↔ heading at the level of the heading above', () => {
    let s = state([h(3, '甲'), p('乙')], 1);
    s = run(s, toggleParagraph);
    expect(blocks(s)).toEqual([h(3, '甲'), h(3, '乙')]);
    s = run(s, toggleParagraph);
    expect(blocks(s)).toEqual([h(3, '甲'), p('乙')]);
    expect(blocks(run(state([p('甲')]), toggleParagraph))).toEqual([h(1, '甲')]);
  });
});

describe('changeLevel (Tab / Shift-Tab)', () => {
  it('goes deeper and shallower, clamped to 1–4', () => {
    let s = state([h(1, '甲')]);
    for (const expected of [2, 3, 4, 4] as HeadingLevel[]) {
      s = run(s, changeLevel(1));
      expect(blocks(s)).toEqual([h(expected, '甲')]);
    }
    for (const expected of [3, 2, 1, 1] as HeadingLevel[]) {
      s = run(s, changeLevel(-1));
      expect(blocks(s)).toEqual([h(expected, '甲')]);
    }
  });

  it('does nothing on a paragraph and returns false (Tab moves focus)', () => {
    const s = state([p('甲')]);
    expect(changeLevel(1)(s, () => expect.unreachable())).toBe(false);
    expect(changeLevel(-1)(s)).toBe(false);
    expect(bulletinBindings(bodySchema).Tab!(s)).toBe(false);
  });

  it('changes every heading in the selection and skips paragraphs', () => {
    const s = run(at(state([h(1, '甲'), p('乙'), h(2, '丙')]), 0, 0, 2, 1), changeLevel(1));
    expect(blocks(s)).toEqual([h(2, '甲'), p('乙'), h(3, '丙')]);
  });

  it('keeps a run-in heading run in', () => {
    const s = run(state([runIn(1, '甲。', '乙')]), changeLevel(1));
    expect(blocks(s)).toEqual([runIn(2, '甲。', '乙')]);
  });
});

describe('moveBlock (Alt-↑ / Alt-↓)', () => {
  it('moves the block with the caret and keeps the caret in it', () => {
    let s = state([p('甲'), h(1, '乙'), p('丙')], 1, 1);
    s = run(s, moveBlock(-1));
    expect(blocks(s)).toEqual([h(1, '乙'), p('甲'), p('丙')]);
    expect(caret(s)).toEqual([0, 1]);
    expect(moveBlock(-1)(s)).toBe(false);
    s = run(s, moveBlock(1));
    s = run(s, moveBlock(1));
    expect(blocks(s)).toEqual([p('甲'), p('丙'), h(1, '乙')]);
    expect(caret(s)).toEqual([2, 1]);
    expect(moveBlock(1)(s)).toBe(false);
  });

  it('moves several selected blocks together', () => {
    let s = at(state([p('甲'), p('乙'), p('丙'), p('丁')]), 1, 0, 2, 1);
    s = run(s, moveBlock(1));
    expect(blocks(s)).toEqual([p('甲'), p('丁'), p('乙'), p('丙')]);
    expect(s.doc.textBetween(s.selection.from, s.selection.to)).toBe('乙丙');
  });
});

describe('toggleRunIn', () => {
  it('joins the following paragraph as the body, and splits it off again', () => {
    let s = state([h(1, '深化活动主题。'), p('这次活动以'), p('下一段')]);
    s = run(s, toggleRunIn);
    expect(blocks(s)).toEqual([runIn(1, '深化活动主题。', '这次活动以'), p('下一段')]);
    s = run(s, toggleRunIn);
    expect(blocks(s)).toEqual([h(1, '深化活动主题。'), p('这次活动以'), p('下一段')]);
  });

  it('runs in after the first sentence when the heading holds more text', () => {
    const s = run(state([h(2, '加强学习。通过集中学习')]), toggleRunIn);
    expect(blocks(s)).toEqual([runIn(2, '加强学习。', '通过集中学习')]);
  });

  it('starts an empty body (caret after the marker) when no paragraph follows', () => {
    let s = run(state([h(1, '甲'), h(1, '乙')]), toggleRunIn);
    expect(blocks(s)).toEqual([runIn(1, '甲', ''), h(1, '乙')]);
    expect(caret(s)).toEqual([0, 2]);
    s = s.apply(s.tr.insertText('正文'));
    expect(blocks(s)).toEqual([runIn(1, '甲', '正文'), h(1, '乙')]);
    // A marker with an empty body just goes.
    expect(blocks(run(state([runIn(1, '甲', '')]), toggleRunIn))).toEqual([h(1, '甲')]);
  });

  it('keeps the caret in the body text when the body becomes a paragraph', () => {
    const s = run(state([runIn(1, '甲。', '乙丙')], 0, 4), toggleRunIn);
    expect(blocks(s)).toEqual([h(1, '甲。'), p('乙丙')]);
    expect(caret(s)).toEqual([1, 1]);
  });

  it('applies only in headings', () => {
    expect(toggleRunIn(state([p('甲')]))).toBe(false);
  });
});

describe('insertHeadingEnd (Shift-Enter in a heading)', () => {
  it('splits the heading at the caret into sentence and body', () => {
    const s = run(state([h(1, '深化主题。这次活动')], 0, 5), insertHeadingEnd);
    expect(blocks(s)).toEqual([runIn(1, '深化主题。', '这次活动')]);
    expect(caret(s)).toEqual([0, 6]);
    expect(insertHeadingEnd(s)).toBe(false); // one marker per heading
    expect(insertHeadingEnd(state([p('甲')]))).toBe(false);
  });
});

describe('splitHeading (Enter)', () => {
  it('makes the block after a heading a paragraph', () => {
    let s = run(state([h(1, '甲乙')], 0, 2), splitHeading);
    expect(blocks(s)).toEqual([h(1, '甲乙'), p('')]);
    expect(caret(s)).toEqual([1, 0]);
    s = run(state([h(1, '甲乙')], 0, 1), splitHeading);
    expect(blocks(s)).toEqual([h(1, '甲'), p('乙')]);
  });

  it('inserts a paragraph above at the start, and turns an empty heading into a paragraph', () => {
    let s = run(state([h(1, '甲')], 0, 0), splitHeading);
    expect(blocks(s)).toEqual([p(''), h(1, '甲')]);
    expect(caret(s)).toEqual([1, 0]);
    s = run(state([h(2, '')]), splitHeading);
    expect(blocks(s)).toEqual([]);
    expect(s.doc.firstChild!.type.name).toBe('paragraph');
  });

  it('ends the run-in when splitting at the marker, keeps it when splitting in the body', () => {
    // Caret right after the marker (offset 3 = 甲。 + marker).
    expect(blocks(run(state([runIn(1, '甲。', '乙丙')], 0, 3), splitHeading))).toEqual([h(1, '甲。'), p('乙丙')]);
    // Caret right before the marker.
    expect(blocks(run(state([runIn(1, '甲。', '乙丙')], 0, 2), splitHeading))).toEqual([h(1, '甲。'), p('乙丙')]);
    // Caret in the sentence.
    expect(blocks(run(state([runIn(1, '甲。', '乙丙')], 0, 1), splitHeading))).toEqual([h(1, '甲'), p('。乙丙')]);
    // Caret in the body.
    expect(blocks(run(state([runIn(1, '甲。', '乙丙')], 0, 4), splitHeading))).toEqual([runIn(1, '甲。', '乙'), p('丙')]);
  });

  it('leaves paragraphs to the default Enter', () => {
    expect(splitHeading(state([p('甲')]))).toBe(false);
  });
});

describe('toggleBold and blockInfo', () => {
  it('bolds the selection and reports it', () => {
    let s = at(state([p('甲乙丙')]), 0, 1, 0, 2);
    expect(blockInfo(s).bold).toBe(false);
    s = run(s, toggleBold);
    expect(blocks(s)).toEqual([{ type: 'paragraph', content: [{ text: '甲' }, { text: '乙', bold: true }, { text: '丙' }] }]);
    expect(blockInfo(s)).toEqual({ type: 'paragraph', runIn: false, bold: true });
    expect(blockInfo(state([runIn(3, '甲。', '乙')]))).toEqual({ type: 'heading', level: 3, runIn: true, bold: false });
  });
});

describe('undo / redo (prosemirror-history)', () => {
  it('undoes and redoes commands, one step each', () => {
    let s = state([p('甲'), h(1, '乙')], 1);
    const original = blocks(s);
    s = run(s, changeLevel(1));
    s = s.apply(closeHistory(s.tr)); // as after a pause: adjacent edits within 500 ms form one step
    s = run(s, moveBlock(-1));
    const moved = blocks(s);
    expect(moved).toEqual([h(2, '乙'), p('甲')]);
    s = run(s, undo);
    expect(blocks(s)).toEqual([p('甲'), h(2, '乙')]);
    s = run(s, undo);
    expect(blocks(s)).toEqual(original);
    expect(undo(s)).toBe(false);
    s = run(s, redo);
    s = run(s, redo);
    expect(blocks(s)).toEqual(moved);
    expect(redo(s)).toBe(false);
  });

  it('undoes typing', () => {
    let s = state([p('甲')], 0, 1);
    s = s.apply(s.tr.insertText('乙'));
    expect(blocks(s)).toEqual([p('甲乙')]);
    s = run(s, undo);
    expect(blocks(s)).toEqual([p('甲')]);
  });

  it('binds Mod-z, Mod-y and Shift-Mod-z', () => {
    const keys = bulletinBindings(bodySchema);
    expect(keys['Mod-z']).toBe(undo);
    expect(keys['Mod-y']).toBe(redo);
    expect(keys['Shift-Mod-z']).toBe(redo);
  });
});

describe('the editor’s note', () => {
  it('has no heading commands or heading keys', () => {
    const s = createEditorState({ kind: 'note', paragraphs: [[{ text: '甲' }]] });
    expect(setHeading(1)(s)).toBe(false);
    expect(toggleParagraph(s)).toBe(false);
    expect(changeLevel(1)(s)).toBe(false);
    expect(toggleRunIn(s)).toBe(false);
    expect(bulletinBindings(noteSchema).Tab).toBeUndefined();
    expect(toggleBold(s)).toBe(true);
  });
});
