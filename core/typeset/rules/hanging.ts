import { marksWhere } from '../../text/punctuation-table.js';

/**
 * Hanging punctuation at a line's end (标点悬挂; docs/layout-rules.md, Line breaking). Source: clreq
 * #hanging_punctuation_marks_at_line_end — a pause or stop mark (点号: ，、。；：？！) that may not start a line
 * may instead hang past the end of the line before it, outside the type area: one mark at most, and only a
 * 点号, whose ink sits in the left half of its em box in Simplified Chinese fonts. It is "an extension of the
 * prohibition rules at line start" that "avoids moving characters ... between lines and inconsistency of space
 * between the characters in different lines": the line keeps its 28 characters on the grid of GB/T 9704-2012
 * §5.2.3. Many publications do not hang marks; 公文 set in Word or WPS do (段落 → 中文版式 → 允许标点溢出边界),
 * so it is a setting of the layout preset (`hangingPunctuation`), on in both presets.
 *
 * The marks come from the punctuation table (core/text/punctuation-table.ts): the full-width pause and stop
 * marks.
 */
export const HANGING_MARKS: ReadonlySet<string> = marksWhere((m) => m.width === 'full' && (m.cls === 'pause' || m.cls === 'end'));

/** Whether a unit's text is a mark that may hang past a line's end. */
export function mayHang(text: string): boolean {
  return HANGING_MARKS.has(text);
}
