/**
 * Test issues for page filling and last-page saving (issues 11 and 16), built from the sentences of the sample
 * issue so the text reads like a bulletin: three heading levels with a long standalone heading, Latin words and
 * numbers of every length at line ends, a twelve-page issue, and issues tuned to end a given number of lines over
 * a page. Deterministic: the same call gives the same issue.
 */
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Article, Block } from '../../core/model/issue.js';
import type { FaceSet } from '../../core/fonts/face-set.js';
import type { LayoutPreset } from '../../core/typeset/preset.js';
import { createLineCache } from '../../core/typeset/line-cache.js';
import { typeset } from '../../core/typeset/typeset.js';
import { sampleBytes } from './sample.js';
import { blockInlines } from '../../core/model/block-text.js';
import { makeJpeg } from './picture-files.js';

const base = readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;

/** Every sentence of the sample's articles (ending in 。), in order. */
const SENTENCES: readonly string[] = base.issue.articles
  .flatMap((a) => a.body.map((b) => [...blockInlines(b), ...(b.type === 'heading' ? (b.body ?? []) : [])].map((i) => i.text).join('')))
  .join('')
  .split(/(?<=。)/u)
  .filter((s) => s.length > 8);

/** Latin words and numbers of every length from one to twelve characters. */
export const LATIN_WORDS: readonly string[] = [
  'A', '5G', 'APP', '2021', 'WeChat', 'COVID-19', '12345', 'ISO9001', 'Internet', 'https://rd.gov', 'PM2.5', '3.4%',
];

/** n sentences from position `at` (cycling through the sample). */
export function sentences(at: number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += SENTENCES[(at + i) % SENTENCES.length];
  return out;
}

const para = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });
const heading = (level: 1 | 2 | 3 | 4, text: string, body?: string): Block =>
  body ? { type: 'heading', level, content: [{ text }], body: [{ text: body }] } : { type: 'heading', level, content: [{ text }] };

/** The sample issue with other articles. */
export function withArticles(articles: readonly Article[], extra: Partial<BulletinDocument['publication']> = {}): BulletinDocument {
  return { publication: { ...base.publication, ...extra }, issue: { ...base.issue, articles } };
}

/** Three heading levels, run in and standalone, with a long standalone heading; about nine pages. */
export function headingsIssue(): BulletinDocument {
  const body: Block[] = [para(sentences(0, 3))];
  for (let s = 0; s < 3; s++) {
    body.push(heading(1, ['基本情况', '主要做法和成效', '关于进一步加强和改进新时代代表联络站建设工作的几点思考与建议'][s]!));
    body.push(para(sentences(3 + s * 7, 3)));
    for (let t = 0; t < 2; t++) {
      body.push(heading(2, ['健全工作制度。', '丰富活动形式。'][t]!, sentences(10 + s * 5 + t, 2)));
      body.push(heading(3, '完善接待记录。', sentences(20 + s * 3 + t, 2)));
      body.push(heading(3, '及时办理反馈'));
      body.push(para(sentences(30 + s * 4 + t, 2)));
    }
  }
  return withArticles([{ title: '株洲市推进代表联络站建设提质增效', body, contributor: '株洲市人大常委会' }]);
}

/** Latin words and numbers of every length placed so that each lands at or near a line's end somewhere. */
export function latinIssue(): BulletinDocument {
  const body: Block[] = [];
  for (let p = 0; p < 24; p++) {
    const word = LATIN_WORDS[p % LATIN_WORDS.length]!;
    let lead = sentences(p * 2, 1).slice(0, 20 + (p * 7) % 9);
    while (lead && !/\p{Script=Han}$/u.test(lead)) lead = lead.slice(0, -1);
    body.push(para(`${lead}${word}${sentences(p * 2 + 1, 2)}${LATIN_WORDS[(p + 5) % LATIN_WORDS.length]}平台建设。`));
  }
  return withArticles([{ title: '数字赋能代表履职', body, contributor: '长沙市人大常委会' }]);
}

/** Web addresses of several lengths, as a bulletin cites them (rules/url-breaks.ts). */
export const URLS: readonly string[] = [
  'https://www.hnrd.gov.cn/news/2021-06/lianluo-dongtai.html',
  'http://rd.changsha.gov.cn/rdgz/dbgz/202106/t20210602_9965.html?id=36',
  'www.zhuzhou.gov.cn/c15484/20210601/i1765432.html',
  'https://mp.weixin.qq.com/s/Xq3kJ9_mDbLr-2fTz8aQ7w',
];

/**
 * Long web addresses after a short start of a line, so that each would leave a hole if a URL were never broken
 * (issue 11): every paragraph cites one URL (cycling through {@link URLS}) `at` characters into a line.
 */
export function urlIssue(): BulletinDocument {
  const body: Block[] = [];
  for (let p = 0; p < 16; p++) {
    const url = URLS[p % URLS.length]!;
    let lead = sentences(p * 3, 2).slice(0, 28 + 2 + ((p * 5) % 17));
    while (lead && !/\p{Script=Han}$/u.test(lead)) lead = lead.slice(0, -1);
    body.push(para(`${lead}（详见${url}）${sentences(p * 3 + 2, 2)}`));
  }
  return withArticles([{ title: '网上联络站建设情况', body, contributor: '湖南省人大常委会' }]);
}

/** Four articles of headings and paragraphs, twelve pages or so in the standard preset. */
export function twelvePageIssue(): BulletinDocument {
  const articles: Article[] = [];
  for (let a = 0; a < 4; a++) {
    const body: Block[] = [];
    for (let s = 0; s < 4; s++) {
      body.push(heading(1, ['工作背景', '主要做法', '取得成效', '下步打算'][s]!));
      for (let p = 0; p < 3; p++) body.push(para(sentences(a * 40 + s * 8 + p * 2, 1 + ((a + s + p) % 2))));
    }
    articles.push({ title: ['长沙市深化代表联系群众工作', '株洲市推进代表联络站建设', '湘潭市创新代表履职方式', '衡阳市加强代表建议办理'][a]!, body, contributor: '市人大常委会' });
  }
  return withArticles(articles);
}

/**
 * A photo (4:3, type width, 12 grid lines with its 图注) reached when only a few lines are left at the foot of
 * page 1, with much of its article after it and a second article behind (issue 12 point 3: pictures float). Kept in
 * the text's order the picture leaves a hole of several lines at page 1's foot; floated, it opens page 2 and
 * the article's text after it fills page 1.
 */
export function pictureFootIssue(): BulletinDocument {
  const photo: Block = {
    type: 'picture',
    image: { format: 'jpeg', data: Buffer.from(makeJpeg(1200, 900)).toString('base64'), width: 1200, height: 900 },
    content: [{ text: '图为代表联络站开展集中接待活动现场' }],
  };
  const first: Block[] = [para(sentences(0, 2)), para(sentences(2, 2)), para(sentences(4, 1)), photo];
  for (let p = 0; p < 5; p++) first.push(para(sentences(6 + p * 2, 2)));
  const second: Block[] = [para(sentences(20, 3)), para(sentences(23, 2))];
  return withArticles([
    { title: '长沙市代表联络站开展集中接待活动', body: first, contributor: '长沙市人大常委会' },
    { title: '株洲市推进代表联络站建设提质增效', body: second, contributor: '株洲市人大常委会' },
  ]);
}

/**
 * An issue that, before any page is saved, ends `over` lines over its last full page (the layout report's
 * lastPage.overBefore): paragraphs are added, then the last one is lengthened sentence by sentence and
 * character by character until it does. Undefined when no length gives exactly that.
 */
export function overIssue(over: number, faces: FaceSet, preset?: LayoutPreset): BulletinDocument | undefined {
  const make = (n: number, tailChars: number): BulletinDocument => {
    const body: Block[] = [];
    for (let p = 0; p < n; p++) body.push(para(sentences(p * 3, 3)));
    body.push(para(sentences(n * 3, 6).slice(0, tailChars)));
    return withArticles([{ title: '长沙市落实举措推进代表联系群众活动', body, contributor: '长沙市人大常委会' }]);
  };
  // One memo of line breaking for the search: only the lengthened paragraph is broken again each time.
  const lineCache = createLineCache();
  const overOf = (doc: BulletinDocument) => {
    const r = typeset(doc, { faces, lineCache, ...(preset ? { preset } : {}) });
    return { over: r.report!.lastPage.overBefore ?? 0, pages: r.report!.lastPage.pagesBefore };
  };
  for (let n = 8; n < 40; n++) {
    const basePages = overOf(make(n, 2)).pages;
    for (let chars = 2; chars < 400; chars += 4) {
      const doc = make(n, chars);
      const o = overOf(doc);
      if (o.pages > basePages) break;
      if (o.over === over && o.pages > 1) return doc;
    }
  }
  return undefined;
}
