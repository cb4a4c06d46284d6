import type { LoadedFace } from '../../fonts/face-set.js';
import type { Cmyk } from '../../typeset/preset.js';
import { num, ptToMm } from './xml.js';

/**
 * Characters' positions in a TextCode (GB/T 33190-2016 §11.3, Table 45): OFD has no character spacing, so the
 * PDF's glyph advances plus character spacing (Tc) become DeltaX, the distance from each character to the
 * next, in millimetres. Advances come from the font's shaping as the PDF writer and the typesetter measure
 * them (fontkit layout, kerning included); a run that shaping merges (a ligature) falls back to each
 * character's own advance.
 */

/** The advance in points after each character of a text item (the last one included). */
export function advances(face: LoadedFace, text: string, size: number, charSpacing: number): number[] {
  const chars = [...text];
  const font = face.font;
  const scale = size / font.unitsPerEm;
  const run = font.layout(text);
  if (run.glyphs.length === chars.length) return run.positions.map((p) => p.xAdvance * scale + charSpacing);
  return chars.map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * scale + charSpacing);
}

/**
 * DeltaX of a TextCode: the gaps between consecutive characters (one fewer than the characters), in mm,
 * with runs of three or more equal gaps written as "g N gap" (§11.3 Table 46).
 */
export function deltaX(gaps: readonly number[]): string | undefined {
  if (!gaps.length) return undefined;
  const values = gaps.map((g) => num(ptToMm(g)));
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i]) j++;
    const n = j - i;
    if (n >= 3) parts.push(`g ${n} ${values[i]}`);
    else for (let k = i; k < j; k++) parts.push(values[k]!);
    i = j;
  }
  return parts.join(' ');
}

/**
 * A colour for an OFD reader: the CMYK of the layout converted to the document's default RGB colour space
 * (0–255 per component, §8.3.2), by the device-independent formula R = 255 (1 − C)(1 − K), and so on.
 */
export function rgbOf(color: Cmyk): string {
  const [c, m, y, k] = color.map((v) => v / 100) as [number, number, number, number];
  const ch = (v: number) => String(Math.round(255 * (1 - v) * (1 - k)));
  return `${ch(c)} ${ch(m)} ${ch(y)}`;
}
