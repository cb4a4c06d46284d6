import type { BundledFamily, FontChoice } from '../model/profile.js';
import type { GlyfSource } from './sfnt.js';

/** A weight the layout asks for. The bulletin uses two: regular and bold. */
export type Weight = 'regular' | 'bold';

/** The bytes of one font file (TTF/OTF, never WOFF), with a stable key naming it. */
export interface FontFace {
  /** Stable identity, e.g. "noto-serif-sc@400" or "file:/home/me/fonts/FZXBS.ttf"; equal keys, equal bytes. */
  readonly key: string;
  /**
   * The font file's tables. A large TrueType file is held without its glyph data (95 % of a Chinese font): its glyf
   * table is then empty here and `glyf` reads it from the file as needed (a subset's glyphs, a preview outline).
   */
  readonly bytes: Uint8Array;
  readonly glyf?: GlyfSource;
}

/**
 * Where fonts come from. The core never reads files: the app, the command line and tests hand it one of
 * these (see services/font-files.ts).
 */
export interface FontLibrary {
  /** The face for a role's font choice at a weight. Throws an Error with a Chinese message if unavailable. */
  face(choice: FontChoice, weight: Weight): FontFace;
}

/** Bundled families tried in order for a character the role's font lacks (clreq-independent: coverage only). */
export const FALLBACK_FAMILIES: readonly BundledFamily[] = ['noto-serif-sc', 'noto-sans-sc', 'lxgw-wenkai'];
