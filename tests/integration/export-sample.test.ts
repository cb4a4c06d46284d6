/**
 * The real sample (联络动态 2021 年第 8 期) exported to PDF and read back: page size, fonts, metadata, text,
 * and the GB/T 9704 / clreq layout rules measured on the PDF itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { createTypesetter } from '../../services/typesetter.js';
import {
  cellCounts,
  exportAndRead,
  flushRightViolations,
  geometry,
  gridReport,
  hanRoundTrip,
  leftEdgeViolations,
  matchRecords,
  BODY_KINDS,
  pageNumberViolations,
  prohibitionViolations,
  shortLastLineViolations,
  titleViolations,
  squeeze,
  unmatched,
  widowOrphanViolations,
  type Exported,
} from '../helpers/layout-checks.js';
import { lineLeft, lineRight, lineText, pdffonts, pdfInfo, pdfPageContents, toUnicodeTargets } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

const SAMPLE_PATH = SAMPLE_FILE;
const SAMPLE = readFileSync(SAMPLE_PATH, 'utf8');

/** The numbers of the brief, independent of preset.ts. */
const LEFT = 79.37; // 28 mm
const RIGHT = 521.57; // 28 + 156 mm
const TYPE_BOTTOM = 742.68; // 37 + 225 mm
const PITCH = 637.8 / 22; // 28.99

let dir: string;
let ex: Exported;
let draft: Exported;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-sample-'));
  const { document } = readInput(readFileSync(SAMPLE_PATH), { name: 'lianluo-2021-08.txt' });
  const typesetter = createTypesetter();
  ex = await exportAndRead(typesetter, document, {}, dir, 'sample.pdf');
  draft = await exportAndRead(typesetter, document, { draft: true }, dir, 'sample-draft.pdf');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sample export: file', () => {
  it('has A4 pages (595.28 × 841.89 pt)', () => {
    expect(ex.pages.length).toBeGreaterThanOrEqual(4);
    for (const page of ex.pages) {
      expect(page.width).toBeCloseTo(595.28, 0);
      expect(Math.abs(page.width - 595.28)).toBeLessThan(0.5);
      expect(Math.abs(page.height - 841.89)).toBeLessThan(0.5);
    }
    const info = pdfInfo(ex.path);
    expect(info.pages).toBe(ex.pages.length);
    expect(Math.abs(info.pageSize!.width - 595.28)).toBeLessThan(0.5);
    expect(Math.abs(info.pageSize!.height - 841.89)).toBeLessThan(0.5);
  });

  it('embeds and subsets every font, with a Unicode map', () => {
    const fonts = pdffonts(ex.path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ emb: true, sub: true, uni: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('carries the issue in its metadata', () => {
    const info = pdfInfo(ex.path);
    expect(info.title).toContain('联络动态');
    expect(info.title).toContain('第8期');
    expect(info.author).toBe('湖南省人大常委会选举任免联络工作委员会');
    expect(info.keywords?.trim()).toBeTruthy();
  });

  it('is smaller than 250 KB', () => {
    expect(ex.bytes.length).toBeLessThan(250 * 1024);
  });
});

describe('sample export: text', () => {
  it('gives back at least 99.9 % of the input’s Han characters, in order', () => {
    const r = hanRoundTrip(SAMPLE, ex.pages);
    expect(r.input).toBeGreaterThan(2000);
    expect(r.ratio, `${r.found} of ${r.input}`).toBeGreaterThanOrEqual(0.999);
  });

  it('keeps the masthead on page 1', () => {
    const lines = ex.lines[0]!;
    const texts = lines.map((l) => squeeze(lineText(l)));
    expect(texts).toContain('联络动态');
    expect(texts).toContain('LIANLUODONGTAI');
    expect(texts).toContain('第8期');
    expect(texts).toContain('（总第六百三十一期）');
    // The editing unit at the left and the date at the right share a row.
    const i = texts.findIndex((t) => t.includes('委员会编'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(texts[i]).toBe('湖南省人大常委会选举任免联络工作委员会编2021年6月2日');
    const row = lines[i]!;
    const unit = row.items.filter((it) => /编$/u.test(it.str.trim()));
    expect(unit.length).toBe(1);
    expect(Math.abs(lineLeft(row) - LEFT)).toBeLessThan(0.5);
    expect(Math.abs(lineRight(row) - RIGHT)).toBeLessThan(0.5);
  });

  it('puts the back matter on the last page', () => {
    const lines = ex.lines[ex.lines.length - 1]!;
    const texts = lines.map((l) => squeeze(lineText(l)));
    expect(texts.some((t) => t.startsWith('送：全国人大常委会办公厅联络局'))).toBe(true);
    expect(texts).toContain('批准文号：湘党简准字〔2000〕第28号');
    const i = texts.findIndex((t) => t.startsWith('责任编辑：'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(texts[i]).toBe('责任编辑：石韧谢峥嵘');
    // pdfjs (and pdftotext) report U+3000 as a plain space: check the geometry and the ToUnicode map instead.
    // 石　韧 takes three cells, like 谢峥嵘: 韧 stands two cells (2 × 14 pt) after 石.
    const row = lines[i]!;
    const size = ex.preset.backMatterSize;
    const xOf = (ch: string) => {
      const item = row.items.find((it) => it.str.includes(ch))!;
      return item.x + [...item.str].indexOf(ch) * size;
    };
    expect(xOf('韧') - xOf('石')).toBeCloseTo(2 * size, 1);
    expect(xOf('谢') - xOf('韧')).toBeCloseTo(2 * size, 1);
    expect(toUnicodeTargets(ex.bytes).has(0x3000)).toBe(true);
  });

  it('draws the back matter rules 0.35 mm outside, 0.25 mm between, across the type area', () => {
    const rules = [...ex.layout.pages[ex.layout.pages.length - 1]!.rules].sort((a, b) => a.y - b.y);
    expect(rules.length).toBeGreaterThanOrEqual(3);
    rules.forEach((r, k) => {
      const outer = k === 0 || k === rules.length - 1;
      expect(r.thickness).toBeCloseTo(outer ? 0.992 : 0.709, 3);
      expect(r.x1).toBeCloseTo(LEFT, 1);
      expect(r.x2).toBeCloseTo(RIGHT, 1);
    });
    // The last rule closes the type area.
    expect(rules[rules.length - 1]!.y).toBeCloseTo(TYPE_BOTTOM, 1);
  });
});

describe('sample export: body layout', () => {
  it('uses the type area of the brief', () => {
    const g = geometry(ex.preset);
    expect(g.left).toBeCloseTo(LEFT, 1);
    expect(g.right).toBeCloseTo(RIGHT, 1);
    expect(g.bottom).toBeCloseTo(TYPE_BOTTOM, 1);
    expect(g.pitch).toBeCloseTo(PITCH, 2);
  });

  it('finds every body line of the layout in the PDF', () => {
    expect(unmatched(ex)).toEqual([]);
    expect(matchRecords(ex, BODY_KINDS).length).toBeGreaterThan(70);
  });

  it('sets every non-final body line flush with the type area’s right edge', () => {
    expect(flushRightViolations(ex)).toEqual([]);
  });

  it('indents first lines two cells and starts the others at the left edge', () => {
    expect(leftEdgeViolations(ex)).toEqual([]);
  });

  it('breaks no line before a closing mark or after an opening one', () => {
    expect(prohibitionViolations(ex.lines)).toEqual([]);
  });

  it('fills lines with 28 characters', () => {
    const c = cellCounts(ex);
    expect(c.eligible).toBeGreaterThan(50);
    expect(c.exact / c.eligible, c.off.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(c.outliers).toEqual([]);
  });

  it('holds 22 evenly spaced grid lines on a full page, never more', () => {
    const g = gridReport(ex);
    expect(Math.max(...g.perPage)).toBeLessThanOrEqual(22);
    const middle = g.fullPages.filter((p) => p !== 1 && p !== ex.pages.length);
    expect(middle.length, `lines per page: ${g.perPage.join(', ')}`).toBeGreaterThanOrEqual(1);
    expect(g.spacing).toEqual([]);
    expect(g.phase).toEqual([]);
  });

  it('numbers every page “— N —” in 14 pt, outer side, one character in', () => {
    expect(pageNumberViolations(ex)).toEqual([]);
  });

  it('leaves no widow, orphan or stranded heading', () => {
    expect(widowOrphanViolations(ex.layout)).toEqual([]);
  });

  it('centres and balances titles, and ends no paragraph with a one-character line', () => {
    expect(titleViolations(ex)).toEqual([]);
    expect(shortLastLineViolations(ex)).toEqual([]);
  });
});

describe('sample export: colour and draft', () => {
  /** Colour operators of a content stream: fill colours set by k, or by scn after a cs. */
  function colours(content: string) {
    const spaces = [...content.matchAll(/(\/\w+) (cs|CS)\b/g)].map((m) => m[1]);
    return {
      spaces,
      cmyk: [...content.matchAll(/([\d.]+ [\d.]+ [\d.]+ [\d.]+) (k|K|scn|SCN)\b/g)].map((m) => `${m[1]} ${m[2]}`),
      rgb: [...content.matchAll(/[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b/g)].map((m) => m[0]),
      gray: [...content.matchAll(/(?:^|\s)[\d.]+ (g|G)\b/g)].map((m) => m[0]),
    };
  }

  it('prints in CMYK only: masthead red 0 1 1 0, text black 0 0 0 1, no RGB', () => {
    const contents = pdfPageContents(ex.bytes);
    expect(contents).toHaveLength(ex.pages.length);
    const first = colours(contents[0]!);
    // pdfkit selects /DeviceCMYK and sets colours with scn rather than k: both are CMYK.
    expect(first.cmyk.some((c) => /^0 1 1 0 (k|scn)$/.test(c))).toBe(true);
    expect(first.cmyk.some((c) => /^0 0 0 1 (k|scn)$/.test(c))).toBe(true);
    for (const content of contents) {
      const c = colours(content);
      expect(c.rgb).toEqual([]);
      expect(c.gray).toEqual([]);
      expect(new Set(c.spaces)).toEqual(new Set(c.spaces.length ? ['/DeviceCMYK'] : []));
    }
  });

  it('marks every page of a draft 样稿, and no page of the final', () => {
    const mark = (ex: Exported) =>
      ex.pages.map((p) => squeeze(p.items.filter((i) => i.rotated).map((i) => i.str).join('')));
    expect(mark(draft)).toEqual(draft.pages.map(() => '样稿'));
    expect(mark(ex)).toEqual(ex.pages.map(() => ''));
    expect(ex.pages.some((p) => /样\s*稿/u.test(p.items.map((i) => i.str).join('')))).toBe(false);
  });

  it('lays out the draft exactly like the final', () => {
    expect(draft.pages.length).toBe(ex.pages.length);
    expect(draft.lines.map((p) => p.map((l) => lineText(l)))).toEqual(ex.lines.map((p) => p.map((l) => lineText(l))));
  });
});
