/** 校对 marks in the editor (renderer/editor/plugins/proofread.ts, renderer/app/check/proof-marks.ts). */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../core/check/problem.js';
import { proofMarksBySlot } from '../../renderer/app/check/proof-marks.js';
import { createEditorState } from '../../renderer/editor/state.js';
import { proofKey, proofRange, setProofMarks } from '../../renderer/editor/plugins/proofread.js';

const state = createEditorState({
  kind: 'body',
  blocks: [
    { type: 'paragraph', content: [{ text: '甲乙,丙' }] },
    { type: 'heading', level: 1, content: [{ text: '主题' }], body: [{ text: '这次活动.好' }] },
  ],
});

describe('proofread plugin', () => {
  it('places a mark at its character: paragraph text, a heading sentence, the text run in after the marker', () => {
    const text = (r: { from: number; to: number } | undefined) => (r ? state.doc.textBetween(r.from, r.to) : undefined);
    expect(text(proofRange(state.doc, { block: 0, field: 'content', offset: 2, severity: 'warning', message: '' }))).toBe(',');
    expect(text(proofRange(state.doc, { block: 1, field: 'content', offset: 1, severity: 'warning', message: '' }))).toBe('题');
    expect(text(proofRange(state.doc, { block: 1, field: 'body', offset: 4, severity: 'warning', message: '' }))).toBe('.');
    expect(text(proofRange(state.doc, { block: 1, field: 'content', severity: 'error', message: '' }))).toBe('主题');
    expect(proofRange(state.doc, { block: 0, field: 'body', offset: 0, severity: 'error', message: '' })).toBeUndefined();
    expect(proofRange(state.doc, { block: 5, field: 'content', offset: 0, severity: 'error', message: '' })).toBeUndefined();
  });

  it('draws the marks and maps them through edits, outside the undo history', () => {
    let s = state;
    setProofMarks([{ block: 0, field: 'content', offset: 2, severity: 'warning', message: '半角逗号' }])(s, (tr) => {
      expect(tr.getMeta('addToHistory')).toBe(false);
      s = s.apply(tr);
    });
    const marks = () => proofKey.getState(s)!.find().map((d) => s.doc.textBetween(d.from, d.to));
    expect(marks()).toEqual([',']);
    s = s.apply(s.tr.insertText('前', 1));
    expect(marks()).toEqual([',']);
  });

  it('sorts problems into editors by path; fields are listed only', () => {
    const p = (path: string, offset?: number): Problem => ({ severity: 'warning', code: 'halfwidth-punctuation', message: path, path, ...(offset === undefined ? {} : { offset }) });
    const bySlot = proofMarksBySlot([p('editorNote[1]', 3), p('articles[1].body[2].body', 4), p('articles[0].title', 1), p('articles[0].body[0].content')], ['a1', 'a2']);
    expect(bySlot.get('note')).toEqual([{ block: 1, field: 'content', offset: 3, severity: 'warning', message: 'editorNote[1]' }]);
    expect(bySlot.get('body:a2')).toEqual([{ block: 2, field: 'body', offset: 4, severity: 'warning', message: 'articles[1].body[2].body' }]);
    expect(bySlot.get('body:a1')).toEqual([{ block: 0, field: 'content', severity: 'warning', message: 'articles[0].body[0].content' }]);
  });
});
