import { collapseCjkSpaces, normalizePunctuation } from '../text/punctuation.js';

/** Something the importer changed or could not find, for the user to review. */
export interface ImportNote {
  readonly kind:
    | 'punctuation'
    | 'joined-paragraph'
    | 'title-spacing'
    | 'spaces'
    | 'info'
    // Word import (core/import/word/): what a Word document held that the issue does not keep, by position.
    | 'tracked-changes'
    | 'comment'
    | 'footnote'
    | 'text-box'
    | 'picture'
    | 'table'
    | 'numbering'
    | 'line-break';
  /** What happened, in Chinese. */
  readonly message: string;
  readonly count?: number;
}

/** Collects notes and counts while the document is built. */
export class Notes {
  readonly list: ImportNote[] = [];
  punctuation = 0;
  spaces = 0;

  info(message: string): void {
    this.list.push({ kind: 'info', message });
  }

  /** Collapses PDF spaces and normalizes punctuation of one piece of text, counting both. */
  clean(text: string): string {
    const collapsed = collapseCjkSpaces(text);
    this.spaces += text.length - collapsed.length;
    const { text: normalized, changes } = normalizePunctuation(collapsed);
    this.punctuation += changes.length;
    return normalized;
  }

  /** Normalizes punctuation only (titles keep their deliberate spaces), counting the changes. */
  punctuate(text: string): string {
    const { text: normalized, changes } = normalizePunctuation(text);
    this.punctuation += changes.length;
    return normalized;
  }
}
