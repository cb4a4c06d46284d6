import { checkDocument } from '../core/check/index.js';
import { layoutProblems } from '../core/check/layout.js';
import type { Problem } from '../core/check/problem.js';
import type { BulletinDocument } from '../core/model/document.js';
import type { Typesetter } from './typesetter.js';

/**
 * The 版面 items of 校对: the issue typeset with its preset and the layout report read as problems and facts
 * (core/check/layout.ts). Nothing when the issue cannot be typeset (a missing character is reported by the
 * glyph check already).
 */
export function layoutCheck(typesetter: Typesetter, document: BulletinDocument): Problem[] {
  try {
    const { report } = typesetter.typeset(document);
    return report ? layoutProblems(report) : [];
  } catch {
    return [];
  }
}

/**
 * The whole 校对 of an issue, the one definition every path uses (the export worker's thread, the in-process
 * services, `bulletin check`, 送审 and 签发 from the command line): the text checks with the fonts' glyph
 * coverage (core/check), then the 版面 items above.
 */
export function checkIssue(typesetter: Typesetter, document: BulletinDocument): Problem[] {
  return [
    ...checkDocument(document, { hasGlyph: (codePoint) => typesetter.hasGlyph(document, codePoint) }),
    ...layoutCheck(typesetter, document),
  ];
}
