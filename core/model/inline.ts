/**
 * Inline text: a run of characters with the one emphasis the bulletin uses (bold).
 * Text is stored exactly as it should print; numbering is never stored in it.
 */
export interface Inline {
  readonly text: string;
  readonly bold?: boolean;
}

/** The plain text of a list of inlines. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => i.text).join('');
}

/** A single unstyled inline list, or an empty list for empty text. */
export function plain(text: string): Inline[] {
  return text ? [{ text }] : [];
}

/**
 * The canonical form of an inline list: empty runs dropped, neighbouring runs of the same weight merged, `bold`
 * present only when true. The editor reads inlines back in this form (renderer/editor/convert.ts).
 */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (!inline.text) continue;
    const bold = inline.bold === true;
    const last = out[out.length - 1];
    const same = last !== undefined && (last.bold === true) === bold;
    const text = same ? last.text + inline.text : inline.text;
    const run: Inline = bold ? { text, bold } : { text };
    if (same) out[out.length - 1] = run;
    else out.push(run);
  }
  return out;
}

/** The inlines from character offset `from` (UTF-16) to `to` (default: the end), normalized; the input is not changed. */
export function sliceInlines(inlines: readonly Inline[], from: number, to = Infinity): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const inline of inlines) {
    const start = at;
    const end = at + inline.text.length;
    at = end;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) out.push({ ...inline, text: inline.text.slice(a - start, b - start) });
  }
  return normalizeInlines(out);
}
