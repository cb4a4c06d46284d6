/**
 * The lines a typeset issue sets on each page, as plain text: the text items of a page grouped by baseline and
 * read left to right. Used by the line snapshot test (tests/unit/line-snapshot.test.ts) to hold the layout of
 * the sample and the test issues still while code moves around it.
 */
import type { PageLayout } from '../../core/typeset/page-layout.js';

/** Every page's lines, top to bottom, each line's text items joined left to right. */
export function pageLines(layout: PageLayout): string[][] {
  return layout.pages.map((page) => {
    const byBaseline = new Map<number, { x: number; text: string }[]>();
    for (const item of page.texts) {
      const key = Math.round(item.baseline * 10) / 10;
      const line = byBaseline.get(key) ?? [];
      line.push({ x: item.x, text: item.text });
      byBaseline.set(key, line);
    }
    return [...byBaseline.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, items]) =>
        items
          .sort((a, b) => a.x - b.x)
          .map((i) => i.text)
          .join(''),
      );
  });
}
