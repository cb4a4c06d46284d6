import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError, importPlainText, parseEditorNames, rejoinTitle } from '../../core/import/plain-text.js';
import { inlineText } from '../../core/model/inline.js';
import type { Block, HeadingBlock } from '../../core/model/issue.js';
import { defaultProfile } from '../../core/model/profile.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { blockInlines } from '../../core/model/block-text.js';

const SAMPLE = readFileSync(SAMPLE_FILE, 'utf8');

const headings = (blocks: readonly Block[]): HeadingBlock[] =>
  blocks.filter((b): b is HeadingBlock => b.type === 'heading');
const allText = (blocks: readonly Block[]): string =>
  blocks.map((b) => inlineText(blockInlines(b)) + (b.type === 'heading' ? inlineText(b.body ?? []) : '')).join('\n');

/** Throws ImportError with a Chinese message. */
function expectImportError(text: string, message?: RegExp): void {
  let error: unknown;
  try {
    importPlainText(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(/\p{Script=Han}/u);
  if (message) expect((error as Error).message).toMatch(message);
}

describe('importPlainText: the real sample (联络动态 2021 年第 8 期)', () => {
  const { document, notes } = importPlainText(SAMPLE);
  const { issue, publication } = document;
  const article = issue.articles[0]!;

  it('reads the masthead', () => {
    expect(issue.number).toBe(8);
    expect(issue.totalNumber).toBe(631);
    expect(issue.date).toBe('2021-06-02');
    expect(issue.year).toBe(2021);
    expect(publication.pinyin).toBe('LIANLUODONGTAI');
    expect(publication.unit).toBe('湖南省人大常委会选举任免联络工作委员会');
    expect(publication.name).toBe('联络动态');
  });

  it('reads the editor’s note without its label', () => {
    expect(issue.editorNote).toHaveLength(1);
    const note = inlineText(issue.editorNote[0]!);
    expect(note.startsWith('为深入贯彻')).toBe(true);
    expect(note.endsWith('供各地参考。')).toBe(true);
    expect(note).not.toContain('编者按');
  });

  it('reads one article with the spaced-out title rejoined', () => {
    expect(issue.articles).toHaveLength(1);
    expect(article.title).toBe('长沙市落实举措推进代表“联系群众办实事”活动');
    expect(notes.some((n) => n.kind === 'title-spacing')).toBe(true);
    expect(article.contributor).toBe('长沙市人大常委会');
  });

  it('reads the four run-in level-1 headings without their labels', () => {
    expect(article.body).toHaveLength(5);
    expect(article.body[0]!.type).toBe('paragraph');
    expect(inlineText(blockInlines(article.body[0]!)).startsWith('今年3月中旬至4月中旬，')).toBe(true);
    const hs = headings(article.body);
    expect(hs.map((h) => h.level)).toEqual([1, 1, 1, 1]);
    expect(hs.map((h) => inlineText(h.content))).toEqual(['深化活动主题。', '突出组织引领。', '创新活动方式。', '注重活动实效。']);
    expect(inlineText(hs[0]!.body!).startsWith('这次活动把贯彻落实')).toBe(true);
    expect(inlineText(hs[0]!.body!)).toContain('县（市、区）围绕活动主题');
  });

  it('joins the paragraphs cut by page breaks', () => {
    const text = allText(article.body);
    expect(text).toContain('为每一位市人大代表安排1位民情信息员');
    expect(text).toContain('在“长沙机构编制”公众号刊发，不到一天');
    expect(notes.filter((n) => n.kind === 'joined-paragraph')).toHaveLength(2);
  });

  it('removes PDF spaces and makes half-width punctuation full-width', () => {
    const text = [allText(article.body), ...issue.editorNote.map(inlineText), ...issue.distribution.map((d) => d.text)].join('\n');
    expect(text).not.toMatch(/[\p{Script=Han}，。、“”]\s*,|,\s*[\p{Script=Han}“”]/u);
    expect(text).not.toContain(',');
    expect(text).not.toContain('(');
    expect(text).toContain('3至5位县乡两级人大代表');
    expect(text).toContain('走访联系群众3.4万余名');
    const punctuation = notes.find((n) => n.kind === 'punctuation');
    expect(punctuation?.count).toBeGreaterThan(10);
    expect(punctuation?.message).toMatch(/^已将 \d+ 处半角标点改为全角$/);
    expect(notes.find((n) => n.kind === 'spaces')?.count).toBeGreaterThan(0);
  });

  it('reads the back matter', () => {
    // The sample's 送 list has seven printed lines: the 送 line itself and six more.
    expect(issue.distribution).toHaveLength(7);
    expect(issue.distribution[0]).toEqual({ text: '全国人大常委会办公厅联络局、研究室、新闻局、《中国人大》杂志社', copies: 1 });
    expect(issue.distribution[3]!.text).toBe(
      '省委办公厅、省委组织部、省委宣传部，省人民政府办公厅，省监察委员会，省高级人民法院，省人民检察院',
    );
    expect(issue.distribution[6]!.text).toBe('各市州、县市区人大常委会联工委');
    expect(issue.editors).toEqual(['石韧', '谢峥嵘']);
    expect(publication.contact).toBe('0731—85309270 hnrlddt@163.com');
    expect(publication.approvalNumber).toBe('湘党简准字〔2000〕第28号');
    expect(publication.defaultDistribution).toEqual(issue.distribution);
    expect(publication.defaultEditors).toEqual(['石韧', '谢峥嵘']);
  });

  it('gives the same document for CRLF, a BOM, no blank lines and full-width indents', () => {
    const crlf = '\ufeff' + SAMPLE.replace(/\n/g, '\r\n');
    expect(importPlainText(crlf).document).toEqual(document);
    const dense = SAMPLE.split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `\u3000\u3000${l}  `)
      .join('\n');
    expect(importPlainText(dense).document).toEqual(document);
  });

  it('does not modify the base profile', () => {
    const base = defaultProfile();
    const copy = structuredClone(base);
    importPlainText(SAMPLE, { base });
    expect(base).toEqual(copy);
  });
});

describe('importPlainText: constructed texts', () => {
  const body = '今年以来，全市代表积极履职，成效明显。';

  it('reads (一) and 1. headings, standalone and run in', () => {
    const text = [
      '工作动态汇总',
      '一、基本情况',
      body,
      '(一)组织保障。成立了领导小组。',
      '1. 制定方案。方案已经印发。',
      '1．召开会议',
      '（1）会议议程。共三项。',
      '(2)参会人员',
      '全体代表参加。',
    ].join('\n');
    const { document } = importPlainText(text);
    const blocks = document.issue.articles[0]!.body;
    expect(blocks.map((b) => (b.type === 'heading' ? `h${b.level}` : 'p'))).toEqual(['h1', 'p', 'h2', 'h3', 'h3', 'h4', 'h4', 'p']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, content: [{ text: '基本情况' }] });
    expect(blocks[2]).toEqual({
      type: 'heading',
      level: 2,
      content: [{ text: '组织保障。' }],
      body: [{ text: '成立了领导小组。' }],
    });
    expect(blocks[3]).toEqual({
      type: 'heading',
      level: 3,
      content: [{ text: '制定方案。' }],
      body: [{ text: '方案已经印发。' }],
    });
    expect(blocks[4]).toEqual({ type: 'heading', level: 3, content: [{ text: '召开会议' }] });
    expect(blocks[6]).toEqual({ type: 'heading', level: 4, content: [{ text: '参会人员' }] });
    expect(blocks[7]).toEqual({ type: 'paragraph', content: [{ text: '全体代表参加。' }] });
  });

  it('joins a title printed on two lines with one space', () => {
    const { document, notes } = importPlainText(`坚持人民至上\n践行初心使命\n${body}`);
    expect(document.issue.articles[0]!.title).toBe('坚持人民至上 践行初心使命');
    expect(document.issue.articles[0]!.body).toHaveLength(1);
    expect(notes.some((n) => n.kind === 'info' && n.message.includes('标题原为 2 行'))).toBe(true);
  });

  it('keeps a deliberate space between title phrases', () => {
    const { document, notes } = importPlainText(`坚持人民至上 践行初心使命\n\n${body}`);
    expect(document.issue.articles[0]!.title).toBe('坚持人民至上 践行初心使命');
    expect(notes.some((n) => n.kind === 'title-spacing')).toBe(false);
  });

  it('reads two articles separated by a contributor line', () => {
    const text = [
      '第 9 期',
      '2021 年 7 月 1 日',
      '第一篇的标题',
      '第一篇正文,有半角逗号。',
      '（甲市人大常委会供稿）',
      '第二篇的标题',
      '第二篇正文。',
      '(乙县人大常委会 供稿)',
      '送:各市州人大常委会',
      '责任编辑:张三',
      '联系方式:0731-1234567',
    ].join('\n');
    const { document } = importPlainText(text);
    const { issue, publication } = document;
    expect(issue.number).toBe(9);
    expect(issue.totalNumber).toBeUndefined();
    expect(issue.date).toBe('2021-07-01');
    expect(issue.articles.map((a) => [a.title, a.contributor])).toEqual([
      ['第一篇的标题', '甲市人大常委会'],
      ['第二篇的标题', '乙县人大常委会'],
    ]);
    expect(inlineText(blockInlines(issue.articles[0]!.body[0]!))).toBe('第一篇正文，有半角逗号。');
    expect(issue.distribution).toEqual([{ text: '各市州人大常委会', copies: 1 }]);
    expect(issue.editors).toEqual(['张三']);
    expect(publication.contact).toBe('0731-1234567');
    expect(issue.editorNote).toEqual([]);
  });

  it('reads the 刊名 before the pinyin line and the total number in Arabic digits', () => {
    const text = ['联 络 动 态', 'LIANLUODONGTAI', '第 3 期（总第626期）', '某某委员会编　　2022年1月5日', '标题', body].join('\n');
    const { document } = importPlainText(text);
    expect(document.publication.name).toBe('联络动态');
    expect(document.issue.number).toBe(3);
    expect(document.issue.totalNumber).toBe(626);
    expect(document.publication.unit).toBe('某某委员会');
    expect(document.issue.date).toBe('2022-01-05');
    expect(document.issue.year).toBe(2022);
  });

  it('fills missing masthead fields from the base profile and options.today, with notes', () => {
    const base = { ...defaultProfile(), name: '工作简报', unit: '某某办公室', defaultEditors: ['李四'] };
    const { document, notes } = importPlainText(`标题\n${body}`, { base, today: '2023-03-04' });
    expect(document.publication.name).toBe('工作简报');
    expect(document.publication.unit).toBe('某某办公室');
    expect(document.issue.number).toBe(1);
    expect(document.issue.date).toBe('2023-03-04');
    expect(document.issue.year).toBe(2023);
    expect(document.issue.editors).toEqual(['李四']);
    expect(notes.some((n) => n.kind === 'info' && n.message.includes('未找到日期'))).toBe(true);
    expect(importPlainText(`标题\n${body}`).document.issue.date).toBe('1970-01-01');
  });

  it('reads [编者按] and 编者按： labels', () => {
    for (const label of ['[编者按]', '编者按：', '编者按:']) {
      const { document } = importPlainText(`${label}这是按语。\n标题\n${body}`);
      expect(document.issue.editorNote.map(inlineText)).toEqual(['这是按语。']);
    }
  });

  it('joins a Latin word cut across lines with a space, Han without', () => {
    const { document } = importPlainText(`标题\n代表使用的App\nStore应用和\n小程序。`);
    expect(inlineText(blockInlines(document.issue.articles[0]!.body[0]!))).toBe('代表使用的App Store应用和小程序。');
  });

  it('drops page numbers and keeps the contact on its own line', () => {
    const text = `标题\n${body}\n— 2 —\n送：甲\n责任编辑：王五、赵六\n联系方式：电话 123\n批准文号：某准字第 1 号`;
    const { document, notes } = importPlainText(text);
    expect(document.issue.articles[0]!.body).toHaveLength(1);
    expect(document.issue.editors).toEqual(['王五', '赵六']);
    expect(document.publication.contact).toBe('电话 123');
    expect(document.publication.approvalNumber).toBe('某准字第1号');
    expect(notes.some((n) => n.message.includes('页码'))).toBe(true);
  });

  it('rejects bad input with ImportError and a Chinese message', () => {
    expectImportError('', /文件是空的/);
    expectImportError('  \n\t\u3000\r\n\ufeff', /文件是空的/);
    expectImportError('标题\u0000正文', /二进制/);
    expectImportError('\u0001\u0002\u0003\u0004\ufffd\ufffd abc', /二进制/);
    expectImportError('hello world', /没有找到正文/);
    expectImportError('只有一个标题', /没有找到正文/);
    expectImportError('第 8 期\n2021 年 6 月 2 日\n送：甲', /没有找到正文/);
  });

  it('never throws anything but ImportError on random strings', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      ...'一二三四、（）()【】[]编者按第期总年月日送责任编辑联系方式批准文号供稿：:,.。“”"\'  \n\n\r\t\u3000abcXYZ0123456789—',
      '\ud800',
      '\udc00',
      '😀',
      '𠮷',
      '\u0000',
      '\ufffd',
    ];
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(random() * 200);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      try {
        importPlainText(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
      }
    }
    // Pieces of the real sample, shuffled and cut.
    const lines = SAMPLE.split('\n');
    for (let n = 0; n < 200; n++) {
      const picked = lines.filter(() => random() < 0.5).map((l) => l.slice(0, Math.floor(random() * (l.length + 1))));
      try {
        importPlainText(picked.join(random() < 0.5 ? '\n' : '\n\n'));
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
      }
    }
  });

  it('handles long input in reasonable time', () => {
    const long = `标题\n${'代表,'.repeat(50_000)}\n${'a'.repeat(100_000)}@\n${' ,'.repeat(50_000)}`;
    const started = Date.now();
    try {
      importPlainText(long);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('helpers', () => {
  it('rejoinTitle', () => {
    expect(rejoinTitle('长沙市落实举措推进代表“联系群众办实事” 活 动')).toEqual({
      title: '长沙市落实举措推进代表“联系群众办实事”活动',
      rejoined: true,
    });
    expect(rejoinTitle('坚持人民至上  践行初心使命')).toEqual({ title: '坚持人民至上 践行初心使命', rejoined: false });
    expect(rejoinTitle('长沙市 2021 年工作')).toEqual({ title: '长沙市2021年工作', rejoined: true });
  });

  it('parseEditorNames', () => {
    expect(parseEditorNames('石 韧 谢峥嵘')).toEqual(['石韧', '谢峥嵘']);
    expect(parseEditorNames('谢峥嵘　石　韧')).toEqual(['谢峥嵘', '石韧']);
    expect(parseEditorNames('王五、赵六')).toEqual(['王五', '赵六']);
    expect(parseEditorNames('')).toEqual([]);
  });
});
