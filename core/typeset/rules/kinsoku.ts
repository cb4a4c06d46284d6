import { marksWhere } from '../../text/punctuation-table.js';

/**
 * Line-start and line-end prohibitions (禁则), clreq #prohibition_rules_for_line_start_end, basic level: the
 * characters in each set never begin (or end) a line. Both sets come from the punctuation table
 * (core/text/punctuation-table.ts); docs/layout-rules.md, "Line breaking".
 */

/** Never at the start of a line: closing punctuation, pause and stop marks, the interpunct, halves of ——/……. */
export const NOT_AT_LINE_START: ReadonlySet<string> = marksWhere((m) => m.notAtLineStart);

/** Never at the end of a line: opening quotes and brackets. */
export const NOT_AT_LINE_END: ReadonlySet<string> = marksWhere((m) => m.notAtLineEnd);

/** Whether a line may end after `before` and the next begin with `after` (first/last characters). */
export function canBreakBetween(before: string, after: string): boolean {
  const last = lastChar(before);
  const first = firstChar(after);
  return !NOT_AT_LINE_END.has(last) && !NOT_AT_LINE_START.has(first);
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0) ?? 0);
}

function lastChar(s: string): string {
  const chars = [...s];
  return chars[chars.length - 1] ?? '';
}
