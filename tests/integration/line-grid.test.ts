/**
 * Lines on the grid, read back from the exported PDF with MuPDF (`mutool trace`: every glyph's position), for
 * the sample, the fixtures and the generated test issues (tests/helpers/layout-issues.ts), in both presets
 * (issue 11 point 3; docs/layout-rules.md, Line breaking):
 *  - the share of pure Chinese non-final lines whose every Han character prints in a cell of the grid, measured
 *    from the PDF, is the layout report's figure (core/typeset/layout-report.ts `onGrid`) and stays high;
 *  - every non-final body line is flush right: its last box ends on the type area's right edge, or, with
 *    hanging punctuation (core/typeset/rules/hanging.ts), one pause or stop mark hangs just past it;
 *  - in a line with Latin letters or digits no gap next to a Han character is wider than its natural spacing
 *    plus a quarter cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { PRESETS, type LayoutPreset } from '../../core/typeset/preset.js';
import { HANGING_MARKS } from '../../core/typeset/rules/hanging.js';
import { MAX_SPREAD_PER_GAP } from '../../core/typeset/rules/adjustment.js';
import { gridTracking } from '../../core/typeset/typeset.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { glyphsAt, traceGlyphs, type TracedGlyph } from '../helpers/glyph-trace.js';
import { headingsIssue, latinIssue } from '../helpers/layout-issues.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { toolAvailable } from '../helpers/system-tools.js';

const BODY = new Set(['paragraph', 'heading', 'note']);
const PURE_CHINESE = /^[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’—…·]+$/u;
const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/u;
/** Marks whose ink sits in the left half of their cell (a compressed one keeps only that half). */
const LEFT_INK = new Set([...'，。、；：！？”’）》」』】〕〉〗']);

let typesetter: Typesetter;
let dir: string;
const issues = new Map<string, BulletinDocument>();

beforeAll(() => {
  typesetter = createTypesetter();
  dir = mkdtempSync(join(tmpdir(), 'line-grid-'));
  const load = (file: string) => readInput(readFileSync(file), { name: file, today: '2021-06-02' }).document;
  issues.set('sample', load(SAMPLE_FILE));
  for (const name of ['lianluo-2021-11-headings', 'lianluo-2021-12-two-articles', 'lianluo-2021-14-long']) {
    issues.set(name, load(join(REPO_ROOT, 'tests', 'fixtures', `${name}.txt`)));
  }
  issues.set('headings', headingsIssue());
  issues.set('latin', latinIssue());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  eligible: number;
  onGrid: number;
  reported: { eligible: number; exact: number };
  hanging: number;
  problems: string[];
}

/** Exports an issue, reads every glyph back and measures its body lines. */
async function measure(name: string, doc: BulletinDocument, preset: LayoutPreset): Promise<Measured> {
  const result = await typesetter.exportPdf(doc, { preset });
  const path = join(dir, `${name}-${preset.name}.pdf`);
  writeFileSync(path, result.bytes);
  const pages = traceGlyphs(path);
  const cell = (preset.width - preset.bodySize) / (preset.charsPerLine - 1);
  const tracking = gridTracking(preset) * preset.bodySize;
  const right = preset.left + preset.width;
  const out: Measured = { eligible: 0, onGrid: 0, reported: result.typeset.report!.grid, hanging: 0, problems: [] };
  result.typeset.layout.pages.forEach((page, p) => {
    for (const record of page.lines) {
      if (!BODY.has(record.kind) || record.last) continue;
      const glyphs = glyphsAt(pages[p]!, record.baseline);
      const text = glyphs.map((g) => g.char).join('');
      const where = `${name} ${preset.name} p${p + 1} “${text}”`;
      if (!glyphs.length) {
        out.problems.push(`${where}: no glyphs at y=${record.baseline.toFixed(2)}`);
        continue;
      }
      // Flush right, perhaps with one hanging mark.
      let inside = glyphs;
      const last = glyphs[glyphs.length - 1]!;
      if (HANGING_MARKS.has(last.char) && last.x >= right - 0.5) {
        out.hanging++;
        if (last.x > right + 0.5) out.problems.push(`${where}: hanging mark at ${(last.x - right).toFixed(2)} pt past the edge`);
        inside = glyphs.slice(0, -1);
      }
      if (inside.some((g) => HANGING_MARKS.has(g.char) && g.x >= right - 0.5)) out.problems.push(`${where}: more than one mark past the edge`);
      const end = inside[inside.length - 1]!;
      const ends = [end.x + end.advance, end.x + Math.max(end.advance, end.size)];
      if (LEFT_INK.has(end.char)) ends.push(end.x + end.size, end.x + end.size - cell / 2);
      if (!ends.some((e) => Math.abs(e - right) <= 0.3)) out.problems.push(`${where}: ends at ${(end.x + end.advance - right).toFixed(2)} pt from the right edge`);
      // The grid, for pure Chinese lines.
      if (PURE_CHINESE.test(text)) {
        out.eligible++;
        const on = glyphs.filter((g) => HAN.test(g.char)).every((g) => {
          const k = (g.x - preset.left) / cell;
          return Math.abs(k - Math.round(k)) * cell <= 0.3;
        });
        if (on) out.onGrid++;
        continue;
      }
      // Gaps next to Han characters in a line with Latin letters or digits.
      if (!LATIN_OR_DIGIT.test(text)) continue;
      for (let k = 1; k < inside.length; k++) {
        const a = inside[k - 1]!;
        const b = inside[k]!;
        const natural = gapOf(a, b, tracking);
        if (natural === undefined) continue;
        const extra = b.x - (a.x + (HAN.test(a.char) ? a.size : a.advance)) - natural;
        if (extra > MAX_SPREAD_PER_GAP * cell + 0.3) out.problems.push(`${where}: ${(extra / cell).toFixed(2)} cell extra between ${a.char} and ${b.char}`);
      }
    }
  });
  return out;
}

/** The natural space between two neighbouring glyphs when one is Han, or undefined when neither is. */
function gapOf(a: TracedGlyph, b: TracedGlyph, tracking: number): number | undefined {
  const hanA = HAN.test(a.char);
  const hanB = HAN.test(b.char);
  if (hanA && hanB) return tracking;
  if ((hanA && LATIN_OR_DIGIT.test(b.char)) || (hanB && LATIN_OR_DIGIT.test(a.char))) return 0.25 * Math.max(a.size, b.size);
  return undefined;
}

describe.skipIf(!toolAvailable('mutool'))('lines on the grid, read back from the PDF', () => {
  for (const presetName of Object.keys(PRESETS) as (keyof typeof PRESETS)[]) {
    it(`${presetName}: Han characters in their cells, lines flush right, no wide gaps`, async () => {
      const preset = PRESETS[presetName];
      let eligible = 0;
      let onGrid = 0;
      let hanging = 0;
      const shares: string[] = [];
      for (const [name, doc] of issues) {
        const m = await measure(name, doc, preset);
        expect(m.problems, m.problems.join('\n')).toEqual([]);
        // The layout report's figure is what prints.
        expect({ eligible: m.eligible, exact: m.onGrid }, name).toEqual({ eligible: m.reported.eligible, exact: m.reported.exact });
        expect(m.onGrid / m.eligible, `${name}: ${m.onGrid}/${m.eligible}`).toBeGreaterThanOrEqual(0.9);
        eligible += m.eligible;
        onGrid += m.onGrid;
        hanging += m.hanging;
        shares.push(`${name} ${m.onGrid}/${m.eligible}`);
      }
      expect(eligible).toBeGreaterThan(150);
      expect(onGrid / eligible, shares.join("; ")).toBeGreaterThanOrEqual(0.94);
      // Hanging punctuation is in use (the preset's setting).
      expect(hanging).toBeGreaterThan(0);
    }, 240_000);
  }
});
