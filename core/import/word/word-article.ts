import type { Article, Block, HeadingLevel } from '../../model/issue.js';
import { matchHeadingLabel, runInSplit } from '../../model/heading-grammar.js';
import { applyRunIn } from '../../model/run-in.js';
import { inlineText, sliceInlines } from '../../model/inline.js';
import { isBackMatter } from '../back-matter-reader.js';
import { SENTENCE_END_MARKS } from '../../text/punctuation-table.js';
import { matchContributor, isTitleCandidate, rejoinTitle } from '../body-reader.js';
import { cleanPastedBlock, isEmptyBlock } from '../clean-blocks.js';
import { Notes, type ImportNote } from '../import-notes.js';
import { ImportError } from '../plain-text.js';
import { head } from '../text-helpers.js';
import type { WordContent, WordParagraph } from './word-content.js';
import { paragraphLine, TEXT_ONLY_NOTICE } from './word-text.js';

/**
 * A Word document imported as one article (the common case: one contribution, one file). The title is the
 * Title- or Heading-styled paragraph, else the first centred or larger paragraph, else the first paragraph
 * that can be a title; the contributor is the （…供稿） line wherever it stands; every other paragraph is
 * cleaned exactly as a paste is (core/import/clean-blocks.ts: punctuation, spaces, labels → headings through
 * the heading grammar), bold runs kept.
 */

/** An article read from a Word document, and the report of what was changed or left out. */
export interface WordArticleResult {
  readonly article: Article;
  readonly notes: ImportNote[];
}

/** How many of the first paragraphs may hold the title. */
const TITLE_WINDOW = 4;

function titleIndex(paragraphs: readonly WordParagraph[]): number {
  const firstFew = paragraphs.slice(0, TITLE_WINDOW);
  const candidate = (p: WordParagraph) => isTitleCandidate(paragraphLine(p).trim()) && !p.numberLabel;
  const styled = firstFew.findIndex((p) => (p.title || p.headingLevel === 1) && candidate(p));
  if (styled >= 0) return styled;
  const centred = firstFew.findIndex((p) => p.centered && candidate(p));
  if (centred >= 0) return centred;
  const sizes = paragraphs.map((p) => p.size ?? 0).filter((s) => s > 0).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const larger = firstFew.findIndex((p) => (p.size ?? 0) > median && candidate(p));
  if (larger >= 0) return larger;
  return candidate(paragraphs[0]!) ? 0 : -1;
}

/**
 * A contributor named at the end without 供稿: the last paragraph, right-aligned, short, no sentence in it
 * ("长沙市人大常委会办公厅"), as contributions are signed.
 */
function endSignature(p: WordParagraph | undefined): string | undefined {
  if (!p || !p.right) return undefined;
  const line = paragraphLine(p).trim();
  if ([...line].length > 30 || [...line].some((c) => SENTENCE_END_MARKS.has(c)) || /\d{4}\s*年/u.test(line) || isBackMatter(line)) {
    return undefined;
  }
  return line.replace(/^[（(]|[）)]$/gu, '');
}

/**
 * A paragraph led by a bold heading phrase — everything up to its first 。？！ bold, more text after it — with no
 * typed or automatic number: how Word writers mark a run-in heading. Made a level-1 run-in heading (numbered
 * when typeset), split where the one run-in rule splits (core/model/heading-grammar.ts `runInSplit`).
 */
function boldLead(block: Block): Block | undefined {
  if (block.type !== 'paragraph') return undefined;
  const split = runInSplit(inlineText(block.content));
  if (!split || split.phraseEnd <= 1) return undefined;
  const phrase = sliceInlines(block.content, 0, split.phraseEnd);
  const body = sliceInlines(block.content, split.bodyStart);
  // The bold ends with the phrase: a paragraph bold throughout is emphasis, not a heading.
  if (!phrase.every((r) => r.bold) || body.length === 0 || body[0]!.bold) return undefined;
  return { type: 'heading', level: 1, content: phrase.map((r) => ({ text: r.text })), body };
}

/** A line that reads as a picture's caption: a caption style, or a short centred line with no sentence in it. */
function isCaption(p: WordParagraph | undefined): boolean {
  if (!p || p.pictures?.length) return false;
  if (p.caption) return true;
  const line = paragraphLine(p).trim();
  return !!p.centered && line.length > 0 && [...line].length <= 40 && ![...line.slice(0, -1)].some((c) => SENTENCE_END_MARKS.has(c));
}

/**
 * The pictures of a paragraph as picture blocks (before its text if the paragraph holds only the picture, the
 * last one taking the next paragraph as its 图注 when that reads as a caption); one that could not be prepared is
 * reported with its reason.
 */
function pushPictures(
  p: WordParagraph,
  ctx: { body: Block[]; notes: Notes; next: WordParagraph | undefined; text: string; onCaption: () => void },
): void {
  const ready = (p.pictures ?? []).filter((pic) => {
    if (pic.image) return true;
    ctx.notes.info(`图片“${pic.name}”未导入：${pic.error ?? '无法读取'}`);
    return false;
  });
  const caption = !ctx.text && isCaption(ctx.next) ? paragraphLine(ctx.next!).trim() : '';
  if (caption) ctx.onCaption();
  ready.forEach((pic, k) => {
    const last = k === ready.length - 1;
    ctx.body.push({ type: 'picture', image: pic.image!, content: last && caption ? [{ text: ctx.notes.clean(caption) }] : [] });
  });
  if (ready.length) ctx.notes.info(`已导入 ${ready.length} 张图片${caption ? `（图注“${head(caption, 12)}”）` : ''}，已按 300 dpi 重新压缩`);
}

/** Imports a Word document as one article. Throws ImportError when it holds no text. */
export function wordToArticle(content: WordContent): WordArticleResult {
  const paragraphs = content.paragraphs;
  if (paragraphs.length === 0) throw new ImportError('文档中没有文字');
  const notes = new Notes();
  const at = titleIndex(paragraphs);
  let title = '';
  if (at >= 0) {
    title = notes.punctuate(rejoinTitle(paragraphLine(paragraphs[at]!).trim()).title);
  } else {
    notes.info('没有找到标题（标题样式、居中或较大字号的短段落），请补上');
  }
  if (at > 0) {
    notes.info(`标题前的 ${at} 段文字（“${head(paragraphLine(paragraphs[0]!).trim(), 12)}…”）已作为正文导入，请核对`);
  }

  let contributor = '';
  const body: Block[] = [];
  const signed = paragraphs.some((p) => matchContributor(paragraphLine(p).trim()) !== undefined)
    ? undefined
    : endSignature(paragraphs[paragraphs.length - 1]);
  let leads = 0;
  const captions = new Set<number>();
  paragraphs.forEach((p, i) => {
    if (i === at || captions.has(i)) return;
    if (p.table) {
      body.push(p.table);
      return;
    }
    if (p.pictures?.length) {
      pushPictures(p, { body, notes, next: paragraphs[i + 1], text: paragraphLine(p).trim(), onCaption: () => captions.add(i + 1) });
      if (!paragraphLine(p).trim()) return;
    }
    if (signed !== undefined && i === paragraphs.length - 1) {
      contributor = notes.clean(signed).trim();
      notes.info(`文末署名“${signed}”已作为供稿单位，请核对`);
      return;
    }
    const line = paragraphLine(p).trim();
    const named = contributor === '' ? matchContributor(line) : undefined;
    if (named !== undefined) {
      contributor = notes.clean(named).trim();
      return;
    }
    const label = matchHeadingLabel(line);
    notes.clean(line.slice(label?.length ?? 0)); // counts the changes the cleaning below makes, for the report
    const labelled = label !== undefined;
    let block = cleanPastedBlock({ type: 'paragraph', content: p.runs }, { headings: true });
    if (!labelled && block.type === 'paragraph' && p.headingLevel !== undefined && p.headingLevel <= 4 && isTitleCandidate(line)) {
      const level = Math.max(1, Math.min(4, p.headingLevel - (at >= 0 && paragraphs[at]!.headingLevel === 1 ? 1 : 0))) as HeadingLevel;
      block = applyRunIn({ type: 'heading', level, content: block.content });
    }
    const lead = labelled ? undefined : boldLead(block);
    if (lead) {
      block = lead;
      leads++;
    }
    if (!isEmptyBlock(block)) body.push(block);
  });
  if (body.length === 0 && title === '') throw new ImportError('文档中没有可导入的正文');
  if (leads > 0) notes.info(`已将 ${leads} 段开头的加粗引导句识别为一级标题（接排），排版时自动编号，请核对`);
  if (contributor === '') notes.info('没有找到供稿单位（“（……供稿）”一行），请在文章下方填写');

  const list: ImportNote[] = [...(content.source === 'doc' ? [TEXT_ONLY_NOTICE] : []), ...content.notes, ...notes.list];
  if (notes.spaces > 0) list.push({ kind: 'spaces', message: `已删除 ${notes.spaces} 个汉字与数字、字母之间的多余空格`, count: notes.spaces });
  if (notes.punctuation > 0) {
    list.push({ kind: 'punctuation', message: `已将 ${notes.punctuation} 处半角标点改为全角`, count: notes.punctuation });
  }
  return { article: { title, body, contributor }, notes: list };
}
