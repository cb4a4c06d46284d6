import * as fontkit from 'fontkit';
import type { GlyfSource } from './sfnt.js';
import type { FontChoice } from '../model/profile.js';
import { FALLBACK_FAMILIES, type FontFace, type FontLibrary, type Weight } from './font-library.js';

/** A font face parsed once and measured many times. */
export interface LoadedFace {
  readonly key: string;
  /** The font's tables (without its glyph data when `glyf` is given, see FontFace). */
  readonly bytes: Uint8Array;
  /** The glyf table read from the file on demand (FontFace.glyf). */
  readonly glyf?: GlyfSource;
  /** fontkit's reading of `bytes`: shaping, metrics and the character map; never its glyph outlines when `glyf` is set. */
  readonly font: fontkit.Font;
  /** hhea ascent in em: where pdfkit puts the baseline below a text's top. */
  readonly ascent: number;
}

/**
 * The fonts of a typesetting session: faces parsed once, widths measured once per text and size.
 * Hold one per process (the app's export worker, the command line) and pass it to every export.
 */
export class FaceSet {
  private readonly faces = new Map<string, LoadedFace>();
  private readonly widths = new Map<string, Map<string, number>>();
  private readonly fallbackFaces = new Map<Weight, LoadedFace[]>();

  constructor(private readonly library: FontLibrary) {}

  /** The face for a role's font choice at a weight. */
  face(choice: FontChoice, weight: Weight): LoadedFace {
    return this.load(this.library.face(choice, weight));
  }

  /** The bundled fallback faces, in the order they are tried. */
  fallbacks(weight: Weight): LoadedFace[] {
    return [...this.eachFallback(weight)];
  }

  /**
   * The bundled fallback faces in the order they are tried, each loaded only when the caller gets to it: a
   * document its roles' fonts cover never reads a fallback font file. Found once per weight and family (this is
   * asked for per character).
   */
  *eachFallback(weight: Weight): Generator<LoadedFace> {
    let known = this.fallbackFaces.get(weight);
    if (!known) {
      known = [];
      this.fallbackFaces.set(weight, known);
    }
    for (let i = 0; i < FALLBACK_FAMILIES.length; i++) {
      known[i] ??= this.face({ kind: 'bundled', family: FALLBACK_FAMILIES[i]! }, weight);
      yield known[i]!;
    }
  }

  /** Advance width in points of a text set in a face at a size, with the font's default shaping. */
  width(face: LoadedFace, text: string, size: number): number {
    let perFace = this.widths.get(face.key);
    if (!perFace) {
      perFace = new Map();
      this.widths.set(face.key, perFace);
    }
    let units = perFace.get(text);
    if (units === undefined) {
      units = face.font.layout(text).advanceWidth / face.font.unitsPerEm;
      perFace.set(text, units);
    }
    return units * size;
  }

  /** Every face loaded so far, by key. */
  loaded(): ReadonlyMap<string, LoadedFace> {
    return this.faces;
  }

  private load(face: FontFace): LoadedFace {
    const known = this.faces.get(face.key);
    if (known) return known;
    let font: fontkit.Font;
    try {
      font = fontkit.create(face.bytes);
    } catch (e) {
      throw new Error(`无法读取字体 ${face.key}：${(e as Error).message}`);
    }
    if (typeof font.layout !== 'function') throw new Error(`字体 ${face.key} 是字体集合（TTC），请选择单个字体文件`);
    const loaded: LoadedFace = { key: face.key, bytes: face.bytes, ...(face.glyf ? { glyf: face.glyf } : {}), font, ascent: font.ascent / font.unitsPerEm };
    this.faces.set(face.key, loaded);
    return loaded;
  }
}
