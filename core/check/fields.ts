import type { BulletinDocument } from '../model/document.js';
import { tableCells } from '../model/table.js';
import { inlineText } from '../model/inline.js';
import { parseIsoDate } from '../text/dates.js';
import type { Problem } from './problem.js';

/**
 * Fields an issue cannot be printed without: a positive 期号, a valid date, a 刊名, at least one article,
 * each with a title and body text (errors); editing unit, 责任编辑 and 送 list (warnings).
 */
export function checkFields(doc: BulletinDocument): Problem[] {
  const { publication: pub, issue } = doc;
  const problems: Problem[] = [];
  const error = (code: Problem['code'], path: string, message: string): void => {
    problems.push({ severity: 'error', code, message, path });
  };
  const warning = (path: string, message: string): void => {
    problems.push({ severity: 'warning', code: 'missing-field', message, path });
  };

  if (!pub.name.trim()) error('missing-field', 'publication.name', '没有刊名');
  if (!pub.unit.trim()) warning('publication.unit', '没有编印单位');
  if (!Number.isInteger(issue.number) || issue.number < 1) {
    error('missing-field', 'number', `期号应为正整数，现在是“${String(issue.number)}”`);
  }
  if (issue.totalNumber !== undefined && (!Number.isInteger(issue.totalNumber) || issue.totalNumber < 1)) {
    error('missing-field', 'totalNumber', `总期号应为正整数，现在是“${String(issue.totalNumber)}”`);
  }
  if (!parseIsoDate(issue.date)) error('missing-field', 'date', `日期不正确：“${issue.date}”不是有效的年月日`);
  if (issue.articles.length === 0) error('missing-field', 'articles', '这一期还没有文章');
  issue.articles.forEach((article, a) => {
    if (!article.title.trim()) error('missing-field', `articles[${a}].title`, `第${a + 1}篇文章没有标题`);
    const hasText = article.body.some(
      (block) =>
        block.type === 'table' ? tableCells(block).some((c) => inlineText(c).trim() !== '') : inlineText(block.content).trim() !== '' || (block.type === 'heading' && inlineText(block.body ?? []).trim() !== ''),
    );
    if (!hasText) error('empty-article', `articles[${a}].body`, `第${a + 1}篇文章没有正文`);
  });
  if (issue.editors.length === 0) warning('editors', '没有责任编辑');
  if (issue.distribution.length === 0) warning('distribution', '送文单位名单是空的');
  return problems;
}
