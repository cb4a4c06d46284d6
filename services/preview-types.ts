/** What a preview render returns: the PDF, its page count, the time taken and the characters no font has. */
export interface PreviewResult {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Milliseconds the worker spent. */
  readonly ms: number;
  /** Characters no font has (the preview still renders). */
  readonly missing: readonly { readonly char: string; readonly codePoint: number; readonly source: string }[];
}
