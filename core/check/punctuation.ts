import type { BulletinDocument } from '../model/document.js';
import { normalizePunctuation } from '../text/punctuation.js';
import type { Problem } from './problem.js';
import { documentTexts } from './texts.js';

const NAMES: Readonly<Record<string, string>> = {
  ',': '逗号',
  ';': '分号',
  ':': '冒号',
  '?': '问号',
  '!': '叹号',
  '(': '括号',
  ')': '括号',
  '"': '引号',
  "'": '引号',
  '.': '句点',
};

/**
 * Half-width punctuation in Chinese text (GB/T 15834): one warning per mark that normalizePunctuation would
 * make full-width, e.g. "第1篇文章第3段：半角逗号“,”应为全角“，”".
 */
export function checkPunctuation(doc: BulletinDocument): Problem[] {
  const problems: Problem[] = [];
  for (const { path, where, text, prose } of documentTexts(doc)) {
    if (!prose) continue;
    for (const change of normalizePunctuation(text).changes) {
      problems.push({
        severity: 'warning',
        code: 'halfwidth-punctuation',
        message: `${where}：半角${NAMES[change.from] ?? '标点'}“${change.from}”应为全角“${change.to}”`,
        path,
        offset: change.offset,
      });
    }
  }
  return problems;
}
