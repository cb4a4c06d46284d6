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

/**
 * A picture (issue 12): a photograph or figure set on its own, scaled to the type width or less, with its 图注
 * centred below it in a smaller 楷体. The image is embedded in the issue file (base64), so the issue moves as one
 * file; it was re-encoded when inserted (services/picture-prepare.ts) as a baseline JPEG of about 300 dpi at its
 * placed size. See core/model/picture.ts.
 */
export interface PictureBlock {
  readonly type: 'picture';
  readonly image: PictureImage;
  /** The 图注 (checked, searched and replaced as any text is); empty for none. */
  readonly content: readonly Inline[];
}

/** An embedded image: a baseline JPEG (sRGB, 8 bits, 3 components), base64, with its size in pixels. */
export interface PictureImage {
  readonly format: 'jpeg';
  readonly data: string;
  readonly width: number;
  readonly height: number;
}

/** A body block: a run of text (paragraph, heading), a table (./table.ts) or a picture. */
export type Block = ParagraphBlock | HeadingBlock | TableBlock | PictureBlock;

/** Blocks that hold a run of text (a paragraph or a heading), as opposed to a table or a picture. */
export type TextBlock = ParagraphBlock | HeadingBlock;

/** Whether a block holds a run of text (a paragraph or a heading). */
export function isTextBlock(block: Block): block is TextBlock {
  return block.type === 'paragraph' || block.type === 'heading';
}

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
