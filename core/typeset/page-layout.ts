import type { ArtPathOf } from '../masthead-art/vector-art.js';
import type { PictureImage } from '../model/issue.js';
import type { Cmyk } from './preset.js';

/** The typeset result: pages of positioned text and rules, ready for any backend. Lengths in points. */

/** A run of glyphs drawn at a baseline with uniform extra spacing after each glyph (PDF Tc). */
export interface TextItem {
  readonly x: number;
  readonly baseline: number;
  readonly text: string;
  readonly face: string;
  readonly size: number;
  readonly color: Cmyk;
  readonly charSpacing: number;
  /**
   * The structure element the text belongs to ({@link StructureBlock.source}: "articles[0].body[3]", "masthead.name",
   * "backMatter.distribution[1]"); absent for page furniture (page numbers, copy stamps), which tagged output marks
   * as an artifact.
   */
  readonly source?: string;
  /**
   * A table cell's text: the cell's row (0 the header) and column in its table ({@link source} names the table), for
   * tagged output's Table/TR/TH/TD structure.
   */
  readonly cell?: { readonly row: number; readonly col: number };
  /**
   * Not painted, only present as text (PDF text render mode 3): the 刊名 under masthead artwork, so that search,
   * copying and the text round trip still find it.
   */
  readonly invisible?: boolean;
}

/** An outline of vector artwork placed on a page: page coordinates (points, y down), CMYK paint. */
export type PlacedPath = ArtPathOf<Cmyk>;

/**
 * Artwork placed on a page (the 刊名 picture): its box in page coordinates (y down) and what to draw there —
 * vector outlines already in page coordinates, or a PNG image stretched over the box. `alt` is what it says.
 */
export type ArtworkItem =
  | {
      readonly kind: 'vector';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly paths: readonly PlacedPath[];
      readonly alt: string;
    }
  | {
      readonly kind: 'image';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      /**
       * An 8-bit PNG. With `tint`, greyscale: black prints as the tint, white as paper. Without, truecolour in its
       * own colours, `cmyk` its samples separated to DeviceCMYK (8 bits a channel, zlib) for the PDF.
       */
      readonly png: Uint8Array;
      readonly tint?: Cmyk;
      readonly cmyk?: Uint8Array;
      readonly pixelWidth: number;
      readonly pixelHeight: number;
      readonly alt: string;
    };

/**
 * A rule from (x1, y) to (x2, y2 ?? y): horizontal unless `y2` is given (a table's vertical rules); y is the
 * centre of a horizontal rule's stroke.
 */
export interface RuleItem {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly y2?: number;
  readonly thickness: number;
  readonly color: Cmyk;
}

/**
 * A picture (issue 12): an embedded baseline JPEG (sRGB) drawn in the box whose top-left corner is (x, y), y down
 * from the page's top like everything in the layout; its top is on a grid line.
 */
export interface ImageItem {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly image: PictureImage;
  /** The structure element the picture belongs to (its block, "articles[0].body[3]"). */
  readonly source: string;
}

/** What a line of the page came from, for the preview and for checks. */
export interface LineRecord {
  readonly kind: 'masthead' | 'note' | 'title' | 'heading' | 'paragraph' | 'table' | 'contributor' | 'picture' | 'back-matter' | 'page-number';
  readonly source: string;
  readonly baseline: number;
  readonly last: boolean;
}

export interface Page {
  readonly number: number;
  readonly texts: readonly TextItem[];
  readonly rules: readonly RuleItem[];
  readonly lines: readonly LineRecord[];
  /** Artwork drawn under the texts (the masthead's 刊名 picture); absent for none. */
  readonly artworks?: readonly ArtworkItem[];
  /** Pictures on the page (absent: none). */
  readonly images?: readonly ImageItem[];
}

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
}

/**
 * One element of the logical structure, in reading order (the order): what tagged PDF (and other
 * structured backends) build their structure tree from. Texts name it by `source`.
 */
export interface StructureBlock {
  readonly source: string;
  readonly kind: 'masthead' | 'note' | 'title' | 'heading' | 'paragraph' | 'table' | 'contributor' | 'picture' | 'distribution' | 'back-matter';
  /** Heading level 1–4 (一、（一）1.（1）). */
  readonly level?: 1 | 2 | 3 | 4;
  /** The leading characters that are a label: a heading's number (一、), the 送： of the distribution list. */
  readonly label?: string;
  /** A picture's alternate text (its 图注, or 图片). */
  readonly alt?: string;
  /** A table's shape: rows (the first the header) and columns. */
  readonly table?: { readonly rows: number; readonly cols: number };
}

export interface PageLayout {
  readonly width: number;
  readonly height: number;
  readonly pages: readonly Page[];
  /** hhea ascent (in em) of every face used, by face key. */
  readonly ascents: ReadonlyMap<string, number>;
  readonly info: DocumentInfo;
  /** The logical structure in reading order (absent: the layout carries none, e.g. a distribution register). */
  readonly structure?: readonly StructureBlock[];
}
