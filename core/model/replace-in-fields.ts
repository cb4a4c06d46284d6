/**
 * 替换 (one at a time) in the issue's plain fields — each article's title and 供稿 line, then the 送 lines — as
 * 全部替换 matches them (see replace-all.ts). The text editors (编者按, bodies) step through their own matches;
 * these fields are stepped through after them, with a cursor so that a replacement holding the query is not found
 * again. The input is not changed.
 */

import type { BulletinDocument } from './document.js';
import { matchStarts, type ReplaceAllOptions } from './replace-all.js';

/** Where the next field match is looked for: the field's index in field order and the offset within it. */
export interface FieldCursor {
  readonly field: number;
  readonly offset: number;
}

/** A match in a field: the field (its index in field order and its label) and where in it. */
export interface FieldMatch {
  readonly field: number;
  readonly label: string;
  readonly start: number;
}

/** The issue's plain fields in order, each with a label an editor reads (第1篇文章标题 …). */
function fieldTexts(doc: BulletinDocument): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  doc.issue.articles.forEach((a, i) => {
    out.push({ label: `第${i + 1}篇文章标题`, text: a.title });
    out.push({ label: `第${i + 1}篇文章供稿单位`, text: a.contributor });
  });
  doc.issue.distribution.forEach((d, i) => out.push({ label: `第${i + 1}组受文单位`, text: d.text }));
  return out;
}

/** Every match in the fields, in order. */
export function fieldMatches(doc: BulletinDocument, options: ReplaceAllOptions): FieldMatch[] {
  return fieldTexts(doc).flatMap(({ label, text }, field) => matchStarts(text, options).map((start) => ({ field, label, start })));
}

/** The field with index `field` set to `text` (a new document). */
function withField(doc: BulletinDocument, field: number, text: string): BulletinDocument {
  const articleFields = doc.issue.articles.length * 2;
  if (field < articleFields) {
    const index = Math.floor(field / 2);
    const key = field % 2 === 0 ? 'title' : 'contributor';
    const articles = doc.issue.articles.map((a, i) => (i === index ? { ...a, [key]: text } : a));
    return { ...doc, issue: { ...doc.issue, articles } };
  }
  const line = field - articleFields;
  const distribution = doc.issue.distribution.map((d, i) => (i === line ? { ...d, text } : d));
  return { ...doc, issue: { ...doc.issue, distribution } };
}

/**
 * Replaces the first field match at or after `from` (from the start when absent): the new document, the match
 * replaced and the cursor after it; undefined when there is none.
 */
export function replaceNextInFields(
  doc: BulletinDocument,
  options: ReplaceAllOptions & { readonly from?: FieldCursor },
): { document: BulletinDocument; match: FieldMatch; cursor: FieldCursor } | undefined {
  const from = options.from ?? { field: 0, offset: 0 };
  const match = fieldMatches(doc, options).find((m) => m.field > from.field || (m.field === from.field && m.start >= from.offset));
  if (!match) return undefined;
  const text = fieldTexts(doc)[match.field]!.text;
  const next = text.slice(0, match.start) + options.replace + text.slice(match.start + options.find.length);
  return {
    document: withField(doc, match.field, next),
    match,
    cursor: { field: match.field, offset: match.start + options.replace.length },
  };
}
