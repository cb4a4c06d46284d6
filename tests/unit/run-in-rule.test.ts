/**
 * One run-in rule (core/model/run-in.ts) for typing, paste, .txt import and typesetting: a heading paragraph
 * with text after its heading phrase is a run-in heading — the phrase in the level's face, the rest in the body
 * face, one paragraph; with nothing after the phrase it stands alone and is kept with the next block.
 */
import { TextSelection } from 'prosemirror-state';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { importPlainText } from '../../core/import/plain-text.js';
import { runInSplit } from '../../core/model/heading-grammar.js';
import { inlineText } from '../../core/model/inline.js';
import type { Block, HeadingBlock } from '../../core/model/issue.js';
import { applyRunIn, labelledBlock } from '../../core/model/run-in.js';
import { styleIssue } from '../../core/typeset/styled.js';
import { STANDARD } from '../../core/typeset/preset.js';
import { typeset } from '../../core/typeset/typeset.js';
import { pastedTextToBlocks } from '../../renderer/editor/clean-text.js';
import { toggleRunIn } from '../../renderer/editor/commands.js';
import { docToBlocks } from '../../renderer/editor/convert.js';
import { headingEndOffset } from '../../renderer/editor/schema.js';
import { createEditorState } from '../../renderer/editor/state.js';
import { createFontFiles } from '../../services/font-files.js';
import { pageLines } from '../helpers/page-lines.js';
import { RUN_IN_BODY } from '../helpers/run-in-text.js';
import { fakeView, typeIntoBody, typeText } from '../helpers/typing.js';

describe('the run-in rule', () => {
  it('divides a heading after its phrase, or leaves it standalone', () => {
    expect(runInSplit('健全工作机制。市人大常委会')).toEqual({ phraseEnd: 7, bodyStart: 7 });
    expect(runInSplit('健全工作机制。 　市人大')).toEqual({ phraseEnd: 7, bodyStart: 9 });
    expect(runInSplit('健全工作机制。  ')).toBeUndefined();
    expect(runInSplit('基本情况')).toBeUndefined();
    const heading: HeadingBlock = { type: 'heading', level: 1, content: [{ text: '健全工作机制。' }, { text: '市人大', bold: true }] };
    expect(applyRunIn(heading)).toEqual({
      type: 'heading',
      level: 1,
      content: [{ text: '健全工作机制。' }],
      body: [{ text: '市人大', bold: true }],
    });
    expect(heading.body).toBeUndefined(); // the input is not changed
    const explicit: HeadingBlock = { type: 'heading', level: 2, content: [{ text: '工作要求：' }], body: [{ text: '一是。二是。' }] };
    expect(applyRunIn(explicit)).toBe(explicit);
    expect(labelledBlock([{ text: '二、主要成效' }])).toEqual({ type: 'heading', level: 1, content: [{ text: '主要成效' }] });
    expect(labelledBlock([{ text: '3.4万人参加。' }])).toEqual({ type: 'paragraph', content: [{ text: '3.4万人参加。' }] });
  });

  it('typing, pasting and importing the same text give the same blocks', () => {
    const typed = typeIntoBody(RUN_IN_BODY.join('\n'));
    const pasted = pastedTextToBlocks(RUN_IN_BODY.join('\n'));
    const imported = importPlainText(`代表联络站建设情况\n${RUN_IN_BODY.join('\n')}\n`, { today: '2021-06-02' }).document.issue
      .articles[0]!.body;
    expect(typed).toEqual(imported);
    expect(pasted).toEqual(imported);
    const shape = imported.map((b: Block) =>
      b.type !== 'heading' ? 'p' : `h${b.level}${b.body ? `:${inlineText(b.content)}` : ''}`,
    );
    expect(shape).toEqual(['p', 'h1:健全工作机制。', 'h2:明确进站安排。', 'h3:完善接待记录。', 'h1', 'p', 'h2', 'p']);
  });

  it('typing puts the marker after the phrase as soon as text follows it, and 接排 still makes it standalone', () => {
    const view = fakeView(createEditorState({ kind: 'body', blocks: [] }));
    typeText(view, '一、健全工作机制。');
    expect(headingEndOffset(view.state.doc.firstChild!)).toBe(-1);
    typeText(view, ' 市');
    expect(docToBlocks(view.state.doc)).toEqual([
      { type: 'heading', level: 1, content: [{ text: '健全工作机制。' }], body: [{ text: '市' }] },
    ]);
    typeText(view, '人大');
    // The caret is in the body, after what was typed.
    expect(view.state.selection.from).toBe(view.state.doc.firstChild!.nodeSize - 1);
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, 3)));
    toggleRunIn(view.state, view.dispatch);
    expect(docToBlocks(view.state.doc)).toEqual([
      { type: 'heading', level: 1, content: [{ text: '健全工作机制。' }] },
      { type: 'paragraph', content: [{ text: '市人大' }] },
    ]);
  });

  it('a heading loaded without the marker is typeset run in: phrase in 黑体, the rest in the body face', () => {
    const doc = importPlainText(`代表联络站建设情况\n${RUN_IN_BODY[1]}\n`, { today: '2021-06-02' }).document;
    const article = doc.issue.articles[0]!;
    const whole = article.body[0] as HeadingBlock;
    const unsplit: HeadingBlock = { type: 'heading', level: 1, content: [...whole.content, ...(whole.body ?? [])] };
    const styled = styleIssue({ ...doc, issue: { ...doc.issue, articles: [{ ...article, body: [unsplit] }] } }, STANDARD);
    const block = styled.blocks.find((b) => b.source === 'articles[0].body[0]')!;
    expect(block.kind).toBe('paragraph');
    expect(block.keepWithNext).toBe(false);
    expect(block.runs.map((r) => [r.text, r.style.role])).toEqual([
      ['一、', 'hei'],
      ['健全工作机制。', 'hei'],
      [RUN_IN_BODY[1]!.slice('一、健全工作机制。'.length), 'body'],
    ]);
  });
});

describe('typed and imported issues typeset alike', () => {
  let faces: FaceSet;
  beforeAll(() => {
    faces = new FaceSet(createFontFiles());
  });

  it('sets the same lines on the same pages', () => {
    const imported = importPlainText(`代表联络站建设情况\n${RUN_IN_BODY.join('\n')}\n`, { today: '2021-06-02' }).document;
    const article = imported.issue.articles[0]!;
    const typedDoc = { ...imported, issue: { ...imported.issue, articles: [{ ...article, body: typeIntoBody(RUN_IN_BODY.join('\n')) }] } };
    const a = pageLines(typeset(imported, { faces }).layout);
    const b = pageLines(typeset(typedDoc, { faces }).layout);
    expect(b).toEqual(a);
    expect(a.flat().some((l) => l.startsWith('一、健全工作机制。市人大常委会'))).toBe(true);
  });
});
