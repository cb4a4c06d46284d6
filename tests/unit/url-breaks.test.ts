/**
 * URLs broken at their separators (core/typeset/rules/url-breaks.ts, issue 11): the pieces between which a line may
 * end, the scheme kept with its "//", and in whole paragraphs of the URL test issue no pure Chinese line left short
 * before a long web address, no spread inside a URL, and the URL's text unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { DEFAULT_FONTS } from '../../core/model/profile.js';
import { fitParagraph } from '../../core/typeset/line-fit.js';
import { breakable, setLines, type Line, type LineOptions } from '../../core/typeset/lines.js';
import { BLACK, STANDARD } from '../../core/typeset/preset.js';
import { MAX_SPREAD_PER_GAP, PARAGRAPH_ADJUSTMENT } from '../../core/typeset/rules/adjustment.js';
import { urlPieces } from '../../core/typeset/rules/url-breaks.js';
import { gridTracking } from '../../core/typeset/typeset.js';
import { toUnits, type Unit } from '../../core/typeset/units.js';
import { blockInlines } from '../../core/model/block-text.js';
import { createFontFiles } from '../../services/font-files.js';
import { URLS, urlIssue } from '../helpers/layout-issues.js';

let faces: FaceSet;
beforeAll(() => {
  faces = new FaceSet(createFontFiles());
});

const tracking = () => gridTracking(STANDARD);
const cell = () => STANDARD.bodySize * (1 + tracking());
const opts = (): LineOptions => ({
  width: STANDARD.width,
  firstIndent: 2 * cell(),
  hangIndent: 0,
  rightIndent: 0,
  align: 'justify',
  trackingEm: tracking(),
  hangingPunctuation: true,
});
const units = (text: string): Unit[] =>
  toUnits([{ text, style: { role: 'body', bold: false, size: 16, color: BLACK } }], { faces, fonts: DEFAULT_FONTS, source: 'test', missing: [] });
const lineText = (l: Line) => l.placements.map((p) => p.unit.text).join('');

describe('URL breaks (rules/url-breaks.ts)', () => {
  it('breaks after "//", before "/", ".", "-", "?", "_" and on either side of "&" and "="; other Latin words stay whole', () => {
    expect(urlPieces('https://rd.gov')).toEqual(['https://', 'rd', '.gov']);
    expect(urlPieces('http://rd.cs.gov.cn/a_b?x=1&yy=2')).toEqual(['http://', 'rd', '.cs', '.gov', '.cn', '/a', '_b', '?x', '=1', '&yy', '=2']);
    expect(urlPieces('www.zz.gov.cn/c1-2')).toEqual(['www', '.zz', '.gov', '.cn', '/c1', '-2']);
    expect(urlPieces('COVID-19')).toEqual(['COVID-19']);
    expect(urlPieces('ISO9001')).toEqual(['ISO9001']);
    for (const url of URLS) {
      const pieces = urlPieces(url);
      expect(pieces.join('')).toBe(url);
      expect(pieces.every((p) => [...p].length >= 2), pieces.join('|')).toBe(true);
      expect(pieces.some((p) => p.endsWith(':') || p.endsWith(':/'))).toBe(false);
    }
  });

  it('lets a line end between URL pieces only', () => {
    const u = units('见https://rd.gov平台');
    const latin = u.map((x, i) => ({ x, i })).filter(({ x }) => x.cls === 'latin');
    expect(latin.map(({ x }) => x.text)).toEqual(['https://', 'rd', '.gov']);
    expect(breakable(u, latin[1]!.i)).toBe(true);
    expect(breakable(u, latin[2]!.i)).toBe(true);
  });

  it('sets the URL test issue without a short Chinese line before a URL, without space inside a URL, text unchanged', () => {
    const paragraphs = urlIssue().issue.articles[0]!.body.map((b) => blockInlines(b).map((i) => i.text).join(''));
    for (const text of paragraphs) {
      const u = units(text);
      const f = fitParagraph(u, opts(), PARAGRAPH_ADJUSTMENT.maxSaveCost);
      const lines = setLines(u, f.natural.ranges, opts());
      expect(lines.map(lineText).join('')).toBe(text.replace(/ /g, ''));
      lines.slice(0, -1).forEach((l, i) => {
        const where = `line ${i + 1}: ${lineText(l)}`;
        const pure = l.placements.every((p) => p.unit.cells > 0);
        if (pure) expect(l.placements.reduce((n, p) => n + p.unit.cells, 0) + (i === 0 ? 2 : 0), where).toBeGreaterThanOrEqual(27);
        // Pieces of a URL follow each other at their advance; the line's extra space goes elsewhere.
        for (let k = 1; k < l.placements.length; k++) {
          const a = l.placements[k - 1]!;
          const b = l.placements[k]!;
          const urlOnly = l.placements.every((p) => p.unit.cls === 'latin');
          if (a.unit.cls === 'latin' && b.unit.cls === 'latin' && !urlOnly) expect(Math.abs(b.x - (a.x + a.unit.advance)), where).toBeLessThan(0.01);
          else if (a.unit.cells === 0 || b.unit.cells === 0) {
            const gap = b.x - (a.x + (a.unit.cells > 0 ? a.unit.size : a.unit.advance));
            expect(gap / cell(), where).toBeLessThanOrEqual(0.25 + MAX_SPREAD_PER_GAP + 0.02);
          }
        }
      });
    }
  });
});
