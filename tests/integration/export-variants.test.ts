/**
 * Synthetic issues in the shape of the sample (tests/fixtures/*.txt) exported and read back: the layout rules
 * of export-sample.test.ts on each, then the compact preset, a user font file, and known defects.
 *
 *  - lianluo-2021-11-headings.txt: standalone 一、 and （一） headings, run-in 1. headings.
 *  - lianluo-2021-12-two-articles.txt: two articles, each with its contributor; 𠮷 (U+20BB7) in the text.
 *  - lianluo-2021-14-long.txt: three articles over 6+ pages; Latin words, digits, percentages, —— and …….
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { presetByName } from '../../core/typeset/preset.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import {
  BODY_KINDS,
  cellCounts,
  exportAndRead,
  flushRightViolations,
  geometry,
  gridReport,
  hanRoundTrip,
  leftEdgeViolations,
  matchRecords,
  PAGE_NUMBER,
  pageNumberViolations,
  prohibitionViolations,
  shortLastLineViolations,
  titleViolations,
  squeeze,
  unmatched,
  widowOrphanViolations,
  type Exported,
} from '../helpers/layout-checks.js';
import { lineLeft, lineRight, lineText, pdffonts, toUnicodeTargets } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => resolve(here, '../fixtures', name);
const SAMPLE_PATH = SAMPLE_FILE;
const require = createRequire(import.meta.url);
const NOTO_SANS_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const NOTO_SANS_TTF = join(NOTO_SANS_DIR, '400Regular/NotoSansSC_400Regular.ttf');
/** A weight no bundled family uses, so that pdfkit cannot share it with a bundled font. */
const NOTO_SANS_MEDIUM_TTF = join(NOTO_SANS_DIR, '500Medium/NotoSansSC_500Medium.ttf');

const FIXTURES = [
  { name: 'lianluo-2021-11-headings.txt', minPages: 4 },
  { name: 'lianluo-2021-12-two-articles.txt', minPages: 3 },
  { name: 'lianluo-2021-14-long.txt', minPages: 6 },
] as const;

const JI = '\u{20BB7}'; // 𠮷

let dir: string;
let typesetter: Typesetter;
const docs = new Map<string, BulletinDocument>();
const texts = new Map<string, string>();
const standard = new Map<string, Exported>();
let longCompact: Exported;
let sampleCompact: Exported;
let userFont: Exported;
let userFontPath: string;
let userMedium: Exported;

function load(path: string): BulletinDocument {
  return readInput(readFileSync(path), { name: path }).document;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-variants-'));
  typesetter = createTypesetter();
  for (const { name } of FIXTURES) {
    texts.set(name, readFileSync(fixture(name), 'utf8'));
    docs.set(name, load(fixture(name)));
    const fonts = name !== 'lianluo-2021-14-long.txt'; // font names where a test looks at them
    standard.set(name, await exportAndRead(typesetter, docs.get(name)!, {}, dir, name.replace('.txt', '.pdf'), { fonts }));
  }
  const compact = presetByName('compact');
  longCompact = await exportAndRead(typesetter, docs.get('lianluo-2021-14-long.txt')!, { preset: compact }, dir, 'long-compact.pdf');
  sampleCompact = await exportAndRead(typesetter, load(SAMPLE_PATH), { preset: compact }, dir, 'sample-compact.pdf');

  // A role pointed at a font file of the user's: Noto Sans SC copied to a folder of ours, for body text.
  userFontPath = join(dir, 'MyBodyFont.ttf');
  copyFileSync(NOTO_SANS_TTF, userFontPath);
  const base = docs.get('lianluo-2021-11-headings.txt')!;
  const withFont: BulletinDocument = {
    ...base,
    publication: { ...base.publication, fonts: { ...base.publication.fonts, body: { kind: 'file', path: userFontPath } } },
  };
  userFont = await exportAndRead(typesetter, withFont, {}, dir, 'user-font.pdf', { fonts: true });
  const mediumPath = join(dir, 'MyMediumFont.ttf');
  copyFileSync(NOTO_SANS_MEDIUM_TTF, mediumPath);
  const withMedium: BulletinDocument = {
    ...base,
    publication: { ...base.publication, fonts: { ...base.publication.fonts, body: { kind: 'file', path: mediumPath } } },
  };
  userMedium = await exportAndRead(typesetter, withMedium, {}, dir, 'user-medium.pdf', { fonts: true });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(FIXTURES)('$name: layout rules', ({ name, minPages }) => {
  const ex = () => standard.get(name)!;

  it(`has at least ${minPages} A4 pages with embedded subset fonts`, () => {
    expect(ex().pages.length).toBeGreaterThanOrEqual(minPages);
    for (const p of ex().pages) {
      expect(Math.abs(p.width - 595.28)).toBeLessThan(0.5);
      expect(Math.abs(p.height - 841.89)).toBeLessThan(0.5);
    }
    for (const f of pdffonts(ex().path)) {
      expect(f, f.name).toMatchObject({ emb: true, sub: true, uni: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('gives back at least 99.9 % of the input’s Han characters, in order', () => {
    const r = hanRoundTrip(texts.get(name)!, ex().pages);
    expect(r.input).toBeGreaterThan(1000);
    expect(r.ratio, `${r.found} of ${r.input}`).toBeGreaterThanOrEqual(0.999);
  });

  it('finds every body line of the layout in the PDF', () => {
    expect(unmatched(ex())).toEqual([]);
    expect(matchRecords(ex(), BODY_KINDS).length).toBeGreaterThan(40);
  });

  it('sets non-final body lines flush right, first lines indented two cells', () => {
    expect(flushRightViolations(ex())).toEqual([]);
    expect(leftEdgeViolations(ex())).toEqual([]);
  });

  it('breaks no line before a closing mark or after an opening one', () => {
    expect(prohibitionViolations(ex().lines)).toEqual([]);
  });

  it('fills at least 90 % of the full lines with 28 characters, and every other line for a reason', () => {
    const c = cellCounts(ex());
    expect(c.eligible).toBeGreaterThan(30);
    expect(c.exact / c.eligible, c.off.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(c.outliers).toEqual([]);
    expect(c.unexplained).toEqual([]);
  });

  it('holds 22 evenly spaced grid lines on a full page, never more', () => {
    const g = gridReport(ex());
    expect(Math.max(...g.perPage)).toBeLessThanOrEqual(22);
    const middle = g.fullPages.filter((p) => p !== 1 && p !== ex().pages.length);
    expect(middle.length, `lines per page: ${g.perPage.join(', ')}`).toBeGreaterThanOrEqual(1);
    expect(g.spacing).toEqual([]);
    expect(g.phase).toEqual([]);
  });

  it('numbers every page and leaves no widow, orphan or stranded heading', () => {
    expect(pageNumberViolations(ex())).toEqual([]);
    expect(widowOrphanViolations(ex().layout)).toEqual([]);
  });

  it('centres and balances titles, and ends no paragraph with a one-character line', () => {
    expect(titleViolations(ex())).toEqual([]);
    expect(shortLastLineViolations(ex())).toEqual([]);
  });
});

describe('lianluo-2021-11-headings.txt: heading levels', () => {
  const ex = () => standard.get('lianluo-2021-11-headings.txt')!;
  const find = (start: string) => {
    for (const page of ex().lines) for (const l of page) if (squeeze(lineText(l)).startsWith(start)) return l;
    throw new Error(`no line starting with ${start}`);
  };
  const fontsOf = (start: string) => [...new Set(find(start).items.filter((i) => i.str.trim()).map((i) => i.font))];

  it('imports standalone and run-in headings of three levels', () => {
    const body = docs.get('lianluo-2021-11-headings.txt')!.issue.articles[0]!.body;
    const levels = body.flatMap((b) => (b.type === 'heading' ? [`${b.level}${b.body ? ' run-in' : ''}`] : []));
    expect(new Set(levels)).toEqual(new Set(['1', '2', '3 run-in']));
    expect(ex().layout.pages.flatMap((p) => p.lines).filter((r) => r.kind === 'heading').length).toBe(7);
  });

  it('sets 一、 in 黑体, （一） in 楷体 and 1. in bold body type, each on the grid', () => {
    expect(squeeze(lineText(find('一、')))).toBe('一、基本情况');
    expect(fontsOf('一、基本情况')).toEqual([expect.stringMatching(/\+NotoSansSC-Regular$/)]);
    expect(squeeze(lineText(find('（一）')))).toBe('（一）健全工作制度');
    expect(fontsOf('（一）健全工作制度')).toEqual([expect.stringMatching(/\+LXGWWenKai-Regular$/)]);
    const runIn = find('1.完善接待制度。');
    expect(runIn.items[0]!.font).toMatch(/\+NotoSerifSC-Bold$/);
    expect(runIn.items.at(-1)!.font).toMatch(/\+NotoSerifSC-Regular$/);
  });
});

describe('lianluo-2021-12-two-articles.txt: two articles and a rare character', () => {
  const ex = () => standard.get('lianluo-2021-12-two-articles.txt')!;
  const all = () => ex().lines.flat();

  it('sets each article’s title and its contributor line, right-aligned two cells in', () => {
    const titles = ex().layout.pages.flatMap((p) => p.lines).filter((r) => r.kind === 'title');
    expect(new Set(titles.map((t) => t.source))).toEqual(new Set(['articles[0].title', 'articles[1].title']));
    const { right, cell } = geometry(ex().preset);
    for (const who of ['（常德市人大常委会供稿）', '（岳阳县人大常委会供稿）']) {
      const line = all().find((l) => squeeze(lineText(l)) === who);
      expect(line, who).toBeDefined();
      expect(Math.abs(lineRight(line!) - (right - 2 * cell))).toBeLessThan(0.5);
    }
  });

  it('prints 𠮷 (U+20BB7), which the body font lacks, from the LXGW WenKai fallback', () => {
    const faces = typesetter.faces;
    expect(faces.face({ kind: 'bundled', family: 'noto-serif-sc' }, 'regular').font.hasGlyphForCodePoint(0x20bb7)).toBe(false);
    expect(faces.face({ kind: 'bundled', family: 'noto-sans-sc' }, 'regular').font.hasGlyphForCodePoint(0x20bb7)).toBe(false);
    const text = ex().pages.map((p) => p.items.map((i) => i.str).join('')).join('');
    const inInput = [...texts.get('lianluo-2021-12-two-articles.txt')!].filter((c) => c === JI).length;
    expect(inInput).toBe(2);
    expect([...text].filter((c) => c === JI)).toHaveLength(inInput);
    const items = ex().pages.flatMap((p) => p.items).filter((i) => i.str.includes(JI));
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.font).toMatch(/\+LXGWWenKai-Regular$/);
    expect(toUnicodeTargets(ex().bytes).has(0x20bb7)).toBe(true);
  });
});

describe('lianluo-2021-14-long.txt: Latin, digits, dashes and ellipses', () => {
  const ex = () => standard.get('lianluo-2021-14-long.txt')!;

  it('keeps Latin words, numbers and percentages, —— and …… in the text', () => {
    const text = squeeze(ex().lines.map((p) => p.map(lineText).join('')).join(''));
    for (const s of ['GDP增长8.5%', '2021年', '96.5%', 'App', '——“学习', '真方便……”', '三百余万元……']) expect(text).toContain(s);
  });

  it('never splits —— or …… across lines', () => {
    for (const page of ex().lines) {
      for (const l of page) {
        const t = squeeze(lineText(l));
        if (PAGE_NUMBER.test(t)) continue;
        expect(t, t).not.toMatch(/^[—…]|(^|[^—])—$|(^|[^…])…$/u);
      }
    }
  });
});

describe('compact preset (14 pt, 26 lines × 31 characters)', () => {
  const long = () => standard.get('lianluo-2021-14-long.txt')!;

  it('uses the compact grid', () => {
    expect(longCompact.preset.name).toBe('compact');
    expect(longCompact.preset.linesPerPage).toBe(26);
    expect(longCompact.preset.charsPerLine).toBe(31);
    expect(geometry(longCompact.preset).pitch).toBeCloseTo(637.8 / 26, 2);
  });

  it('takes fewer pages than the standard preset on the long issue', () => {
    expect(longCompact.pages.length).toBeLessThan(long().pages.length);
  });

  it('holds more lines per page: up to 26 on the grid, 26 on a full page', () => {
    const g = gridReport(longCompact);
    expect(Math.max(...g.perPage)).toBeLessThanOrEqual(26);
    expect(Math.max(...g.perPage)).toBeGreaterThan(22);
    expect(g.phase).toEqual([]);
    const s = gridReport(sampleCompact);
    expect(s.fullPages.length, `sample lines per page: ${s.perPage.join(', ')}`).toBeGreaterThanOrEqual(1);
    expect(s.spacing).toEqual([]);
  });

  it('holds 31 characters on most full lines, and every other line for a reason', () => {
    for (const ex of [longCompact, sampleCompact]) {
      const c = cellCounts(ex);
      expect(c.eligible).toBeGreaterThan(30);
      expect(c.exact / c.eligible, c.off.join('\n')).toBeGreaterThanOrEqual(0.85);
      expect(c.outliers).toEqual([]);
      expect(c.unexplained).toEqual([]);
    }
  });

  it('keeps the line-breaking rules and the page numbers', () => {
    for (const ex of [longCompact, sampleCompact]) {
      expect(prohibitionViolations(ex.lines)).toEqual([]);
      expect(pageNumberViolations(ex)).toEqual([]);
      expect(widowOrphanViolations(ex.layout)).toEqual([]);
      // Measured by the cells of line-end and line-start marks: see EdgeOptions.markCells.
      expect(flushRightViolations(ex, { markCells: true })).toEqual([]);
      expect(leftEdgeViolations(ex, { markCells: true })).toEqual([]);
    }
  });
});

describe('a role pointed at a user font file', () => {
  const standardHeadings = () => standard.get('lianluo-2021-11-headings.txt')!;
  const paragraphFonts = (ex: Exported) =>
    new Set(
      matchRecords(ex, new Set(['paragraph'] as const))
        .filter((m) => m.line && !m.first) // first lines of run-in headings start in the heading's font
        .flatMap((m) => m.line!.items.filter((i) => i.str.trim()).map((i) => i.font)),
    );

  it('loads the font from the path we gave', () => {
    const keys = [...typesetter.faces.loaded().keys()];
    expect(keys.some((k) => k.startsWith(`file:${userFontPath}`))).toBe(true);
  });

  it('embeds it and sets the body text in it', () => {
    const sans = (path: string) => pdffonts(path).filter((f) => /\+NotoSansSC-Regular$/.test(f.name));
    expect(sans(standardHeadings().path)).toHaveLength(1); // the bundled 黑体 of headings and 【编者按】
    // The user's copy is byte for byte the bundled 黑体 file: pdfkit embeds equal fonts (same head checksum and
    // name table) once, so the PDF still lists one NotoSansSC-Regular, now also carrying the body text.
    expect(sans(userFont.path)).toHaveLength(1);
    for (const f of sans(userFont.path)) expect(f).toMatchObject({ emb: true, sub: true, uni: true });
    expect([...paragraphFonts(userFont)]).toEqual([expect.stringMatching(/\+NotoSansSC-Regular$/)]);
    expect([...paragraphFonts(standardHeadings())]).toEqual([expect.stringMatching(/\+NotoSerifSC-Regular$/)]);
  });

  it('embeds a user font no bundled family has as a font of its own', () => {
    const rows = pdffonts(userMedium.path);
    const medium = rows.filter((f) => /^[A-Z]{6}\+NotoSansSC-Medium$/.test(f.name));
    expect(medium).toHaveLength(1);
    expect(medium[0]).toMatchObject({ emb: true, sub: true, uni: true });
    expect([...paragraphFonts(userMedium)]).toEqual([expect.stringMatching(/\+NotoSansSC-Medium$/)]);
    // The back matter is set in the body role too.
    const back = userMedium.lines.at(-1)!.find((l) => squeeze(lineText(l)).startsWith('批准文号'))!;
    expect(back.items.filter((i) => i.str.trim()).map((i) => i.font)).toEqual(
      back.items.filter((i) => i.str.trim()).map(() => expect.stringMatching(/\+NotoSansSC-Medium$/)),
    );
  });

  it('still follows the layout rules', () => {
    expect(flushRightViolations(userFont)).toEqual([]);
    expect(prohibitionViolations(userFont.lines)).toEqual([]);
    expect(hanRoundTrip(texts.get('lianluo-2021-11-headings.txt')!, userFont.pages).ratio).toBeGreaterThanOrEqual(0.999);
  });
});

describe('regressions found by reading PDFs back', () => {
  /**
   * A justified line that ends with —— is not flush right: typeset/lines.ts gives the paired dash a box of
   * two cells (31.79 pt at 16 pt) and drawX centres the glyphs in it, but Noto Serif SC's em dash is 0.89 em,
   * so —— is 28.48 pt wide and its right end stops short of the type area's edge.
   */
  it('sets a line ending with —— flush right', async () => {
    const base = load(SAMPLE_PATH);
    const han = '代表联系群众是人大工作的重要内容也是发展全过程人民民主的生动实践我们要坚持不懈';
    // First line: 2 cells of indent + 24 characters + —— = 28 cells; the next line starts with a character.
    const text = `${han.slice(0, 24)}——${han.slice(0, 26)}……${han.slice(0, 20)}。`;
    const doc: BulletinDocument = {
      ...base,
      issue: {
        ...base.issue,
        editorNote: [],
        articles: [{ title: '破折号在行末', contributor: '', body: [{ type: 'paragraph', content: [{ text }] }] }],
      },
    };
    const ex = await exportAndRead(typesetter, doc, {}, dir, 'dash-at-line-end.pdf');
    const lines = matchRecords(ex, BODY_KINDS);
    expect(lines[0]!.text.endsWith('——')).toBe(true); // the case is the one intended
    expect(lines[1]!.text.endsWith('……')).toBe(true);
    expect(lineLeft(lines[0]!.line!)).toBeCloseTo(geometry(ex.preset).left + 2 * geometry(ex.preset).cell, 1);
    expect(flushRightViolations(ex)).toEqual([]);
  });

  /**
   * Two standalone headings in a row near the foot of a page: typeset/pages.ts flowLines keeps a heading
   * with the next block by looking ahead min(2, next block's lines) = 1 line when that block is itself a
   * one-line heading, so “一、主要做法” stays on the page while “（一）健全工作制度” (which needs two lines of its
   * paragraph after it) moves on: the page ends with a heading alone.
   */
  it('never ends a page with a heading followed by another heading overleaf', async () => {
    const base = load(SAMPLE_PATH);
    const source = '代表联系群众是人大工作的重要内容也是发展全过程人民民主的生动实践我们要坚持不懈地做好这项工作';
    const han = (n: number) => Array.from({ length: n }, (_, i) => source[i % source.length]).join('');
    // Page 1: masthead (7 grid lines), title (1) and a blank line, then a paragraph of 10 lines (26 + 8 × 28 + 10
    // characters) ending at grid line 19; the two headings follow on lines 20 and 21, leaving one line.
    const body = [
      { type: 'paragraph' as const, content: [{ text: `${han(260)}。` }] },
      { type: 'heading' as const, level: 1 as const, content: [{ text: '主要做法' }] },
      { type: 'heading' as const, level: 2 as const, content: [{ text: '健全工作制度' }] },
      { type: 'paragraph' as const, content: [{ text: `${han(130)}。` }] },
    ];
    const doc: BulletinDocument = {
      ...base,
      issue: { ...base.issue, editorNote: [], articles: [{ title: '连续标题', contributor: '', body }] },
    };
    const ex = await exportAndRead(typesetter, doc, {}, dir, 'heading-chain.pdf');
    const page1 = matchRecords(ex).filter((m) => m.page === 1);
    expect(page1.filter((m) => m.record.source === 'articles[0].body[0]')).toHaveLength(10); // the case intended
    expect(widowOrphanViolations(ex.layout)).toEqual([]);
    expect(page1.at(-1)!.text).not.toBe('一、主要做法');
  });

  /** The same look-ahead strands an article title when its article opens with a standalone heading. */
  it('never ends a page with an article title whose article opens with a heading overleaf', async () => {
    const base = load(SAMPLE_PATH);
    const source = '代表联系群众是人大工作的重要内容也是发展全过程人民民主的生动实践我们要坚持不懈地做好这项工作';
    const han = (n: number) => Array.from({ length: n }, (_, i) => source[i % source.length]).join('');
    // Page 1: masthead, title and blank (grid lines 1–9), 8 lines of text (26 + 6 × 28 + 10 characters), a blank
    // line, the second title on line 19, a blank line, then three lines left for the heading and its text.
    const doc: BulletinDocument = {
      ...base,
      issue: {
        ...base.issue,
        editorNote: [],
        articles: [
          { title: '第一篇', contributor: '', body: [{ type: 'paragraph', content: [{ text: `${han(204)}。` }] }] },
          {
            title: '第二篇',
            contributor: '',
            body: [
              { type: 'heading', level: 1, content: [{ text: '主要做法' }] },
              { type: 'paragraph', content: [{ text: `${han(130)}。` }] },
            ],
          },
        ],
      },
    };
    const ex = await exportAndRead(typesetter, doc, {}, dir, 'title-heading.pdf');
    const page1 = matchRecords(ex).filter((m) => m.page === 1);
    expect(page1.filter((m) => m.record.source === 'articles[0].body[0]')).toHaveLength(8); // the case intended
    expect(widowOrphanViolations(ex.layout)).toEqual([]);
    expect(page1.at(-1)!.record.kind).not.toBe('title');
  });

  /**
   * A back matter taller than the type area: typeset/pages.ts placeBackMatter puts its top at
   * type area bottom − block height without a limit, so a long 送 list (30 groups, about 825 pt) starts above
   * the page: its first rule and first three lines are off the page (pdfjs does not even report them), the
   * next ones in the top margin.
   */
  it('keeps a long distribution list on the page', async () => {
    const base = load(SAMPLE_PATH);
    const distribution = Array.from({ length: 30 }, (_, i) => ({ text: `第${i + 1}收文单位人大常委会办公室`, copies: 1 }));
    const doc: BulletinDocument = { ...base, issue: { ...base.issue, distribution } };
    const ex = await exportAndRead(typesetter, doc, {}, dir, 'long-distribution.pdf');
    const { top, bottom } = geometry(ex.preset);
    const outside = ex.lines.flatMap((page, p) =>
      page
        .filter((l) => !PAGE_NUMBER.test(squeeze(lineText(l))))
        .filter((l) => l.y < top || l.y > bottom)
        .map((l) => `p${p + 1} y=${l.y.toFixed(1)} “${squeeze(lineText(l))}”`),
    );
    expect(outside).toEqual([]);
    const text = squeeze(ex.lines.map((page) => page.map(lineText).join('')).join(''));
    for (const d of distribution) expect(text).toContain(d.text);
    const rules = ex.layout.pages.flatMap((p, i) => p.rules.map((r) => ({ page: i + 1, y: r.y })));
    expect(rules.filter((r) => r.y < top - 1 || r.y > bottom + 1)).toEqual([]);
  });
});
