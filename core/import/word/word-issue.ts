import { inlineText } from '../../model/inline.js';
import type { ImportNote } from '../import-notes.js';
import { importPlainText, type ImportOptions, type ImportResult } from '../plain-text.js';
import type { WordContent, WordParagraph } from './word-content.js';

/**
 * A Word document imported as a whole issue: its paragraphs, one line each (automatic numbers written in front),
 * go through the plain-text importer (core/import/plain-text.ts) — the same region readers, heading grammar
 * and cleaning as a .txt file — with `linesAreParagraphs`, since a Word paragraph is never cut by a page break.
 * So the same text gives the same structure whichever way it arrives.
 */

/** Manual line breaks inside a paragraph: dropped between Han characters, a space between Latin words. */
function oneLine(text: string): string {
  return text
    .replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\n|\n(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, '')
    .replace(/[\n\t]+/g, ' ');
}

/** The text of a paragraph as one line of the plain-text importer. */
export function paragraphLine(p: WordParagraph): string {
  return oneLine(inlineText(p.runs));
}

/** The notice for a document whose formatting was not read (.doc, .wps). */
export const TEXT_ONLY_NOTICE: ImportNote = {
  kind: 'info',
  message: '这是旧版 Word/WPS 文件（.doc/.wps），只读取了文字和段落，没有读取格式（加粗、居中、自动编号）；标题和序号按文字识别，请核对',
};

/** Imports a Word document as a new issue. Throws ImportError (Chinese) when it holds no article. */
export function importWordIssue(content: WordContent, options: ImportOptions = {}): ImportResult {
  const text = content.paragraphs.map(paragraphLine).join('\n');
  const result = importPlainText(text, { ...options, linesAreParagraphs: true });
  const notes = [...(content.source === 'doc' ? [TEXT_ONLY_NOTICE] : []), ...content.notes, ...result.notes];
  return { document: result.document, notes };
}
