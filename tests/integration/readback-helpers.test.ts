/**
 * The checks of tests/helpers do catch what they are meant to catch: each is fed a small page made up to
 * break its rule (so that a passing export test is not a check that never fires).
 */
import { describe, expect, it } from 'vitest';
import type { LineRecord, Page, PageLayout } from '../../core/typeset/page-layout.js';
import { STANDARD } from '../../core/typeset/preset.js';
import {
  cellCounts,
  flushRightViolations,
  leftEdgeViolations,
  prohibitionViolations,
  widowOrphanViolations,
  type Exported,
} from '../helpers/layout-checks.js';
import { groupLines, hanOnly, lcsLength, lineLeft, lineRight, lineText, type PdfLine, type PdfTextItem } from '../helpers/pdf-readback.js';

const item = (str: string, x: number, y: number, width = 16 * [...str].length): PdfTextItem => ({
  str,
  x,
  y,
  width,
  fontSize: 16,
  rotated: false,
  fontName: 'f',
});
const line = (str: string, y = 100, x = 79.37, width?: number): PdfLine => ({ y, items: [item(str, x, y, width)] });

function page(records: [LineRecord['kind'], string, boolean][], start = 125): Page {
  return {
    number: 1,
    texts: [],
    rules: [],
    lines: records.map(([kind, source, last], i) => ({ kind, source, last, baseline: start + i * 29 })),
  };
}
const layoutOf = (pages: Page[]): PageLayout => ({
  width: 595.28,
  height: 841.89,
  pages,
  ascents: new Map(),
  info: { title: '', author: '', subject: '', keywords: '' },
});

describe('pdf-readback', () => {
  it('groups items by baseline within 0.5 pt and orders them by x', () => {
    const lines = groupLines([item('乙', 200, 100.3), item('甲', 100, 100), item('丙', 100, 130), item(' ', 216, 100.1)]);
    expect(lines.map(lineText)).toEqual(['甲乙 ', '丙']);
    expect(lineLeft(lines[0]!)).toBe(100);
    expect(lineRight(lines[0]!)).toBe(216); // the space item does not count as ink
  });

  it('counts Han characters found in order', () => {
    expect(hanOnly('第 8 期：联络𠮷〇a')).toEqual(['第', '期', '联', '络', '𠮷', '〇']);
    expect(lcsLength([...'联络动态'], [...'联X络Y态'])).toBe(3);
    expect(lcsLength([], [...'abc'])).toBe(0);
  });
});

describe('layout checks', () => {
  it('flags lines starting with a closing mark or ending with an opening one, not page numbers', () => {
    const v = prohibitionViolations([[line('，开头'), line('结尾“', 130), line('— 3 —', 160), line('正常。', 190)]]);
    expect(v).toHaveLength(2);
    expect(v[0]).toContain('starts with ，');
    expect(v[1]).toContain('ends with “');
  });

  it('flags a widow, an orphan and a heading at the foot of a page', () => {
    const widow = layoutOf([
      page([['paragraph', 'p0', false], ['paragraph', 'p0', false]]),
      page([['paragraph', 'p0', true], ['paragraph', 'p1', true]]),
    ]);
    expect(widowOrphanViolations(widow)).toEqual(['p2 starts with the last line of p0 alone']);
    const orphan = layoutOf([
      page([['paragraph', 'p0', true], ['paragraph', 'p1', false]]),
      page([['paragraph', 'p1', false], ['paragraph', 'p1', true]]),
    ]);
    expect(widowOrphanViolations(orphan)).toEqual(['p1 ends with the first line of p1 alone']);
    const heading = layoutOf([page([['paragraph', 'p0', true], ['heading', 'h1', true]]), page([['paragraph', 'p2', true]])]);
    expect(widowOrphanViolations(heading)).toEqual(['p1 ends with a heading line (h1)']);
  });

  it('flags ragged right edges, wrong indents and short lines', () => {
    const y = 125;
    const full = '这是一个二十八个字的满行这是一个二十八个字的满行这是一个';
    const ex: Exported = {
      bytes: new Uint8Array(),
      path: '',
      pages: [],
      preset: STANDARD,
      adjusted: new Set(),
      layout: layoutOf([
        page([
          ['paragraph', 'p0', false],
          ['paragraph', 'p0', false],
          ['paragraph', 'p0', true],
        ]),
      ]),
      lines: [
        [
          line(full.slice(0, 26), y, 110.94, 410.63), // first line: indented, flush
          line(full.slice(0, 20), y + 29, 85, 400), // indented by mistake, short, not flush
          line('末行。', y + 58, 79.37, 48),
        ],
      ],
    };
    expect(flushRightViolations(ex)).toEqual([expect.stringContaining('right=485.00')]);
    expect(leftEdgeViolations(ex)).toEqual([expect.stringContaining('left=85.00')]);
    const c = cellCounts(ex);
    expect(c).toMatchObject({ eligible: 2, exact: 1 });
    expect(c.outliers).toEqual([expect.stringContaining('cells=20')]);
    expect(c.unexplained).toEqual([expect.stringContaining('cells=20')]);
  });
});
