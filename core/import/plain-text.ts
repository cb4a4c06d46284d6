/**
 * Import of a bulletin issue from plain text: text copied or extracted from a PDF or a Word file of an issue
 * (see samples/联络动态2021年第8期.txt). The text is read line by line into the masthead, the 编者按,
 * the articles (title, paragraphs, numbered headings, contributor) and the back matter (送, 责任编辑,
 * 联系方式, 批准文号), and cleaned on the way: PDF spacing removed, half-width punctuation made full-width,
 * paragraphs cut by page breaks joined again. Whatever was changed is reported as notes.
 */

import type { BulletinDocument } from '../model/document.js';
import { plain, type Inline } from '../model/inline.js';
import type { Article, Block, DistributionEntry, HeadingBlock, Issue } from '../model/issue.js';
import { matchHeadingLabel } from '../model/numbering.js';
import { defaultProfile, type PublicationProfile } from '../model/profile.js';
import { hasHan, isHan, isLatinOrDigit } from '../text/chars.js';
import { parseChineseDate, parseIsoDate } from '../text/dates.js';
import { parseChineseNumeral } from '../text/numerals.js';
import { collapseCjkSpaces, normalizePunctuation, stripControlCharacters } from '../text/punctuation.js';

/** The input cannot be read as a bulletin issue; `message` says why, in Chinese, for the user. */
export class ImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** Something the importer changed or could not find, for the user to review. */
export interface ImportNote {
  readonly kind: 'punctuation' | 'joined-paragraph' | 'title-spacing' | 'spaces' | 'info';
  /** What happened, in Chinese. */
  readonly message: string;
  readonly count?: number;
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
}

const FALLBACK_DATE = '1970-01-01';
const TITLE_MAX = 60;

// ---------------------------------------------------------------------------------------------------------
// Small text helpers

/** Length in code points. */
function len(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The last code point of a text, or undefined. */
function lastChar(text: string): string {
  const chars = Array.from(text.slice(-2));
  return chars[chars.length - 1] ?? '';
}

/** Trims ASCII and full-width spaces, no-break spaces and tabs. */
function trimLine(line: string): string {
  return line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, '');
}

/** Full-width digits to ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/** Marks that end a sentence or a paragraph; a paragraph ending otherwise was cut by a page break. */
const PARAGRAPH_END = new Set([...'。！？；：…”’）」』】》〕.!?;:)"\'']);

/** Marks a title never ends with. */
const TITLE_BAD_END = new Set([...'。，、；：,;:.']);

function endsParagraph(text: string): boolean {
  return PARAGRAPH_END.has(lastChar(text));
}

// ---------------------------------------------------------------------------------------------------------
// Line classes

const NOTE_LABEL = /^(?:[【\[［〔(（]\s*编\s*者\s*按\s*[】\]］〕)）]\s*[:：]?|编\s*者\s*按\s*[:：])\s*/u;
const PINYIN = /^[A-Z][A-Z ]{2,}[A-Z]$/;
const PAGE_NUMBER = /^[—–\-－―]+\s*\d{1,3}\s*[—–\-－―]+$/u;
const SECURITY_MARK = /^(?:内部资料|内部刊物|注意保存|秘密|机密|绝密|★|份号)|^\d{6}$/u;
const DISTRIBUTION = /^(?:抄\s*)?送\s*[:：]\s*/u;
const EDITORS = /^责\s*任\s*编\s*辑\s*[:：]?\s*/u;
const CONTACT = /(?:联\s*系\s*方\s*式|联\s*系\s*电\s*话)\s*[:：]\s*/u;
const APPROVAL = /^(?:批准文号|内部资料准印证号?|准印证号?)\s*[:：]?\s*/u;
const NOT_A_UNIT = /(?:汇|选|续|新|改|主|合|类|初|简|正)编$/u;

/** The contributor of a line "（长沙市人大常委会供稿）", or undefined. */
function matchContributor(line: string): string | undefined {
  if (len(line) > 80) return undefined;
  const m =
    /^[（(]\s*供\s*稿\s*[:：]\s*([^（()）]+?)\s*[）)]$/u.exec(line) ??
    /^[（(]\s*([^（()）]+?)\s*供\s*稿\s*[）)]$/u.exec(line) ??
    (len(line) <= 40 ? /^([^（()）。，]+?)\s*供\s*稿$/u.exec(line) : null);
  return m?.[1] ? m[1] : undefined;
}

/** What a masthead line holds: 第N期, 总第N期, the date, the editing unit. */
interface MastheadHit {
  number?: number;
  total?: number;
  year?: number;
  date?: string;
  unit?: string;
}

const NUMERAL = '[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+';
const TOTAL_RE = new RegExp(`[（(]?\\s*总\\s*第\\s*(${NUMERAL})\\s*期\\s*[）)]?`, 'u');
const NUMBER_RE = new RegExp(`(?:([0-9０-９]{4})\\s*年\\s*)?第\\s*(${NUMERAL})\\s*期`, 'u');
const DATE_RE = /[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日/u;

/** Reads 8, ８ or 八. */
function readNumber(text: string): number | undefined {
  const digits = asciiDigits(text);
  const n = /^\d+$/.test(digits) ? Number(digits) : parseChineseNumeral(text);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10_000_000 ? n : undefined;
}

/** Recognises a masthead line; undefined when the line holds anything else. */
function matchMasthead(line: string): MastheadHit | undefined {
  if (len(line) > 60) return undefined;
  const hit: MastheadHit = {};
  let rest = line;
  const total = TOTAL_RE.exec(rest);
  if (total) {
    hit.total = readNumber(total[1] ?? '');
    rest = rest.replace(total[0], ' ');
  }
  const number = NUMBER_RE.exec(rest);
  if (number) {
    const n = readNumber(number[2] ?? '');
    if (n !== undefined && n <= 9999) hit.number = n;
    if (number[1]) hit.year = Number(asciiDigits(number[1]));
    rest = rest.replace(number[0], ' ');
  }
  const date = DATE_RE.exec(rest);
  if (date) {
    hit.date = parseChineseDate(date[0]);
    rest = rest.replace(date[0], ' ');
  }
  rest = trimLine(rest.replace(/[\s\u3000]+/gu, ' '));
  const unit = /^(.{3,40}?)\s*编(?:印)?$/u.exec(rest);
  if (unit?.[1] && hasHan(unit[1]) && !NOT_A_UNIT.test(rest.replace(/印$/u, '')) && !/[。，；！？]/u.test(rest)) {
    hit.unit = unit[1];
    rest = '';
  }
  const found = total || number || date || hit.unit !== undefined;
  if (!found) return undefined;
  return /[\p{L}\p{N}]/u.test(rest) ? undefined : hit;
}

/** A short, Han-only line that can be the 刊名 (artwork in the PDF, so often missing). */
function nameCandidate(line: string): string | undefined {
  const name = line.replace(/[\s\u3000]+/gu, '');
  const n = len(name);
  if (n < 2 || n > 8) return undefined;
  for (const ch of name) if (!isHan(ch.codePointAt(0)!)) return undefined;
  return name;
}

/** Whether a line can be an article title: short, has Han, does not end like a sentence, not a heading. */
function isTitleCandidate(line: string): boolean {
  const n = len(line);
  return (
    n >= 2 &&
    n < TITLE_MAX &&
    hasHan(line) &&
    !TITLE_BAD_END.has(lastChar(line)) &&
    !matchHeadingLabel(line) &&
    matchContributor(line) === undefined &&
    !isBackMatter(line)
  );
}

function isBackMatter(line: string): boolean {
  return DISTRIBUTION.test(line) || EDITORS.test(line) || APPROVAL.test(line);
}

/** A heading line standing alone ("一、基本情况"), as opposed to a run-in heading cut by a page break. */
function isStandaloneHeading(line: string): boolean {
  const m = matchHeadingLabel(line);
  if (!m) return false;
  const rest = line.slice(m.length);
  return !/[。！？!?]/u.test(rest) && len(rest) <= 40;
}

// ---------------------------------------------------------------------------------------------------------
// Pass 1: lines into regions

interface RawArticle {
  titleLines: string[];
  bodyLines: string[];
  contributor?: string;
}

interface Raw {
  name?: string;
  pinyin?: string;
  number?: number;
  total?: number;
  year?: number;
  date?: string;
  unit?: string;
  noteLines: string[];
  articles: RawArticle[];
  distribution: string[];
  editors?: string;
  contact?: string;
  approval?: string;
  ignored: string[];
  untitled: number;
  preTitleText: boolean;
}

type Phase = 'head' | 'note' | 'body' | 'between' | 'back';

/** Sorts the lines of the text into masthead, note, articles and back matter. */
function readRegions(lines: readonly string[]): Raw {
  const raw: Raw = { noteLines: [], articles: [], distribution: [], ignored: [], untitled: 0, preTitleText: false };
  let phase: Phase = 'head';
  let inDistribution = false;
  let article: RawArticle | undefined;
  const startArticle = (title: string | undefined): RawArticle => {
    const a: RawArticle = { titleLines: title === undefined ? [] : [title], bodyLines: [] };
    raw.articles.push(a);
    return a;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];

    // Back matter can start anywhere once the masthead is behind.
    if (EDITORS.test(line)) {
      const rest = line.replace(EDITORS, '');
      const contact = CONTACT.exec(rest);
      raw.editors = contact ? rest.slice(0, contact.index) : rest;
      if (contact) raw.contact = rest.slice(contact.index + contact[0].length);
      phase = 'back';
      inDistribution = false;
      continue;
    }
    if (APPROVAL.test(line) && /[:：]/u.test(line.slice(0, 12))) {
      raw.approval = line.replace(APPROVAL, '');
      phase = 'back';
      inDistribution = false;
      continue;
    }
    if (DISTRIBUTION.test(line)) {
      const rest = line.replace(DISTRIBUTION, '');
      if (rest) raw.distribution.push(rest);
      phase = 'back';
      inDistribution = true;
      continue;
    }
    if (phase === 'back') {
      const contact = CONTACT.exec(line);
      if (contact && contact.index === 0) {
        raw.contact = line.slice(contact[0].length);
        inDistribution = false;
      } else if (inDistribution) raw.distribution.push(line);
      else raw.ignored.push(line);
      continue;
    }

    const note = NOTE_LABEL.exec(line);
    if (phase === 'head') {
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        phase = 'note';
        continue;
      }
      const masthead = matchMasthead(line);
      if (masthead) {
        raw.number ??= masthead.number;
        raw.total ??= masthead.total;
        raw.year ??= masthead.year;
        raw.date ??= masthead.date;
        raw.unit ??= masthead.unit;
        continue;
      }
      if (PINYIN.test(line) && raw.pinyin === undefined) {
        raw.pinyin = line.replace(/ +/g, ' ');
        continue;
      }
      const name = nameCandidate(line);
      if (
        name !== undefined &&
        raw.name === undefined &&
        raw.pinyin === undefined &&
        next !== undefined &&
        (PINYIN.test(next) || matchMasthead(next) !== undefined)
      ) {
        raw.name = name;
        continue;
      }
      if (SECURITY_MARK.test(line) && len(line) <= 20) {
        raw.ignored.push(line);
        continue;
      }
      if (isTitleCandidate(line)) {
        article = startArticle(line);
        phase = 'body';
        continue;
      }
      // Text before any title: most likely an editor's note without its label.
      raw.noteLines.push(line);
      raw.preTitleText = true;
      phase = 'note';
      continue;
    }

    if (phase === 'note') {
      if (isTitleCandidate(line)) {
        article = startArticle(line);
        phase = 'body';
      } else {
        raw.noteLines.push(note ? line.slice(note[0].length) : line);
      }
      continue;
    }

    if (phase === 'between') {
      if (matchContributor(line) !== undefined) {
        raw.ignored.push(line);
        continue;
      }
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        continue;
      }
      if (isTitleCandidate(line)) {
        article = startArticle(line);
      } else {
        article = startArticle(undefined);
        article.bodyLines.push(line);
        raw.untitled++;
      }
      phase = 'body';
      continue;
    }

    // phase === 'body'
    const current = article ?? startArticle(undefined);
    article = current;
    const contributor = matchContributor(line);
    if (contributor !== undefined) {
      current.contributor = contributor;
      phase = 'between';
      continue;
    }
    if (current.bodyLines.length === 0) {
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        continue;
      }
      if (isTitleContinuation(line, next, current)) {
        current.titleLines.push(line);
        continue;
      }
    }
    current.bodyLines.push(line);
  }
  return raw;
}

/**
 * A second line right after the title: a title printed on two lines (at 2号 a line holds about 20
 * characters, and the lower line is not longer than the upper one) or a subtitle. Hard-wrapped body text has
 * longer lines, so it is not mistaken for one.
 */
function isTitleContinuation(line: string, next: string | undefined, article: RawArticle): boolean {
  const first = article.titleLines[0];
  if (first === undefined || article.titleLines.length !== 1 || next === undefined) return false;
  const n = len(line);
  return (
    n <= 22 &&
    len(first) <= 22 &&
    n <= len(first) &&
    !PARAGRAPH_END.has(lastChar(line)) &&
    isTitleCandidate(line) &&
    matchContributor(next) === undefined &&
    !isBackMatter(next)
  );
}

// ---------------------------------------------------------------------------------------------------------
// Pass 2: cleaning and building

/** Collects notes and counts while the document is built. */
class Notes {
  readonly list: ImportNote[] = [];
  punctuation = 0;
  spaces = 0;

  info(message: string): void {
    this.list.push({ kind: 'info', message });
  }

  /** Collapses PDF spaces and normalizes punctuation of one piece of text, counting both. */
  clean(text: string): string {
    const collapsed = collapseCjkSpaces(text);
    this.spaces += text.length - collapsed.length;
    const { text: normalized, changes } = normalizePunctuation(collapsed);
    this.punctuation += changes.length;
    return normalized;
  }

  /** Normalizes punctuation only (titles keep their deliberate spaces), counting the changes. */
  punctuate(text: string): string {
    const { text: normalized, changes } = normalizePunctuation(text);
    this.punctuation += changes.length;
    return normalized;
  }
}

/** Up to n characters of the end or the start of a text, for messages. */
function tail(text: string, n = 8): string {
  const chars = Array.from(text);
  return chars.slice(Math.max(0, chars.length - n)).join('');
}
function head(text: string, n = 8): string {
  return Array.from(text).slice(0, n).join('');
}

/**
 * Joins lines into paragraphs: a line that does not end a sentence is continued by the next line, unless the
 * next line starts a heading or the line is a standalone heading. Each join is reported.
 */
function joinParagraphs(lines: readonly string[], notes: Notes, where: string): string[] {
  const paragraphs: { parts: string[]; open: boolean }[] = [];
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.open && !matchHeadingLabel(line)) {
      const prev = last.parts[last.parts.length - 1] ?? '';
      const latinJoin = /[A-Za-z]$/.test(prev) && /^[A-Za-z]/.test(line);
      last.parts.push(latinJoin ? ` ${line}` : line);
      last.open = !endsParagraph(line);
      notes.list.push({
        kind: 'joined-paragraph',
        message: `${where}：已将被分页截断的段落接合（“…${tail(prev)}”与“${head(line)}…”）`,
        count: 1,
      });
      continue;
    }
    paragraphs.push({ parts: [line], open: !endsParagraph(line) && !isStandaloneHeading(line) });
  }
  return paragraphs.map((p) => p.parts.join(''));
}

/**
 * Rejoins a title that PDF extraction spaced out: single characters separated by spaces ("活 动") are
 * artifacts and are joined; a space between two phrases of two or more characters each, Han on both sides,
 * is deliberate (a preferred line break) and kept as one ASCII space; spaces between Latin words stay.
 */
export function rejoinTitle(line: string): { title: string; rejoined: boolean } {
  const tokens = line.split(/[\s\u3000\u00a0]+/u).filter((t) => t !== '');
  let title = tokens[0] ?? '';
  let rejoined = false;
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1] ?? '';
    const b = tokens[i] ?? '';
    const l = lastChar(a).codePointAt(0) ?? 0;
    const r = b.codePointAt(0) ?? 0;
    const phrases = len(a) >= 2 && len(b) >= 2 && !isLatinOrDigit(l) && !isLatinOrDigit(r);
    const latinWords = isLatinOrDigit(l) && isLatinOrDigit(r);
    if (phrases || latinWords) title += ` ${b}`;
    else {
      title += b;
      rejoined = true;
    }
  }
  return { title, rejoined };
}

/** A cleaned paragraph as a block: a heading (run in when more text follows its first sentence) or a paragraph. */
function toBlock(text: string): Block | undefined {
  if (!text) return undefined;
  const label = matchHeadingLabel(text);
  const rest = label ? text.slice(label.length).trim() : '';
  if (!label || !rest) return { type: 'paragraph', content: plain(text) };
  const end = /[。！？]/u.exec(rest);
  if (end) {
    const cut = end.index + end[0].length;
    const body = rest.slice(cut).replace(/^[\s\u3000]+/u, '');
    const content = rest.slice(0, cut);
    if (body) {
      const heading: HeadingBlock = { type: 'heading', level: label.level, content: plain(content), body: plain(body) };
      return heading;
    }
  }
  return { type: 'heading', level: label.level, content: plain(rest) };
}

/**
 * Splits the 责任编辑 names: runs of spaces (or 、，) separate names; a two-character name printed as "石 韧" to
 * align with three-character names is rejoined (two single-character tokens in a row form one name).
 */
export function parseEditorNames(text: string): string[] {
  const tokens = text.split(/[\s\u3000\u00a0、，,；;]+/u).filter((t) => t !== '');
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (len(t) === 1 && next !== undefined && len(next) === 1) {
      names.push(t + next);
      i++;
    } else names.push(t);
  }
  return names;
}

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
  const articles: Article[] = [];
  raw.articles.forEach((a, index) => {
    const where = `第${index + 1}篇文章`;
    let rejoined = false;
    const parts = a.titleLines.map((line) => {
      const r = rejoinTitle(line);
      rejoined ||= r.rejoined;
      return r.title;
    });
    const title = parts.length ? notes.punctuate(parts.join(' ')).trim() : '';
    if (rejoined) {
      notes.list.push({ kind: 'title-spacing', message: `${where}标题中的多余空格已删除：“${title}”` });
    }
    if (parts.length > 1) notes.info(`${where}的标题原为 ${parts.length} 行，已合并为“${title}”`);
    const body: Block[] = [];
    for (const paragraph of joinParagraphs(a.bodyLines, notes, where)) {
      const block = toBlock(notes.clean(paragraph));
      if (block) body.push(block);
    }
    const contributor = a.contributor === undefined ? '' : notes.clean(a.contributor).trim();
    articles.push({ title, body, contributor });
  });
  if (raw.untitled > 0) notes.info(`有 ${raw.untitled} 篇文章没有找到标题，请补上`);
  if (!articles.some((a) => a.title && a.body.length > 0)) {
    throw new ImportError('没有找到正文：至少需要一个标题和一段正文');
  }

  // Editor's note
  const editorNote: Inline[][] = joinParagraphs(raw.noteLines, notes, '编者按')
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
  const distribution: DistributionEntry[] = raw.distribution
    .map((line) => notes.clean(line).trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line, copies: 1 }));
  const editors = raw.editors === undefined ? [] : parseEditorNames(raw.editors);
  const contact = raw.contact?.replace(/[\s\u3000\u00a0]+/gu, ' ').trim();
  const approval = raw.approval === undefined ? undefined : notes.clean(raw.approval).trim();
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
