import type { BulletinDocument } from '../model/document.js';
import { normalizePunctuation } from '../text/punctuation.js';
import { markOf } from '../text/punctuation-table.js';
import type { Problem } from './problem.js';
import { documentTexts } from './texts.js';

/**
 * Half-width punctuation in Chinese text (GB/T 15834): one warning per mark that normalizePunctuation would
 * make full-width (the same marks paste cleaning and import convert), named as the punctuation table names
 * them, e.g. "第1篇文章第3段：半角逗号“,”应为全角“，”".
 */
export function checkPunctuation(doc: BulletinDocument): Problem[] {
  const problems: Problem[] = [];
  for (const { path, where, text, prose } of documentTexts(doc)) {
    if (!prose) continue;
    for (const change of normalizePunctuation(text).changes) {
      problems.push({
        severity: 'warning',
        code: 'halfwidth-punctuation',
        message: `${where}：半角${markOf(change.from)?.name ?? '标点'}“${change.from}”应为全角“${change.to}”`,
        path,
        offset: change.offset,
      });
    }
  }
  return problems;
}
