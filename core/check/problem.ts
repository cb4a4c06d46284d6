/** What the proofreading checks report. */

/** 'info': a fact for the editor, not a problem (the 版面 lines of the layout report). */
export type ProblemSeverity = 'error' | 'warning' | 'info';

export type ProblemCode =
  | 'missing-glyph'
  | 'halfwidth-punctuation'
  | 'unpaired-quote'
  | 'unpaired-bracket'
  | 'numbering-gap'
  | 'empty-article'
  | 'missing-field'
  | 'layout';

/** One problem found in a document. */
export interface Problem {
  readonly severity: ProblemSeverity;
  readonly code: ProblemCode;
  /** For the user, in Chinese, saying where: "第1篇文章第3段：半角逗号“,”应为全角“，”". */
  readonly message: string;
  /**
   * Where in the document: issue fields by name ("date", "editorNote[0]", "articles[0].title",
   * "articles[0].body[2].content"), publication fields under "publication." ("publication.name").
   */
  readonly path: string;
  /** UTF-16 index in the text at `path` (the plain text of an inline list), when the problem is at a character. */
  readonly offset?: number;
}
