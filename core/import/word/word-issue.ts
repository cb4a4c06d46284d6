import { importPlainText, type ImportOptions, type ImportResult } from '../plain-text.js';
import type { Article } from '../../model/issue.js';
import type { ImportNote } from '../import-notes.js';
import type { WordContent } from './word-content.js';
import { paragraphLine, TEXT_ONLY_NOTICE } from './word-text.js';
import { wordToArticle } from './word-article.js';

/**
 * A Word document imported as a whole issue: its paragraphs, one line each (automatic numbers written in front),
 * go through the plain-text importer (core/import/plain-text.ts) — the same region readers, heading grammar
 * and cleaning as a .txt file — with `linesAreParagraphs`, since a Word paragraph is never cut by a page break.
 * So the same text gives the same structure whichever way it arrives.
 */

/**
 * Imports a Word document as a new issue. Throws ImportError (Chinese) when it holds no article.
 *
 * A document holding one article (a contribution made a new issue) has that article read by
 * {@link wordToArticle} as well, which also reads what plain text cannot carry — bold runs, a bold lead phrase as
 * a run-in heading, a contributor signed at the end — and, when both agree on the title, its article is taken: so
 * `bulletin import x.docx` and `--into` give the same article.
 */
export function importWordIssue(content: WordContent, options: ImportOptions = {}): ImportResult {
  const text = content.paragraphs.filter((p) => !p.table).map(paragraphLine).join('\n');
  const result = importPlainText(text, { ...options, linesAreParagraphs: true });
  const notes = [...(content.source === 'doc' ? [TEXT_ONLY_NOTICE] : []), ...content.notes, ...result.notes];
  const articles = result.document.issue.articles;
  if (articles.length === 1 && content.source === 'docx') {
    const single = tryArticle(content);
    if (single && single.article.title === articles[0]!.title) {
      const seen = new Set(notes.map((n) => n.message));
      const extra = single.notes.filter((n) => n.kind === 'info' && !seen.has(n.message));
      const issue = { ...result.document.issue, articles: [single.article] };
      return { document: { ...result.document, issue }, notes: [...notes, ...extra] };
    }
  }
  const tables = content.paragraphs.filter((p) => p.table).length;
  // Only a one-article document keeps its tables (wordToArticle); the plain-text reading of a whole bulletin has none.
  const lost: ImportNote[] = tables ? [{ kind: 'table', message: `文档中的 ${tables} 个表格未导入（整期导入不含表格），请用“插入 Word 文件为文章”逐篇导入` }] : [];
  return { document: result.document, notes: [...notes, ...lost] };
}

/** What a Word file adds to an open issue: its articles, and the report. */
export interface WordArticlesResult {
  readonly articles: readonly Article[];
  readonly notes: readonly ImportNote[];
}

/**
 * A Word file as articles for an issue (插入 Word 文件为文章, `--into`): one contribution is one article
 * ({@link wordToArticle}); a file holding several articles — a whole bulletin — gives each of them, as the
 * plain-text importer reads them, and the report says so.
 */
export function wordToArticles(content: WordContent): WordArticlesResult {
  let several: ImportResult | undefined;
  try {
    several = importWordIssue(content, { today: '2000-01-01' });
  } catch {
    several = undefined;
  }
  const articles = several?.document.issue.articles ?? [];
  if (several && articles.length > 1) {
    // What the masthead lacked does not matter to articles.
    const own = several.notes.filter((n) => !(n.kind === 'info' && /^未找到(日期|期号)/u.test(n.message)));
    const notice: ImportNote = { kind: 'info', message: `这个文件含有 ${articles.length} 篇文章（像是一整期简报），已逐篇插入；刊头、编者按和版记没有插入` };
    return { articles, notes: [notice, ...own] };
  }
  const single = wordToArticle(content);
  return { articles: [single.article], notes: single.notes };
}

function tryArticle(content: WordContent): ReturnType<typeof wordToArticle> | undefined {
  try {
    return wordToArticle(content);
  } catch {
    return undefined;
  }
}
