import type { BulletinDocument } from '../model/document.js';
import { inlineText } from '../model/inline.js';
import type { HeadingLevel } from '../model/issue.js';
import { headingLabel, matchHeadingLabel } from '../model/heading-grammar.js';
import type { Problem } from './problem.js';

/** How each level's label looks, for messages: its first number as printed (一、 （一） 1. （1）). */
const LEVEL_LABEL = (level: HeadingLevel): string => headingLabel(level, 1);

/**
 * Heading structure (headings are numbered automatically, GB/T 9704 §7.3.3):
 * - a heading more than one level deeper than the heading before it (一、 then （1）) → warning;
 * - a paragraph that starts with a typed number (二、, （三）…) and so should be a heading → warning;
 * - a heading whose text starts with a typed number (it would print twice) → warning.
 */
export function checkNumbering(doc: BulletinDocument): Problem[] {
  const problems: Problem[] = [];
  doc.issue.articles.forEach((article, a) => {
    let previous: HeadingLevel | undefined;
    article.body.forEach((block, b) => {
      if (block.type === 'picture') return;
      const where = `第${a + 1}篇文章第${b + 1}段`;
      const path = `articles[${a}].body[${b}]`;
      if (block.type === 'table') return; // a table's cells are not numbered
      const typed = matchHeadingLabel(inlineText(block.content));
      const label = typed ? inlineText(block.content).slice(0, typed.length).trim() : '';
      if (block.type === 'paragraph') {
        if (typed) {
          problems.push({
            severity: 'warning',
            code: 'numbering-gap',
            message: `${where}：段首手工输入了序号“${label}”，应改为小标题（序号会自动编排）`,
            path: `${path}.content`,
            offset: 0,
          });
        }
        return;
      }
      if (typed) {
        problems.push({
          severity: 'warning',
          code: 'numbering-gap',
          message: `${where}：小标题里又手工输入了序号“${label}”，序号会自动编排，请删去`,
          path: `${path}.content`,
          offset: 0,
        });
      }
      if (previous !== undefined && block.level > previous + 1) {
        const missing = LEVEL_LABEL((previous + 1) as HeadingLevel);
        problems.push({
          severity: 'warning',
          code: 'numbering-gap',
          message: `${where}：小标题从“${LEVEL_LABEL(previous)}”级直接跳到了“${LEVEL_LABEL(block.level)}”级，中间缺少“${missing}”级`,
          path,
        });
      }
      previous = block.level;
    });
  });
  return problems;
}
