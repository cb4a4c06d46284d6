/**
 * A picture without room at a page's foot floats to the top of the next page and its article's text flows up
 * into the room (core/typeset/rules/picture-float.ts, core/typeset/page-plan.ts), on blocks of synthetic lines:
 * no hole of more than a line, the picture at the next page's top, the text after it filling the page before;
 * never past its article's end; pictures in order; the page-break rules kept on random flows. Then the named test
 * issue (tests/helpers/layout-issues.ts pictureFootIssue) typeset with the real fonts, and the report's wording.
 */
import { describe, expect, it } from 'vitest';
import type { PictureImage } from '../../core/model/issue.js';
import { FaceSet } from '../../core/fonts/face-set.js';
import { createFontFiles } from '../../services/font-files.js';
import { describeLayout } from '../../core/typeset/layout-report.js';
import type { Line } from '../../core/typeset/lines.js';
import { planPages, type BlockVariants, type PagePlan, type Slot } from '../../core/typeset/page-plan.js';
import { STANDARD } from '../../core/typeset/preset.js';
import type { StyledBlock } from '../../core/typeset/styled.js';
import { typeset } from '../../core/typeset/typeset.js';
import { pictureFootIssue } from '../helpers/layout-issues.js';

const preset = { ...STANDARD, mastheadLines: 0 };
const lines = (n: number): Line[] => Array.from({ length: n }, (_, i) => ({ placements: [], last: i === n - 1 }));
const IMAGE: PictureImage = { format: 'jpeg', width: 1200, height: 900, data: '' } as unknown as PictureImage;
const block = (kind: StyledBlock['kind'], source: string): StyledBlock => ({
  kind, runs: [], align: 'justify', firstIndent: 2, rightIndent: 0, spaceBefore: 0, spaceAfter: 0,
  keepWithNext: kind === 'heading' || kind === 'title', source,
  ...(kind === 'picture' ? { picture: IMAGE } : {}),
});
const para = (source: string, n: number, v: { loose?: boolean; tight?: boolean } = {}): BlockVariants => ({
  block: block('paragraph', source),
  lines: lines(n),
  ...(v.tight ? { tight: { count: n - 1, lines: lines(n - 1), cost: 200 } } : {}),
  ...(v.loose ? { loose: { count: n + 1, lines: lines(n + 1), cost: 200 } } : {}),
});
const picture = (source: string, n: number): BlockVariants => ({ block: block('picture', source), lines: lines(n) });
const title = (source: string): BlockVariants => ({ block: block('title', source), lines: lines(1) });
const heading = (source: string): BlockVariants => ({ block: block('heading', source), lines: lines(1) });

const on = (plan: PagePlan, source: string): Slot[] => plan.slots.filter((s) => s.block.source === source);
const body = (a: number, b: number) => `articles[${a}].body[${b}]`;

/** The rules every page but the last keeps (as in page-plan.test.ts), plus: a picture whole on one page. */
function violations(blocks: readonly BlockVariants[], slots: readonly Slot[]): string[] {
  const out: string[] = [];
  const pages = Math.max(...slots.map((s) => s.page)) + 1;
  for (let p = 0; p < pages; p++) {
    const here = slots.filter((s) => s.page === p).sort((a, b) => a.slot - b.slot);
    const foot = here[here.length - 1];
    const head = here[0];
    if (p < pages - 1 && foot) {
      if (foot.block.kind === 'heading' || foot.block.kind === 'title') out.push(`p${p + 1} ends with a heading`);
      const sameFoot = here.filter((s) => s.index === foot.index).length;
      if (!foot.line.last && sameFoot === 1 && !slots.some((s) => s.index === foot.index && s.page < p)) out.push(`p${p + 1} orphan`);
    }
    if (p > 0 && head) {
      // The first text line of the page (a floated picture may stand above it).
      const text = here.find((s) => !s.block.picture);
      if (text && text.line.last && here.filter((s) => s.index === text.index).length === 1 && slots.some((s) => s.index === text.index && s.page < p)) {
        out.push(`p${p + 1} widow`);
      }
    }
    // Slots on a page strictly increase (nothing printed over anything).
    here.forEach((s, k) => k > 0 && s.slot <= here[k - 1]!.slot && out.push(`p${p + 1} overlap at ${s.slot}`));
  }
  blocks.forEach((v, b) => {
    if (!v.block.picture) return;
    const pagesOf = new Set(slots.filter((s) => s.index === b).map((s) => s.page));
    if (pagesOf.size !== 1) out.push(`picture ${v.block.source} split`);
  });
  return out;
}

describe('a picture floated to the next page', () => {
  it('goes to the top of the next page and the text after it fills the page before (no hole over one line)', () => {
    // 15 lines, a picture of 8 (image and 图注), then 10 and 10 lines of the same article.
    const blocks = [para(body(0, 0), 15), picture(body(0, 1), 8), para(body(0, 2), 10), para(body(0, 3), 10)];
    const kept = planPages(blocks, preset, { float: false });
    expect(kept.holes[0]).toBe(7); // today's flow: the picture moves, 7 lines stay empty
    const plan = planPages(blocks, preset);
    expect(plan.holes[0]).toBeLessThanOrEqual(1);
    expect(plan.holes[0]).toBe(0);
    const pic = on(plan, body(0, 1));
    expect(pic.map((s) => [s.page, s.slot])).toEqual(Array.from({ length: 8 }, (_, k) => [1, k]));
    // The text after the picture fills page 1 (slots 15–21) and goes on below the picture on page 2.
    const after = on(plan, body(0, 2));
    expect(after.filter((s) => s.page === 0).map((s) => s.slot)).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(after.filter((s) => s.page === 1).map((s) => s.slot)).toEqual([8, 9, 10]);
    expect(plan.floats).toEqual([{ index: 1, page: 0 }]);
    expect(violations(blocks, plan.slots)).toEqual([]);
  });

  it('keeps the page-break rules in the text that flows up: no orphan at the foot, no widow under the picture', () => {
    // 15 + picture 8: 7 lines of room; the next paragraph has 8 lines, so 7 would leave its last line alone.
    const blocks = [para(body(0, 0), 15), picture(body(0, 1), 8), para(body(0, 2), 8), para(body(0, 3), 10)];
    const plan = planPages(blocks, preset);
    expect(violations(blocks, plan.slots)).toEqual([]);
    expect(on(plan, body(0, 2)).filter((s) => s.page === 1).length).toBeGreaterThanOrEqual(2);
    expect(plan.holes[0]).toBeLessThanOrEqual(1);
  });

  it('does not float a picture past the end of its article: it stands before the next article title', () => {
    const blocks = [para(body(0, 0), 15), picture(body(0, 1), 8), para(body(0, 2), 3), title('articles[1].title'), para(body(1, 0), 10)];
    const plan = planPages(blocks, preset);
    const pic = on(plan, body(0, 1));
    const head = on(plan, 'articles[1].title')[0]!;
    expect(pic[0]!.page).toBe(1);
    expect(pic[0]!.slot).toBe(0);
    expect(head.page).toBe(1);
    expect(head.slot).toBeGreaterThan(pic[pic.length - 1]!.slot);
    // The three lines of its own article moved up; the rest of the page stays empty (reported).
    expect(on(plan, body(0, 2)).every((s) => s.page === 0)).toBe(true);
    expect(plan.holes[0]).toBe(4);
    expect(violations(blocks, plan.slots)).toEqual([]);
  });

  it('keeps pictures in order: the flow stops at a second picture while one waits', () => {
    const blocks = [para(body(0, 0), 15), picture(body(0, 1), 8), para(body(0, 2), 2), picture(body(0, 3), 3), para(body(0, 4), 12)];
    const plan = planPages(blocks, preset);
    const first = on(plan, body(0, 1));
    const second = on(plan, body(0, 3));
    expect(first[0]!.page).toBe(1);
    expect(second[0]!.page * 100 + second[0]!.slot).toBeGreaterThan(first[first.length - 1]!.page * 100 + first[first.length - 1]!.slot);
    expect(violations(blocks, plan.slots)).toEqual([]);
  });

  it('does not float a picture away from the heading kept with it', () => {
    const blocks = [para(body(0, 0), 15), para(body(0, 1), 3), heading(body(0, 2)), picture(body(0, 3), 8), para(body(0, 4), 10)];
    const plan = planPages(blocks, preset);
    const h = on(plan, body(0, 2))[0]!;
    const pic = on(plan, body(0, 3));
    expect(pic[0]!.page).toBe(h.page);
    expect(pic[0]!.slot).toBe(h.slot + 1);
    expect(plan.floats).toEqual([]);
  });

  it('prefers a cheap on-grid adjustment that keeps the picture in place to a float', () => {
    // One line short of room for the picture: tightening the paragraph before it (cost 200, on the grid) makes
    // the room, and fills the page as well as the float would (cost 300).
    const blocks = [para(body(0, 0), 14, { tight: true }), picture(body(0, 1), 9), para(body(0, 2), 10)];
    const plan = planPages(blocks, preset);
    expect(plan.holes[0]).toBe(0);
    expect(plan.choices[0]).toBe('tight');
    expect(plan.floats).toEqual([]);
  });

  it('keeps the rules on random flows with pictures, and leaves fewer empty lines than keeping pictures in place', () => {
    let seed = 12;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let floated = 0;
    let kept = 0;
    for (let t = 0; t < 60; t++) {
      const blocks: BlockVariants[] = [];
      let article = 0;
      let n = 0;
      for (let k = 0; k < 14; k++) {
        const r = rnd();
        if (r < 0.06 && k > 0) {
          article++;
          n = 0;
          blocks.push(title(`articles[${article}].title`));
        } else if (r < 0.3) blocks.push(picture(body(article, n++), 4 + Math.floor(rnd() * 12)));
        else if (r < 0.38) blocks.push(heading(body(article, n++)));
        else {
          // After a heading at least four lines: a heading kept with a three-line paragraph can still end a page
          // (page-plan.ts keptLines counts two lines; a known gap of the plain flow, not of floats).
          const min = blocks[blocks.length - 1]?.block.kind === 'heading' ? 4 : 1;
          blocks.push(para(body(article, n++), min + Math.floor(rnd() * (13 - min)), { loose: rnd() < 0.3 }));
        }
      }
      if (blocks[blocks.length - 1]!.block.kind === 'heading') blocks.push(para(body(article, n++), 4));
      const plan = planPages(blocks, preset);
      expect(violations(blocks, plan.slots), `flow ${t}`).toEqual([]);
      // Every line placed once; pictures in order; none past its article's title.
      const placed = blocks.reduce((a, v, b) => a + (v.loose && plan.choices[b] === 'loose' ? v.loose.count : v.lines.length), 0);
      expect(plan.slots.length).toBe(placed);
      const where = (b: number) => {
        const s = plan.slots.find((x) => x.index === b)!;
        return s.page * 100 + s.slot;
      };
      const pics = blocks.flatMap((v, b) => (v.block.picture ? [b] : []));
      for (let k = 1; k < pics.length; k++) expect(where(pics[k]!)).toBeGreaterThan(where(pics[k - 1]!));
      for (const p of pics) {
        const nextTitle = blocks.findIndex((v, b) => b > p && v.block.kind === 'title');
        if (nextTitle >= 0) expect(where(nextTitle)).toBeGreaterThan(where(p));
      }
      floated += plan.holes.reduce((a, h) => a + h, 0);
      kept += planPages(blocks, preset, { float: false }).holes.reduce((a, h) => a + h, 0);
    }
    expect(floated).toBeLessThan(kept);
  });
});

describe('the named test issue with a picture near a page foot', () => {
  const faces = new FaceSet(createFontFiles());
  it('floats the picture, fills the page before, and the report says so', () => {
    const doc = pictureFootIssue();
    const before = typeset(doc, { faces, floatPictures: false }).report!;
    const after = typeset(doc, { faces });
    const report = after.report!;
    expect(before.largestHole).toBeGreaterThan(1);
    expect(report.largestHole).toBeLessThanOrEqual(1);
    expect(report.widows).toEqual([]);
    expect(report.orphans).toEqual([]);
    expect(report.headingsAtFoot).toEqual([]);
    const floatedPage = report.pages.find((p) => p.floated);
    expect(floatedPage?.floated).toBe('articles[0].body[3]');
    // The picture stands at the top of the next page.
    const images = after.layout.pages[floatedPage!.page]!.images ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]!.y).toBeCloseTo(after.preset.top, 6);
    expect(describeLayout(report).join('\n')).toContain(`第${floatedPage!.page}页：22/22行，图片（第1篇第4段）移至下页顶端，其后文字上移补足本页`);
  });
});
