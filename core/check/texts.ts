import type { BulletinDocument } from '../model/document.js';
import { inlineText } from '../model/inline.js';

/** One printed text of a document, with its path and a Chinese description of where it is. */
export interface TextLocation {
  readonly path: string;
  /** "第1篇文章第3段", "编者按第1段", "刊名"… */
  readonly where: string;
  readonly text: string;
  /** Chinese running text, subject to punctuation and pairing checks (not names, numbers, addresses). */
  readonly prose: boolean;
}

/** Every printed text of a document in reading order: masthead, 编者按, articles, back matter. */
export function documentTexts(doc: BulletinDocument): TextLocation[] {
  const { publication: pub, issue } = doc;
  const out: TextLocation[] = [
    { path: 'publication.name', where: '刊名', text: pub.name, prose: false },
    { path: 'publication.pinyin', where: '刊名拼音', text: pub.pinyin, prose: false },
    { path: 'publication.unit', where: '编印单位', text: pub.unit, prose: true },
  ];
  issue.editorNote.forEach((p, i) => {
    out.push({ path: `editorNote[${i}]`, where: `编者按第${i + 1}段`, text: inlineText(p), prose: true });
  });
  issue.articles.forEach((article, a) => {
    const where = `第${a + 1}篇文章`;
    out.push({ path: `articles[${a}].title`, where: `${where}标题`, text: article.title, prose: true });
    article.body.forEach((block, b) => {
      const path = `articles[${a}].body[${b}]`;
      const para = `${where}第${b + 1}段`;
      if (block.type === 'heading') {
        out.push({ path: `${path}.content`, where: `${para}（小标题）`, text: inlineText(block.content), prose: true });
        if (block.body) out.push({ path: `${path}.body`, where: para, text: inlineText(block.body), prose: true });
      } else if (block.type === 'table') {
        block.rows.forEach((row, r) =>
          row.cells.forEach((cell, c) =>
            out.push({ path: `${path}.rows[${r}].cells[${c}].content`, where: `${para}（表格第${r + 1}行第${c + 1}格）`, text: inlineText(cell.content), prose: true }),
          ),
        );
      } else {
        out.push({ path: `${path}.content`, where: para, text: inlineText(block.content), prose: true });
      }
    });
    out.push({ path: `articles[${a}].contributor`, where: `${where}供稿单位`, text: article.contributor, prose: true });
  });
  issue.distribution.forEach((entry, i) => {
    out.push({ path: `distribution[${i}].text`, where: `送文单位第${i + 1}行`, text: entry.text, prose: true });
  });
  issue.editors.forEach((name, i) => {
    out.push({ path: `editors[${i}]`, where: '责任编辑', text: name, prose: false });
  });
  out.push({ path: 'publication.contact', where: '联系方式', text: pub.contact, prose: false });
  out.push({ path: 'publication.approvalNumber', where: '批准文号', text: pub.approvalNumber, prose: false });
  return out.filter((t) => t.text !== '');
}
