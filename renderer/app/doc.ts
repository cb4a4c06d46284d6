import type { BulletinDocument } from '../../core/model/document.js';
import type { Inline } from '../../core/model/inline.js';
import type { Article, Block, DistributionEntry, Issue } from '../../core/model/issue.js';
import type { PublicationProfile } from '../../core/model/profile.js';
import { toChineseNumeral } from '../../core/text/numerals.js';
import { stripControlCharacters } from '../../core/text/punctuation.js';
import type { IssueStatus } from '../../core/model/status.js';

/** Immutable edits of a document, and small facts the screens show. */

export type IssuePatch = Partial<Pick<Issue, 'year' | 'number' | 'totalNumber' | 'date' | 'editors' | 'distribution'>>;

export function patchIssue(doc: BulletinDocument, patch: IssuePatch): BulletinDocument {
  const issue: Issue = { ...doc.issue, ...patch };
  if ('totalNumber' in patch && patch.totalNumber === undefined) {
    const { totalNumber: _dropped, ...rest } = issue;
    return { ...doc, issue: rest };
  }
  return { ...doc, issue };
}

export function setEditorNote(doc: BulletinDocument, paragraphs: readonly (readonly Inline[])[]): BulletinDocument {
  return { ...doc, issue: { ...doc.issue, editorNote: paragraphs } };
}

export function patchArticle(doc: BulletinDocument, index: number, patch: Partial<Article>): BulletinDocument {
  const articles = doc.issue.articles.map((a, i) => (i === index ? { ...a, ...patch } : a));
  return { ...doc, issue: { ...doc.issue, articles } };
}

export function setArticleBody(doc: BulletinDocument, index: number, body: readonly Block[]): BulletinDocument {
  return patchArticle(doc, index, { body });
}

export function emptyArticle(): Article {
  return { title: '', body: [{ type: 'paragraph', content: [] }], contributor: '' };
}

export function insertArticle(doc: BulletinDocument, at: number, article: Article = emptyArticle()): BulletinDocument {
  const articles = [...doc.issue.articles];
  articles.splice(at, 0, article);
  return { ...doc, issue: { ...doc.issue, articles } };
}

export function removeArticle(doc: BulletinDocument, index: number): BulletinDocument {
  if (doc.issue.articles.length <= 1) return doc;
  const articles = doc.issue.articles.filter((_, i) => i !== index);
  return { ...doc, issue: { ...doc.issue, articles } };
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  if (to < 0 || to >= copy.length || from === to) return copy;
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

export function moveArticle(doc: BulletinDocument, from: number, to: number): BulletinDocument {
  return { ...doc, issue: { ...doc.issue, articles: moveItem(doc.issue.articles, from, to) } };
}

export function setDistribution(doc: BulletinDocument, distribution: readonly DistributionEntry[]): BulletinDocument {
  return patchIssue(doc, { distribution });
}

export function setPublication(doc: BulletinDocument, publication: PublicationProfile): BulletinDocument {
  return { ...doc, publication };
}

export const STATUS_CLASS: Readonly<Record<IssueStatus, string>> = {
  draft: 'status-draft',
  submitted: 'status-submitted',
  approved: 'status-approved',
  printed: 'status-printed',
};

/**
 * What a one-line field (a title, a 供稿 unit, a 送 group, a name) keeps of typed or pasted text: line breaks and
 * tabs become spaces; control characters, invisible format characters and lone surrogates go (the library
 * refuses to save them, and they would print as boxes).
 */
export function plainText(text: string): string {
  return stripControlCharacters(text.replace(/[\t\n\r\u2028\u2029]/g, ' '));
}

/** 2021-06-02 → 2021年6月2日. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** （总第六百三十一期） */
export function totalLabel(total: number | undefined): string {
  return total === undefined ? '' : `总第${toChineseNumeral(total)}期`;
}

/** "2026-05-04T08:09:10Z" → "2026-05-04 16:09" in local time. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2021-06-02T06:03:05.120Z" → "2021年6月2日 14:03:05" in local time. */
export function chineseDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A file size as people read it: 860 字节, 12.4 KB, 1.3 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The issue's display name: 联络动态2021年第8期（总第631期）. */
export function issueName(doc: BulletinDocument): string {
  const total = doc.issue.totalNumber === undefined ? '' : `（总第${doc.issue.totalNumber}期）`;
  return `${doc.publication.name}${doc.issue.year}年第${doc.issue.number}期${total}`;
}

/** Parses a problem path such as "articles[0].body[3].content" into where to go. */
export type ProblemPlace =
  | { kind: 'article'; article: number; field: 'title' | 'contributor' | 'body'; block?: number }
  | { kind: 'note'; paragraph: number }
  | { kind: 'field'; field: string }
  | { kind: 'distribution'; index: number }
  | { kind: 'publication'; field: string };

export function problemPlace(path: string): ProblemPlace {
  let m = /^articles\[(\d+)\](?:\.(title|contributor|body)(?:\[(\d+)\])?)?/.exec(path);
  if (m) {
    const field = (m[2] ?? 'body') as 'title' | 'contributor' | 'body';
    return { kind: 'article', article: Number(m[1]), field, ...(m[3] === undefined ? {} : { block: Number(m[3]) }) };
  }
  m = /^editorNote(?:\[(\d+)\])?/.exec(path);
  if (m) return { kind: 'note', paragraph: Number(m[1] ?? 0) };
  m = /^distribution(?:\[(\d+)\])?/.exec(path);
  if (m) return { kind: 'distribution', index: Number(m[1] ?? 0) };
  if (path.startsWith('publication.')) return { kind: 'publication', field: path.slice('publication.'.length) };
  return { kind: 'field', field: path.replace(/^issue\./, '').split(/[.[]/)[0] ?? path };
}

/** Today in local time, ISO form. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
