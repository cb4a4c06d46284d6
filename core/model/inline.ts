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
