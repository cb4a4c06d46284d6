import type { Inline } from '../../model/inline.js';
import type { PictureImage } from '../../model/issue.js';
import type { ImportNote } from '../import-notes.js';
import type { TableBlock } from '../../model/table.js';

/**
 * What the Word readers hand to the importer: the document's paragraphs in order, with the little of their
 * formatting the structure recogniser uses, and the notes (what was accepted, dropped or could not be kept).
 * Made by ./docx-reader.ts from .docx and by the services' .doc reader (services/word-binary.ts) from .doc/.wps.
 */

/** One paragraph of a Word document. */
export interface WordParagraph {
  /** The paragraph's text runs (bold kept), its automatic number (if any) written in front as text. */
  readonly runs: readonly Inline[];
  /** A Title-style paragraph (标题). */
  readonly title?: boolean;
  /** Heading 1–9 style or outline level. */
  readonly headingLevel?: number;
  readonly centered?: boolean;
  /** Right-aligned: where a contributor named at the end stands. */
  readonly right?: boolean;
  /** Font size in half-points, of the paragraph's first run or its style. */
  readonly size?: number;
  /** The automatic list number Word showed in front of the paragraph ("一、"), already part of `runs`. */
  readonly numberLabel?: string;
  /** A table standing here (its runs are empty): ./word-table.ts. */
  readonly table?: TableBlock;
  /** A caption-styled paragraph (Caption, 题注). */
  readonly caption?: boolean;
  /** Pictures in the paragraph (w:drawing → a:blip r:embed → word/media/…), in order. */
  readonly pictures?: readonly WordPicture[];
}

/**
 * A picture of a Word paragraph: its file's bytes and name as the package holds them; the services prepare it
 * (services/picture-prepare.ts) into `image`, or give the reason it cannot be used in `error`.
 */
export interface WordPicture {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly image?: PictureImage;
  readonly error?: string;
}

/** A Word document as read. */
export interface WordContent {
  readonly paragraphs: readonly WordParagraph[];
  readonly notes: readonly ImportNote[];
  /** Which reader: the OOXML reader (formatting read) or the binary .doc text extractor (text only). */
  readonly source: 'docx' | 'doc';
}
