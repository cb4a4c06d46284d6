import type { Inline } from './inline.js';
import type { TableBlock } from './table.js';

export type { TableBlock, TableCell, TableRow } from './table.js';

/** Section heading levels of an article: 一、 / （一） / 1. / （1）. */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** A body paragraph: first-line indent of two characters, justified. */
export interface ParagraphBlock {
  readonly type: 'paragraph';
  readonly content: readonly Inline[];
}

/**
 * A numbered section heading. The number (一、, （一）, 1., （1）) is computed from the heading's level and
 * position, never stored. When `body` is present and non-empty the heading is run in: the paragraph's
 * text follows the heading on the same line ("一、深化活动主题。这次活动……"); otherwise it stands alone.
 */
export interface HeadingBlock {
  readonly type: 'heading';
  readonly level: HeadingLevel;
  readonly content: readonly Inline[];
  readonly body?: readonly Inline[];
}

/** A body block; a table (./table.ts) is the one block that is not a run of text. */
export type Block = ParagraphBlock | HeadingBlock | TableBlock;

/** One article of an issue. */
export interface Article {
  /** The title; a single ASCII space between two phrases marks a preferred line-break point. */
  readonly title: string;
  readonly body: readonly Block[];
  /** The contributing unit, printed as （…供稿）; empty for none. */
  readonly contributor: string;
}

/** One line of the 送 list, with the number of printed copies it receives. */
export interface DistributionEntry {
  readonly text: string;
  readonly copies: number;
}

/** One issue of the bulletin. */
export interface Issue {
  /** The year the issue belongs to; 第N期 restarts at 1 every January. */
  readonly year: number;
  /** 第N期: the number within the year. */
  readonly number: number;
  /** 总第N期: the running number since the first issue; printed in Chinese numerals. Absent when unused. */
  readonly totalNumber?: number;
  /** Publication date, ISO form YYYY-MM-DD; printed as 2021年6月2日. */
  readonly date: string;
  /** 编者按 paragraphs; empty for none. */
  readonly editorNote: readonly (readonly Inline[])[];
  readonly articles: readonly Article[];
  /** The 送 list, one entry per printed line. */
  readonly distribution: readonly DistributionEntry[];
  /** 责任编辑 names. */
  readonly editors: readonly string[];
}
