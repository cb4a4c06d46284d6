import { inlineText } from '../../model/inline.js';
import type { ImportNote } from '../import-notes.js';
import type { WordParagraph } from './word-content.js';

/** A Word paragraph as one line of text, for the recognisers that read lines; the notice of text-only files. */

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
