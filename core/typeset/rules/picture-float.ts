/**
 * Floating a picture that does not fit at a page's foot (issue 12 point 3: pictures are never split, "moved to
 * the next page with the text flowing on, or the text before it filling the page"). A picture block (the image
 * with its 图注) that has no room left on a page goes to the top of the next page, and the text of the same
 * article that follows it flows up into the room it leaves, as Word's and LaTeX's top floats do (LaTeX's `[t]`
 * placement). The page's other rules hold unchanged (clreq #adjustments_of_orphans_and_widows: no first line
 * alone at the foot, no last line alone at a head; a heading kept with its text; every line on the 22-line grid
 * of GB/T 9704-2012 §5.2.3).
 *
 * Limits, as data (docs/layout-rules.md, Page breaking):
 * - a picture floats only to the top of the very next page, never further;
 * - a picture never floats past the end of its article: text flows up only from the same article, and the page
 *   ends before the article's 供稿 line or the next article's title (the picture then stands at the top of the
 *   next page, before them — the hole at the foot stays and the report says why);
 * - pictures keep their order: while one picture waits, the flow stops at the next picture (it is not passed);
 * - a picture kept with a heading before it (a heading and its picture) is not floated away from the heading.
 */

/** The limits and price of a floated picture. */
export const PICTURE_FLOAT = {
  /**
   * What a floated picture costs when a page's arrangements are compared (the page planner's line cost): below a
   * line set off the grid (rules/adjustment.ts offGridLine = 400), so a float is preferred to filling the page by
   * setting a paragraph off the grid, and above a cheap on-grid adjustment, which keeps the picture in its place.
   * A hole always costs more (10 000 a line).
   */
  cost: 300,
} as const;

/** The article a block belongs to (`articles[2].body[5]` → 2), undefined outside the articles. */
export function articleOf(source: string): number | undefined {
  const m = /^articles\[(\d+)\]/.exec(source);
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether text of block `source` may flow up past a picture of block `picture` waiting for the next page: the
 * same article's body only (not its 供稿 line, not another article or the 编者按).
 */
export function mayFlowPast(picture: string, source: string): boolean {
  const a = articleOf(picture);
  return a !== undefined && articleOf(source) === a && /\.body\[\d+\]$/.test(source);
}
