import type { Article, Block, HeadingLevel } from '../../model/issue.js';
import { matchHeadingLabel } from '../../model/heading-grammar.js';
import { matchContributor, isTitleCandidate, rejoinTitle } from '../body-reader.js';
import { cleanPastedBlock, isEmptyBlock } from '../clean-blocks.js';
import { Notes, type ImportNote } from '../import-notes.js';
import { ImportError } from '../plain-text.js';
import { head } from '../text-helpers.js';
import type { WordContent, WordParagraph } from './word-content.js';
import { paragraphLine, TEXT_ONLY_NOTICE } from './word-issue.js';

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
  paragraphs.forEach((p, i) => {
    if (i === at) return;
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
      block = { type: 'heading', level, content: block.content };
    }
    if (!isEmptyBlock(block)) body.push(block);
  });
  if (body.length === 0 && title === '') throw new ImportError('文档中没有可导入的正文');
  if (contributor === '') notes.info('没有找到供稿单位（“（……供稿）”一行），请在文章下方填写');

  const list: ImportNote[] = [...(content.source === 'doc' ? [TEXT_ONLY_NOTICE] : []), ...content.notes, ...notes.list];
  if (notes.spaces > 0) list.push({ kind: 'spaces', message: `已删除 ${notes.spaces} 个汉字与数字、字母之间的多余空格`, count: notes.spaces });
  if (notes.punctuation > 0) {
    list.push({ kind: 'punctuation', message: `已将 ${notes.punctuation} 处半角标点改为全角`, count: notes.punctuation });
  }
  return { article: { title, body, contributor }, notes: list };
}
