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
 * The canonical form of an inline list, the form the editor reads back: empty runs dropped, neighbouring runs
 * of the same weight merged, `bold` present only when true.
 */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (!inline.text) continue;
    const bold = inline.bold === true;
    const last = out[out.length - 1];
    const text = last && (last.bold === true) === bold ? last.text + inline.text : inline.text;
    const run: Inline = bold ? { text, bold } : { text };
    if (last && (last.bold === true) === bold) out[out.length - 1] = run;
    else out.push(run);
  }
  return out;
}
