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
}

/** A horizontal rule: y is the centre of its stroke. */
export interface RuleItem {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  readonly thickness: number;
  readonly color: Cmyk;
}

/** What a line of the page came from, for the preview and for checks. */
export interface LineRecord {
  readonly kind: 'masthead' | 'note' | 'title' | 'heading' | 'paragraph' | 'contributor' | 'back-matter' | 'page-number';
  readonly source: string;
  readonly baseline: number;
  readonly last: boolean;
}

export interface Page {
  readonly number: number;
  readonly texts: readonly TextItem[];
  readonly rules: readonly RuleItem[];
  readonly lines: readonly LineRecord[];
}

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
}

export interface PageLayout {
  readonly width: number;
  readonly height: number;
  readonly pages: readonly Page[];
  /** hhea ascent (in em) of every face used, by face key. */
  readonly ascents: ReadonlyMap<string, number>;
  readonly info: DocumentInfo;
}
