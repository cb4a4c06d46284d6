import { describe, expect, it } from 'vitest';
import type { Inline } from '../../core/model/inline.js';
import type { Block } from '../../core/model/issue.js';
import {
  blocksToDoc,
  docToBlocks,
  docToParagraphs,
  normalizeInlines,
  paragraphsToDoc,
} from '../../renderer/editor/convert.js';
import { bodySchema, headingEndOffset, isRunIn, noteSchema } from '../../renderer/editor/schema.js';

const sample: Block[] = [
  { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动以' }, { text: '“人大代表为人民”', bold: true }, { text: '为主题。' }] },
  { type: 'paragraph', content: [{ text: '全市各级人大代表' }, { text: '积极参与', bold: true }, { text: '。' }] },
  { type: 'heading', level: 2, content: [{ text: '组织领导' }] },
  { type: 'heading', level: 3, content: [{ text: '加强学习。' }], body: [] },
  { type: 'heading', level: 4, content: [] },
  { type: 'paragraph', content: [] },
  { type: 'paragraph', content: [{ text: '2021年6月2日，Daily 报道 3.4万人次。' }] },
];

describe('editor schema', () => {
  it('is the bulletin body: doc of paragraphs, headings 1–4, pictures and tables', () => {
    expect(Object.keys(bodySchema.nodes)).toEqual(['doc', 'paragraph', 'heading', 'heading_end', 'picture', 'text', 'table', 'table_row', 'table_cell', 'table_header']);
    expect(Object.keys(bodySchema.marks)).toEqual(['strong']);
    expect(Object.keys(noteSchema.nodes)).toEqual(['doc', 'paragraph', 'text']);
    expect(() => bodySchema.nodes.heading!.create({ level: 5 })).toThrow(RangeError);
    expect(() => bodySchema.nodes.heading!.create({ level: 0 })).toThrow(RangeError);
    expect(bodySchema.nodes.heading!.create({ level: 4 }).attrs.level).toBe(4);
  });

  it('allows one run-in marker per heading and none in paragraphs', () => {
    const s = bodySchema;
    const end = () => s.nodes.heading_end!.create();
    const ok = s.nodes.heading!.createChecked({ level: 1 }, [s.text('一'), end(), s.text('二')]);
    expect(headingEndOffset(ok)).toBe(1);
    expect(isRunIn(ok)).toBe(true);
    expect(isRunIn(s.nodes.heading!.createChecked({ level: 1 }, [s.text('一'), end()]))).toBe(false);
    expect(() => s.nodes.heading!.createChecked({ level: 1 }, [s.text('一'), end(), end()])).toThrow();
    expect(() => s.nodes.paragraph!.createChecked(null, [s.text('一'), end()])).toThrow();
    expect(() => s.node('doc', null, [])).toThrow(); // a document holds at least one block
  });
});

describe('blocks ↔ editor document', () => {
  it('round-trips exactly, with bold and run-in headings', () => {
    const doc = blocksToDoc(sample);
    expect(doc.childCount).toBe(sample.length);
    expect(docToBlocks(doc)).toEqual(sample);
  });

  it('keeps a heading body absent, empty or filled as it was', () => {
    const three: Block[] = [
      { type: 'heading', level: 1, content: [{ text: '甲' }] },
      { type: 'heading', level: 1, content: [{ text: '乙' }], body: [] },
      { type: 'heading', level: 1, content: [{ text: '丙。' }], body: [{ text: '丁' }] },
    ];
    const back = docToBlocks(blocksToDoc(three));
    expect(back).toEqual(three);
    expect('body' in back[0]!).toBe(false);
  });

  it('models a run-in heading as one textblock with a marker', () => {
    const doc = blocksToDoc([sample[0]!]);
    const h = doc.firstChild!;
    expect(h.type.name).toBe('heading');
    expect(h.attrs).toEqual({ level: 1 });
    expect(h.textContent).toBe('深化活动主题。这次活动以“人大代表为人民”为主题。');
    expect(headingEndOffset(h)).toBe('深化活动主题。'.length);
    const bold = h.child(3);
    expect(bold.text).toBe('“人大代表为人民”');
    expect(bold.marks.map((m) => m.type.name)).toEqual(['strong']);
  });

  it('reads an empty body as one empty paragraph and back', () => {
    const doc = blocksToDoc([]);
    expect(doc.childCount).toBe(1);
    expect(doc.firstChild!.type.name).toBe('paragraph');
    expect(docToBlocks(doc)).toEqual([]);
  });

  it('normalizes inlines: merges equal runs, drops empty ones, bold only when true', () => {
    const raw: Inline[] = [{ text: '甲' }, { text: '' }, { text: '乙', bold: false }, { text: '丙', bold: true }, { text: '丁', bold: true }];
    expect(normalizeInlines(raw)).toEqual([{ text: '甲乙' }, { text: '丙丁', bold: true }]);
    expect(docToBlocks(blocksToDoc([{ type: 'paragraph', content: raw }]))).toEqual([
      { type: 'paragraph', content: [{ text: '甲乙' }, { text: '丙丁', bold: true }] },
    ]);
  });

  it('rejects a level outside 1–4', () => {
    expect(() => blocksToDoc([{ type: 'heading', level: 7 as never, content: [{ text: 'x' }] }])).toThrow(RangeError);
  });
});

describe('note paragraphs ↔ editor document', () => {
  it('round-trips paragraphs with bold', () => {
    const note: Inline[][] = [[{ text: '为深入贯彻' }, { text: '全过程人民民主', bold: true }, { text: '重大理念，' }], [{ text: '现将有关情况编发如下。' }]];
    const doc = paragraphsToDoc(note);
    expect(doc.type.schema).toBe(noteSchema);
    expect(docToParagraphs(doc)).toEqual(note);
    expect(docToParagraphs(paragraphsToDoc([]))).toEqual([]);
  });

  it('turns headings into paragraphs in the note schema', () => {
    const doc = blocksToDoc([sample[0]!], noteSchema);
    expect(doc.firstChild!.type.name).toBe('paragraph');
    expect(docToParagraphs(doc)).toEqual([
      [{ text: '深化活动主题。这次活动以' }, { text: '“人大代表为人民”', bold: true }, { text: '为主题。' }],
    ]);
  });
});
