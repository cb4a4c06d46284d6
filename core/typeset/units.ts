import { FULLWIDTH_PUNCTUATION, isHan } from '../text/chars.js';
import type { FaceSet, LoadedFace } from '../fonts/face-set.js';
import type { FontRole, FontChoice } from '../model/profile.js';
import { punctuationPosition, type PunctuationPosition } from './rules/punctuation-width.js';
import { urlPieces } from './rules/url-breaks.js';
import type { Cmyk } from './preset.js';
import type { StyledRun } from './styled.js';

/**
 * Stage 2a: styled runs become units — the indivisible pieces line breaking works with — each with its font
 * (after per-character fallback) and its measured width. A unit is one Han character or full-width mark,
 * a paired —— or …… (clreq #prohibition_rules_for_unbreakable_marks: never split; docs/layout-rules.md, Punctuation), a Latin word or number
 * (a URL: each piece between its break points, rules/url-breaks.ts), or a space.
 */

export type UnitClass = 'han' | 'punct' | 'latin' | 'space';

export interface Unit {
  readonly text: string;
  readonly cls: UnitClass;
  readonly face: LoadedFace;
  readonly size: number;
  readonly color: Cmyk;
  /** Width the font draws, in points. */
  readonly advance: number;
  /** Em cells a full-width unit occupies (1, or 2 for ——/……); 0 for proportional units. */
  readonly cells: number;
  /** Where the ink of a compressible mark sits; undefined for anything else. */
  readonly punct?: PunctuationPosition;
  /**
   * A piece of a URL after which a line may end though the next unit, its next piece, is Latin too
   * (rules/url-breaks.ts); the pieces are set without space and never spread apart.
   */
  readonly breakAfter?: boolean;
}

/** A character no font has: reported before export, never printed as an empty box. */
export interface MissingGlyph {
  readonly char: string;
  readonly codePoint: number;
  readonly source: string;
}

export interface UnitContext {
  readonly faces: FaceSet;
  readonly fonts: Readonly<Record<FontRole, FontChoice>>;
  /** Model path of the block, for reports. */
  readonly source: string;
  readonly missing: MissingGlyph[];
}

/** Splits styled runs into measured units. */
export function toUnits(runs: readonly StyledRun[], ctx: UnitContext): Unit[] {
  const units: Unit[] = [];
  for (const run of runs) {
    const weight = run.style.bold ? 'bold' : 'regular';
    const primary = ctx.faces.face(ctx.fonts[run.style.role], weight);
    for (const piece of splitPieces(run.text).flatMap((p) => splitUncovered(p, primary, ctx, weight))) {
      const face = chooseFace(piece.text, primary, ctx, weight);
      const advance = ctx.faces.width(face, piece.text, run.style.size);
      units.push({
        text: piece.text,
        cls: piece.cls,
        face,
        size: run.style.size,
        color: run.style.color,
        advance,
        cells: piece.cells,
        punct: piece.cells === 1 ? punctuationPosition(piece.text) : undefined,
        ...(piece.breakAfter ? { breakAfter: true } : {}),
      });
    }
  }
  return units;
}

interface Piece {
  text: string;
  cls: UnitClass;
  cells: number;
  /** A URL piece a line may end after (rules/url-breaks.ts). */
  breakAfter?: boolean;
}

const PAIRED = new Set(['—', '…']);

/** Splits text into unit texts and classes (no fonts involved). */
export function splitPieces(text: string): Piece[] {
  const chars = [...text];
  const pieces: Piece[] = [];
  let latin = '';
  const flushLatin = () => {
    // A URL is broken into the pieces a line may end between (rules/url-breaks.ts); other Latin runs stay whole.
    const parts = latin ? urlPieces(latin) : [];
    parts.forEach((text, k) => pieces.push({ text, cls: 'latin', cells: 0, ...(k < parts.length - 1 ? { breakAfter: true } : {}) }));
    latin = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    if (isCombining(cp)) {
      if (latin) latin += ch;
      else if (pieces.length) pieces[pieces.length - 1]!.text += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      flushLatin();
      pieces.push({ text: ' ', cls: 'space', cells: 0 });
    } else if (isHan(cp) || ch === '　') {
      flushLatin();
      pieces.push({ text: ch, cls: 'han', cells: 1 });
    } else if (FULLWIDTH_PUNCTUATION.has(ch)) {
      flushLatin();
      if (PAIRED.has(ch) && chars[i + 1] === ch) {
        pieces.push({ text: ch + ch, cls: 'punct', cells: 2 });
        i++;
      } else {
        pieces.push({ text: ch, cls: 'punct', cells: 1 });
      }
    } else {
      latin += ch;
    }
  }
  flushLatin();
  return pieces;
}

function isCombining(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x200d;
}

/** A Latin word no single face covers is set character by character, each from the face that has it. */
function splitUncovered(piece: Piece, primary: LoadedFace, ctx: UnitContext, weight: 'regular' | 'bold'): Piece[] {
  if (piece.cls !== 'latin' || [...piece.text].length < 2) return [piece];
  const cps = [...piece.text].map((c) => c.codePointAt(0)!);
  const covers = (f: LoadedFace) => cps.every((cp) => f.font.hasGlyphForCodePoint(cp));
  if (covers(primary)) return [piece];
  for (const face of ctx.faces.eachFallback(weight)) if (covers(face)) return [piece];
  const chars = [...piece.text];
  return chars.map((ch, k) => ({ text: ch, cls: 'latin' as const, cells: 0, ...(piece.breakAfter && k === chars.length - 1 ? { breakAfter: true } : {}) }));
}

/** The role's face when it has every character, else the first bundled fallback that has them all. */
function chooseFace(text: string, primary: LoadedFace, ctx: UnitContext, weight: 'regular' | 'bold'): LoadedFace {
  const cps = [...text].map((c) => c.codePointAt(0)!).filter((cp) => !isCombining(cp) && cp !== 0x20);
  if (cps.every((cp) => primary.font.hasGlyphForCodePoint(cp))) return primary;
  for (const face of ctx.faces.eachFallback(weight)) {
    if (cps.every((cp) => face.font.hasGlyphForCodePoint(cp))) return face;
  }
  for (const cp of cps) {
    const anywhere = [primary, ...ctx.faces.fallbacks(weight)].some((f) => f.font.hasGlyphForCodePoint(cp));
    if (!anywhere) ctx.missing.push({ char: String.fromCodePoint(cp), codePoint: cp, source: ctx.source });
  }
  return primary;
}
