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
