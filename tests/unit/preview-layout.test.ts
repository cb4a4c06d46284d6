/**
 * The preview backend: glyphs where the PDF puts them (advances as shaped plus the text's character spacing),
 * outlines and pages sent once per session, page keys that change exactly when a page changes, the worker's
 * preview renderer in 'layout' mode (typeset without the layout report), and text items as the pages group them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { cmykToRgb } from '../../core/render/cmyk-rgb.js';
import { toPreviewLayout } from '../../core/render/preview-layout.js';
import { toTextItems } from '../../core/typeset/fragments.js';
import type { Unit } from '../../core/typeset/units.js';
import { createPreviewRenderer } from '../../services/export-worker-preview.js';
import { createTypesetter } from '../../services/typesetter.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const sample = (): BulletinDocument => readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;

describe('preview layout', () => {
  const typesetter = createTypesetter();
  const doc = sample();
  const defaultFace = typesetter.faces.face(doc.publication.fonts.hei, 'regular').key;

  it('places every glyph at the advance of the one before plus the character spacing, and sends outlines once', () => {
    const { layout } = typesetter.typeset(doc);
    const sent = new Set<string>();
    const sentPages = new Set<string>();
    const first = toPreviewLayout(layout, { faces: typesetter.faces.loaded(), draft: true, defaultFace, sent, sentPages });
    expect(first.pages).toHaveLength(layout.pages.length);
    expect(first.watermark?.text.text).toBe('样 稿');
    let checked = 0;
    first.pages.forEach((page, p) => {
      page.texts!.forEach((t, i) => {
        const item = layout.pages[p]!.texts[i]!;
        expect(t.xs[0]).toBeCloseTo(item.x, 2);
        const face = typesetter.faces.loaded().get(t.face)!;
        // Single Han characters: the preview's next glyph starts one advance plus Tc later, as in the PDF.
        if (/^[\u4e00-\u9fff]{2,}$/.test(item.text)) {
          const advance = typesetter.faces.width(face, [...item.text][0]!, item.size);
          expect(t.xs[1]! - t.xs[0]!).toBeCloseTo(advance + item.charSpacing, 2);
          checked++;
        }
        for (const gid of t.gids) expect(sent.has(`${t.face}\u0000${gid}`)).toBe(true);
      });
    });
    expect(checked).toBeGreaterThan(20);
    const outlines = Object.values(first.glyphs).reduce((n, f) => n + Object.keys(f.paths).length, 0);
    expect(outlines).toBeGreaterThan(300);
    for (const f of Object.values(first.glyphs)) for (const d of Object.values(f.paths).slice(0, 5)) expect(d).toMatch(/^M|^$/);

    // The same layout again in the same session: pages by key only, no outlines.
    const again = toPreviewLayout(layout, { faces: typesetter.faces.loaded(), draft: true, defaultFace, sent, sentPages });
    expect(again.pages.every((p) => p.texts === undefined)).toBe(true);
    expect(again.pages.map((p) => p.key)).toEqual(first.pages.map((p) => p.key));
    expect(Object.keys(again.glyphs)).toEqual([]);
  });

  it('a change on page 1 changes its key only; the worker renders layouts per session', async () => {
    const [note, ...rest] = doc.issue.editorNote;
    const text = note!.map((i) => i.text).join('');
    const edited: BulletinDocument = { ...doc, issue: { ...doc.issue, editorNote: [[{ text: '龘' + text.slice(1) }], ...rest] } };
    const preview = createPreviewRenderer(typesetter);
    const a = await preview.render(doc, { draft: false, mode: 'layout', session: 's1' });
    const b = await preview.render(edited, { draft: false, mode: 'layout', session: 's1' });
    if (a.kind !== 'layout' || b.kind !== 'layout') throw new Error('expected layouts');
    expect(b.layout.pages[0]!.key).not.toBe(a.layout.pages[0]!.key);
    expect(b.layout.pages[0]!.texts).toBeDefined();
    expect(b.layout.pages.slice(1).map((p) => p.key)).toEqual(a.layout.pages.slice(1).map((p) => p.key));
    expect(b.layout.pages.slice(1).every((p) => p.texts === undefined)).toBe(true);
    // Only the new character's outline travels.
    expect(Object.values(b.layout.glyphs).reduce((n, f) => n + Object.keys(f.paths).length, 0)).toBe(1);
    // Another session gets everything.
    const c = await preview.render(edited, { draft: false, mode: 'layout', session: 's2' });
    if (c.kind !== 'layout') throw new Error('expected a layout');
    expect(c.layout.pages.every((p) => p.texts !== undefined)).toBe(true);
  });

  it('with a view, sends the drawing data of the pages near it only; the others as key and text lines, asked for by key', async () => {
    // A long issue: the sample's articles four times over.
    const long: BulletinDocument = { ...doc, issue: { ...doc.issue, articles: Array(4).fill(doc.issue.articles).flat() } };
    const preview = createPreviewRenderer(typesetter);
    const full = await preview.render(long, { draft: false, mode: 'layout', session: 'w0' });
    const r = await preview.render(long, { draft: false, mode: 'layout', session: 'w1', view: { page: 6, count: 3 } });
    if (r.kind !== 'layout' || full.kind !== 'layout') throw new Error('expected layouts');
    const n = r.layout.pages.length;
    expect(n).toBeGreaterThan(10);
    expect(r.layout.pages.filter((p) => p.texts).map((p) => p.number)).toEqual([5, 6, 7]);
    // Every page's text lines come once, out of the window too, and read as the drawn texts do.
    for (const [i, p] of r.layout.pages.entries()) {
      expect(p.key).toBe(full.layout.pages[i]!.key);
      const drawn = full.layout.pages[i]!.texts!.map((t) => t.text).join('').replace(/\s+/g, '');
      expect(p.lines!.map((l) => l.text).join('')).toBe(drawn);
    }
    // A page scrolled to later: its drawing data by key, the same as a full render's, with its outlines.
    const asked = preview.pages('w1', [r.layout.pages[0]!.key, r.layout.pages[n - 1]!.key, 'no-such-key']);
    expect(asked.pages.map((p) => p.number)).toEqual([1, n]);
    expect(asked.pages[1]!.texts).toEqual(full.layout.pages[n - 1]!.texts);
    expect(Object.values(asked.glyphs).reduce((k, f) => k + Object.keys(f.paths).length, 0)).toBeGreaterThan(0);
    // The same layout again: keys only (lines and drawing data are in the session).
    const again = await preview.render(long, { draft: false, mode: 'layout', session: 'w1', view: { page: 1, count: 3 } });
    if (again.kind !== 'layout') throw new Error('expected a layout');
    expect(again.layout.pages.every((p) => !p.lines)).toBe(true);
    // The window is now pages 1–3: page 1's data was asked for already, 2 and 3 are new to the session.
    expect(again.layout.pages.filter((p) => p.texts).map((p) => p.number)).toEqual([2, 3]);
  });

  it('converts CMYK as pdf.js does: black is dark, the masthead red red, no ink white', () => {
    for (const c of cmykToRgb([0, 0, 0, 100])) expect(c).toBeLessThan(60);
    const [r, g, b] = cmykToRgb([0, 100, 100, 0]);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
    expect(cmykToRgb([0, 0, 0, 0])).toEqual([255, 255, 255]);
  });

  it('the live preview typesets without the layout report, to the same pages', () => {
    const full = typesetter.typeset(doc);
    const quick = typesetter.typeset(doc, { report: false });
    expect(full.report).toBeDefined();
    expect(quick.report).toBeUndefined();
    expect(quick.layout.pages).toEqual(full.layout.pages);
    // Every body text item names its paragraph (the tagged PDF's structure), page numbers none.
    const page = quick.layout.pages[1]!;
    expect(page.texts.filter((t) => t.source?.startsWith('articles[')).length).toBeGreaterThan(10);
    expect(page.texts.filter((t) => /^— \d+ —$/.test(t.text)).every((t) => t.source === undefined)).toBe(true);
  });

  it('text items: a character outside the BMP (a surrogate pair) is one character among evenly spaced ones', () => {
    const face = typesetter.faces.face(doc.publication.fonts.song, 'regular');
    const black = [0, 0, 0, 1];
    const unit = (text: string) => ({ text, cls: 'ideograph', face, size: 16, color: black, advance: 16, cells: 1 }) as unknown as Unit;
    const placements = ['代', '表', '𠀋', '家', 'ab', '访'].map((text, i) => ({ unit: unit(text), x: i * 17 }));
    const items = toTextItems(placements, { left: 10, baseline: 100, lastAlone: false, source: 'articles[0].body[1]' });
    // 代表𠀋家 share one item (one code point each, 1 pt apart); the word "ab" stands alone, then 访.
    expect(items.map((t) => t.text)).toEqual(['代表𠀋家', 'ab', '访']);
    expect(items[0]!.charSpacing).toBe(1);
    expect(items[1]!.charSpacing).toBe(0);
    expect(items.every((t) => t.source === 'articles[0].body[1]' && t.baseline === 100)).toBe(true);
    expect(toTextItems(placements, { left: 0, baseline: 0, lastAlone: false })[0]).not.toHaveProperty('source');
  });

});
