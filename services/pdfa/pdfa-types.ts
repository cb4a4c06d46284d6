import type { PdfaDocument } from './pdfa-document.js';

/**
 * One checked clause of ISO 19005-2:2011 (PDF/A-2): its number as the standard numbers it, what it asks
 * (in Chinese, as `bulletin check --pdfa` prints it), and the test, which reads the file and returns the
 * problems found — none means the clause passes. docs/pdfa-clauses.md lists the same clauses.
 */
export interface PdfaClause {
  readonly clause: string;
  readonly title: string;
  check(doc: PdfaDocument): string[];
}

/** The verdict on one clause. */
export interface ClauseResult {
  readonly clause: string;
  readonly title: string;
  readonly pass: boolean;
  /** What failed (at most a few, with a count of the rest). */
  readonly problems: readonly string[];
}
