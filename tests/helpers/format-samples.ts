/** Documents and small helpers shared by the file format's tests (tests/unit/format*.test.ts). */
import type { BulletinDocument } from '../../core/model/document.js';
import { serializeDocument, type ParseResult } from '../../core/model/format.js';
import { DEFAULT_FONTS, defaultProfile } from '../../core/model/profile.js';
import type { FormatProblem } from '../../core/model/validate.js';

/** A document using every feature of the model. */
export function sampleDocument(): BulletinDocument {
  return {
    publication: {
      ...defaultProfile(),
      approvalNumber: '湘内资准字 第123号',
      contact: '电话：0731-12345678',
      defaultDistribution: [{ text: '省人大常委会领导', copies: 12 }],
      defaultEditors: ['张三'],
      preset: 'compact',
      fonts: {
        ...DEFAULT_FONTS,
        body: { kind: 'file', path: 'C:\\Windows\\Fonts\\simfang.ttf' },
        title: { kind: 'file', path: '/fonts/FZXBSJW.ttf', boldPath: '/fonts/FZXBSJW-Bold.ttf' },
      },
    },
    issue: {
      year: 2021,
      number: 6,
      totalNumber: 128,
      date: '2021-06-02',
      editorNote: [[{ text: '编者按：', bold: true }, { text: '现将有关情况\t刊发。' }], []],
      articles: [
        {
          title: '某某县 扎实开展代表联络工作',
          body: [
            { type: 'paragraph', content: [{ text: '近年来，𠀀某某县……' }] },
            { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动……' }] },
            { type: 'heading', level: 4, content: [{ text: '独立标题', bold: false }] },
          ],
          contributor: '某某县人大常委会',
        },
        { title: '第二篇', body: [], contributor: '' },
      ],
      distribution: [
        { text: '全国人大常委会办公厅', copies: 2 },
        { text: '各市州人大常委会', copies: 14 },
      ],
      editors: ['张三', '李四'],
    },
  };
}

/** The file content of the sample, as a plain object to modify. */
export function sampleRaw(): Record<string, any> {
  return JSON.parse(serializeDocument(sampleDocument()));
}

/** The failure of a parse expected to fail. */
export function failed(result: ParseResult): Extract<ParseResult, { ok: false }> {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

/** The paths of some problems, sorted. */
export function paths(problems: readonly FormatProblem[]): string[] {
  return problems.map((p) => p.path).sort();
}

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
