import type { BulletinDocument } from '../model/document.js';
import type { Problem } from './problem.js';
import { documentTexts } from './texts.js';

/** "U+20BB7" */
function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Characters the fonts cannot print (缺字): for every printed text, each distinct character (whitespace
 * skipped) for which `hasGlyph` returns false is an error, at its first occurrence in that text.
 */
export function checkMissingGlyphs(doc: BulletinDocument, hasGlyph: (codePoint: number) => boolean): Problem[] {
  const problems: Problem[] = [];
  for (const { path, where, text } of documentTexts(doc)) {
    const seen = new Map<number, { offset: number; count: number }>();
    let offset = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (!/\s/u.test(ch) && !hasGlyph(cp)) {
        const s = seen.get(cp);
        if (s) s.count++;
        else seen.set(cp, { offset, count: 1 });
      }
      offset += ch.length;
    }
    for (const [cp, { offset: at, count }] of seen) {
      const times = count > 1 ? `，共 ${count} 处` : '';
      problems.push({
        severity: 'error',
        code: 'missing-glyph',
        message: `${where}：缺字“${String.fromCodePoint(cp)}”（${codePointName(cp)}），所用字体中没有这个字${times}`,
        path,
        offset: at,
      });
    }
  }
  return problems;
}
