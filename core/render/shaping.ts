import type { LoadedFace } from '../fonts/face-set.js';

/** One glyph of a shaped text. */
export interface ShapedGlyph {
  readonly gid: number;
  /** Advance in font units after shaping (kerning included). */
  readonly advance: number;
  /** The text it stands for (ToUnicode). */
  readonly text: string;
}

const runs = new WeakMap<LoadedFace, Map<string, readonly ShapedGlyph[]>>();
const LIMIT = 20000;

/**
 * The glyphs of a text as fontkit lays it out — the call FaceSet.width measures with, so the PDF's and the
 * preview's advances are the typesetter's: ligatures and contextual forms (e.g. a joined ——) and kerning
 * included. Remembered per face and text (a page that did not change costs lookups).
 */
export function shapeText(face: LoadedFace, text: string): readonly ShapedGlyph[] {
  let perFace = runs.get(face);
  if (!perFace) {
    perFace = new Map();
    runs.set(face, perFace);
  }
  let run = perFace.get(text);
  if (!run) {
    const laid = face.font.layout(text);
    run = laid.glyphs.map((g, i) => ({
      gid: g.id,
      advance: laid.positions[i]!.xAdvance,
      text: g.codePoints.length ? String.fromCodePoint(...g.codePoints) : '',
    }));
    if (perFace.size >= LIMIT) perFace.clear();
    perFace.set(text, run);
  }
  return run;
}
