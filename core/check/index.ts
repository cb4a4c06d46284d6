/** Proofreading checks over a whole document, for the editor's 校对 panel and before printing. */

import type { BulletinDocument } from '../model/document.js';
import { checkFields } from './fields.js';
import { checkMissingGlyphs } from './missing-glyphs.js';
import { checkNumbering } from './numbering.js';
import { checkPairs } from './pairs.js';
import type { Problem } from './problem.js';
import { checkPunctuation } from './punctuation.js';

export type { Problem, ProblemCode, ProblemSeverity } from './problem.js';
export { checkFields } from './fields.js';
export { checkMissingGlyphs } from './missing-glyphs.js';
export { checkNumbering } from './numbering.js';
export { checkPairs } from './pairs.js';
export { checkPunctuation } from './punctuation.js';

export interface CheckOptions {
  /** Whether the fonts can print a code point; without it, missing glyphs are not checked. */
  readonly hasGlyph?: (codePoint: number) => boolean;
}

/**
 * All checks over a document: missing fields, heading numbering, unpaired quotes and brackets, half-width
 * punctuation and (given `hasGlyph`) characters the fonts lack. Errors first, then warnings; each group in
 * the order the checks run. The document is not modified.
 */
export function checkDocument(doc: BulletinDocument, options: CheckOptions = {}): Problem[] {
  const problems = [
    ...checkFields(doc),
    ...checkNumbering(doc),
    ...checkPairs(doc),
    ...checkPunctuation(doc),
    ...(options.hasGlyph ? checkMissingGlyphs(doc, options.hasGlyph) : []),
  ];
  return [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
}
