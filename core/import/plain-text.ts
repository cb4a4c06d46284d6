/**
 * Import of a bulletin issue from plain text: text copied or extracted from a PDF or a Word file of an issue
 * (see samples/联络动态2021年第8期.txt). The text is read line by line into the masthead, the 编者按,
 * the articles (title, paragraphs, numbered headings, contributor) and the back matter (送, 责任编辑,
 * 联系方式, 批准文号), and cleaned on the way: PDF spacing removed, half-width punctuation made full-width,
 * paragraphs cut by page breaks joined again. Whatever was changed is reported as notes.
 *
 * The readers: ./regions.ts sorts the lines; ./masthead-reader.ts, ./body-reader.ts and ./back-matter-reader.ts
 * know each region's lines; ./import-notes.ts counts what was changed. This file builds the document.
 */

import type { BulletinDocument } from '../model/document.js';
import { plain, type Inline } from '../model/inline.js';
import type { Issue } from '../model/issue.js';
import { defaultProfile, type PublicationProfile } from '../model/profile.js';
import { parseIsoDate } from '../text/dates.js';
import { stripControlCharacters } from '../text/punctuation.js';
import { readBackMatter } from './back-matter-reader.js';
import { joinParagraphs, readArticles } from './body-reader.js';
import { Notes, type ImportNote } from './import-notes.js';
import { PAGE_NUMBER } from './masthead-reader.js';
import { readRegions } from './regions.js';
import { head, trimLine } from './text-helpers.js';

export type { ImportNote } from './import-notes.js';
export { rejoinTitle } from './body-reader.js';
export { parseEditorNames } from './back-matter-reader.js';

/** The input cannot be read as a bulletin issue; `message` says why, in Chinese, for the user. */
export class ImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
  }
}

export interface ImportResult {
  readonly document: BulletinDocument;
  readonly notes: ImportNote[];
}

export interface ImportOptions {
  /** The publication to start from; fields found in the text replace its fields. Default: defaultProfile(). */
  readonly base?: PublicationProfile;
  /** Today's date (YYYY-MM-DD), used when the text has no date. The core never reads the clock. */
  readonly today?: string;
  /**
   * Each line is a whole paragraph (text made from a Word document's paragraphs): lines are never joined as
   * if a page break had cut them. Default false (text pulled from a PDF).
   */
  readonly linesAreParagraphs?: boolean;
}

const FALLBACK_DATE = '1970-01-01';

/** Replaces Kangxi radicals (⾏ U+2F8F…) that PDF extraction produces with the ordinary Han characters. */
function fixRadicals(text: string): { text: string; count: number } {
  let count = 0;
  const fixed = text.replace(/[\u2e80-\u2eff\u2f00-\u2fdf]/gu, (ch) => {
    const nfkc = ch.normalize('NFKC');
    if (nfkc !== ch) count++;
    return nfkc;
  });
  return { text: fixed, count };
}

/** Rejects empty and binary input with a Chinese message. */
function assertReadable(text: string): void {
  if (!/[^\s\u3000\u00a0\ufeff\u200b]/u.test(text)) throw new ImportError('文件是空的');
  if (text.includes('\u0000')) throw new ImportError('这不是文本文件（含有二进制内容）');
  let total = 0;
  let bad = 0;
  for (const ch of text) {
    total++;
    const cp = ch.codePointAt(0) ?? 0;
    const control = (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d && cp !== 0x0c) || (cp >= 0x7f && cp <= 0x9f);
    const surrogate = cp >= 0xd800 && cp <= 0xdfff;
    if (control || surrogate || cp === 0xfffd) bad++;
  }
  if (bad * 10 > total) throw new ImportError('这不是文本文件（含有二进制内容）');
}

function importUnchecked(text: string, options: ImportOptions): ImportResult {
  if (typeof text !== 'string') throw new ImportError('这不是文本文件');
  assertReadable(text);
  const base = options.base ?? defaultProfile();
  const notes = new Notes();

  const radicals = fixRadicals(
    stripControlCharacters(text.replace(/\r\n?/g, '\n').replace(/[\f\v\u2028\u2029\u0085]/g, '\n')),
  );
  if (radicals.count > 0) notes.info(`已将 ${radicals.count} 个部首字符（PDF 提取时常见）改为标准汉字`);

  let pageNumbers = 0;
  const lines: string[] = [];
  for (const rawLine of radicals.text.split('\n')) {
    const line = trimLine(rawLine);
    if (!line) continue;
    if (PAGE_NUMBER.test(line)) {
      pageNumbers++;
      continue;
    }
    lines.push(line);
  }
  if (lines.length === 0) throw new ImportError('文件是空的');
  if (pageNumbers > 0) notes.info(`已删除 ${pageNumbers} 个页码行`);

  const raw = readRegions(lines);

  // Articles
  const articles = readArticles(raw.articles, notes, options.linesAreParagraphs === true);
  if (raw.untitled > 0) notes.info(`有 ${raw.untitled} 篇文章没有找到标题，请补上`);
  if (!articles.some((a) => a.title && a.body.length > 0)) {
    throw new ImportError('没有找到正文：至少需要一个标题和一段正文');
  }

  // Editor's note
  const editorNote: Inline[][] = joinParagraphs(raw.noteLines, notes, '编者按', options.linesAreParagraphs === true)
    .map((p) => notes.clean(p).trim())
    .filter((p) => p !== '')
    .map((p) => plain(p));
  if (raw.preTitleText) notes.info('标题前没有标注“编者按”的文字已作为编者按导入，请核对');

  // Masthead
  let date = raw.date;
  if (date === undefined) {
    const today = options.today !== undefined && parseIsoDate(options.today) ? options.today : FALLBACK_DATE;
    date = today;
    notes.info(`未找到日期，已使用 ${today}`);
  }
  // A year beside 第N期 ("2021年第8期") counts only when it is one an issue file can hold (1900–2999).
  const mastheadYear = raw.year !== undefined && raw.year >= 1900 && raw.year <= 2999 ? raw.year : undefined;
  if (raw.date === undefined && raw.year !== undefined && mastheadYear === undefined) {
    notes.info(`期号前的年份 ${raw.year} 不正确，已使用 ${date.slice(0, 4)} 年`);
  }
  const year = raw.date !== undefined ? Number(date.slice(0, 4)) : (mastheadYear ?? Number(date.slice(0, 4)));
  if (raw.number === undefined) notes.info('未找到期号，已设为第 1 期');

  // Back matter
  const { distribution, editors, contact, approval } = readBackMatter(raw, notes);
  if (raw.ignored.length > 0) {
    notes.info(`以下内容未能识别，没有导入：${raw.ignored.map((l) => `“${head(l, 20)}”`).join('、')}`);
  }

  const publication: PublicationProfile = {
    ...base,
    name: raw.name ?? base.name,
    pinyin: raw.pinyin ?? base.pinyin,
    unit: raw.unit !== undefined ? notes.clean(raw.unit).trim() : base.unit,
    approvalNumber: approval || base.approvalNumber,
    contact: contact || base.contact,
    defaultDistribution: distribution.length ? distribution : base.defaultDistribution,
    defaultEditors: editors.length ? editors : base.defaultEditors,
  };

  const issue: Issue = {
    year,
    number: raw.number ?? 1,
    ...(raw.total !== undefined ? { totalNumber: raw.total } : {}),
    date,
    editorNote,
    articles,
    distribution: distribution.length ? distribution : base.defaultDistribution,
    editors: editors.length ? editors : base.defaultEditors,
  };

  if (notes.spaces > 0) {
    notes.list.push({ kind: 'spaces', message: `已删除 ${notes.spaces} 个汉字与数字、字母之间的多余空格`, count: notes.spaces });
  }
  if (notes.punctuation > 0) {
    notes.list.push({
      kind: 'punctuation',
      message: `已将 ${notes.punctuation} 处半角标点改为全角`,
      count: notes.punctuation,
    });
  }
  return { document: { publication, issue }, notes: notes.list };
}

/**
 * Reads plain text shaped like an issue of the bulletin (masthead, 编者按, title, paragraphs with numbered
 * headings, contributor, back matter) into a document. Fields missing from the text come from `options.base`
 * (default: defaultProfile()); a missing date becomes `options.today` (or 1970-01-01) with a note.
 * Throws ImportError, with a Chinese message, for empty or binary input and for text without an article;
 * never throws anything else.
 */
export function importPlainText(text: string, options: ImportOptions = {}): ImportResult {
  try {
    return importUnchecked(text, options ?? {});
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('无法导入这段文字：导入时出现意外错误', { cause: error });
  }
}
