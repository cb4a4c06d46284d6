import type { BulletinDocument } from './document.js';
import type { Article, Issue } from './issue.js';
import type { PublicationProfile } from './profile.js';

/**
 * What changed in a document since a version the receiver has: the live preview sends this instead of the whole
 * document on every keystroke (a 60-page 增刊 is hundreds of kilobytes to copy and validate; one edit changes one
 * article). The receiver applies it only to the very version named by `base` ({@link applyDocumentPatch});
 * otherwise it asks for the whole document again.
 */
export interface DocumentPatch {
  /** The version the patch applies to (the receiver's last whole document). */
  readonly base: number;
  /** The version the patched document is. */
  readonly version: number;
  /** The publication, when it changed (absent: the base's). */
  readonly publication?: PublicationProfile;
  /** The issue's fields other than its articles (always given: they are small). */
  readonly issue: IssueFields;
  /** How many articles the document has: the base's are cut to it, or extended by the listed ones. */
  readonly articleCount: number;
  /** The articles that differ from the base's, by index (0-based, below articleCount). */
  readonly articles: readonly PatchedArticle[];
}

/** An issue without its articles. */
export type IssueFields = Omit<Issue, 'articles'>;

/** One article of a patch and its place. */
export interface PatchedArticle {
  readonly index: number;
  readonly article: Article;
}

/**
 * A document as last sent, with what the comparison needs: each article's JSON (computed once, so only articles
 * whose object changed are serialised again).
 */
export interface SentDocument {
  readonly document: BulletinDocument;
  readonly version: number;
  readonly articleJson: readonly string[];
  readonly publicationJson: string;
}

/** Remembers a document as sent in version `version` (see {@link documentPatch}). */
export function sentDocument(doc: BulletinDocument, version: number, previous?: SentDocument): SentDocument {
  const old = previous?.document.issue.articles ?? [];
  const articleJson = doc.issue.articles.map((article, i) =>
    old[i] === article && previous ? previous.articleJson[i]! : JSON.stringify(article),
  );
  const publicationJson =
    previous && previous.document.publication === doc.publication ? previous.publicationJson : JSON.stringify(doc.publication);
  return { document: doc, version, articleJson, publicationJson };
}

/**
 * The patch turning the sent document into `doc` (version `version`), or undefined when the whole document
 * is as cheap to send: more than half its articles differ. Articles are compared by reference first, then by their
 * JSON; the issue's other fields always go along, the publication only when it differs.
 */
export function documentPatch(sent: SentDocument, doc: BulletinDocument, version: number): DocumentPatch | undefined {
  const before = sent.document.issue.articles;
  const { articles: now, ...issue } = doc.issue;
  const articles: PatchedArticle[] = [];
  now.forEach((article, index) => {
    if (before[index] === article) return;
    if (index < before.length && sent.articleJson[index] === JSON.stringify(article)) return;
    articles.push({ index, article });
  });
  if (articles.length * 2 > now.length) return undefined;
  const samePublication =
    sent.document.publication === doc.publication || sent.publicationJson === JSON.stringify(doc.publication);
  return {
    base: sent.version,
    version,
    ...(samePublication ? {} : { publication: doc.publication }),
    issue,
    articleCount: now.length,
    articles,
  };
}

/**
 * The document `patch` makes of `base` (which must be the version it names): the listed articles replaced, the
 * articles cut or extended to articleCount, the issue's fields and (when given) the publication replaced.
 * Undefined when the patch does not fit (an article past the end not given, an index out of range).
 */
export function applyDocumentPatch(base: BulletinDocument, patch: DocumentPatch): BulletinDocument | undefined {
  const articles: (Article | undefined)[] = base.issue.articles.slice(0, patch.articleCount);
  while (articles.length < patch.articleCount) articles.push(undefined);
  for (const { index, article } of patch.articles) {
    if (!Number.isInteger(index) || index < 0 || index >= patch.articleCount) return undefined;
    articles[index] = article;
  }
  if (articles.some((a) => a === undefined)) return undefined;
  return {
    publication: patch.publication ?? base.publication,
    issue: { ...patch.issue, articles: articles as Article[] },
  };
}
