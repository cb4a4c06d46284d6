/**
 * Layout figures of the sample and the test issues (issues 11 and 16), in both presets: pages, lines on each full
 * page, widows and orphans, headings at a foot, the share of pure Chinese lines on the grid, the largest hole at a
 * page foot, and the pages saved at the end. Run with `npm run bench:layout`; the last line is JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaceSet } from '../core/fonts/face-set.js';
import { readInput } from '../core/io/read-input.js';
import { PRESETS } from '../core/typeset/preset.js';
import { typeset } from '../core/typeset/typeset.js';
import { layoutReport } from '../core/typeset/layout-report.js';
import { createFontFiles } from '../services/font-files.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'tests', 'fixtures');
const files = [
  join(root, 'samples', '联络动态2021年第8期.txt'),
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(fixtures, f)),
];
const faces = new FaceSet(createFontFiles());
const rows: Record<string, unknown>[] = [];
let eligible = 0;
let exact = 0;
let savedPages = 0;
for (const file of files) {
  const { document } = readInput(readFileSync(file), { name: file, today: '2021-06-02' });
  for (const [name, preset] of Object.entries(PRESETS)) {
    const result = typeset(document, { faces, preset });
    const report = result.report ?? layoutReport(result.layout, preset);
    const nonFinal = report.pages.slice(0, -1);
    const full = nonFinal.filter((p) => p.hole === 0).length;
    eligible += report.grid.eligible;
    exact += report.grid.exact;
    savedPages += report.lastPage.pagesBefore - report.lastPage.pagesAfter;
    const row = {
      issue: file.split('/').pop(),
      preset: name,
      pages: report.pages.length,
      linesPerPage: report.pages.map((p) => `${p.lines}/${p.capacity}`).join(' '),
      fullPages: `${full}/${nonFinal.length}`,
      widows: report.widows.length,
      orphans: report.orphans.length,
      headingsAtFoot: report.headingsAtFoot.length,
      grid: `${report.grid.exact}/${report.grid.eligible} (${((100 * report.grid.exact) / Math.max(1, report.grid.eligible)).toFixed(1)}%)`,
      largestHole: report.largestHole,
      tightened: report.adjustments.filter((a) => a.change === 'tight').length,
      loosened: report.adjustments.filter((a) => a.change === 'loose').length,
      lastPage: `${report.lastPage.pagesBefore}→${report.lastPage.pagesAfter}`,
    };
    rows.push(row);
    console.log(Object.values(row).join('\t'));
  }
}
console.log(JSON.stringify({ gridShare: Math.round((1000 * exact) / Math.max(1, eligible)) / 10, eligible, exact, savedPages, issues: rows.length }));
