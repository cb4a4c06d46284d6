/**
 * Layout figures of the sample and the test issues (issues 11 and 16), in both presets: pages, lines on each full
 * page, widows and orphans, headings at a foot, the share of pure Chinese lines on the grid, the largest hole at a
 * page foot, and the pages saved at the end; the last column is the older measure of the grid (lines of exactly 28
 * characters, the indent counted). Run with `npm run bench:layout`; the last line is JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaceSet } from '../core/fonts/face-set.js';
import { readInput } from '../core/io/read-input.js';
import { PRESETS } from '../core/typeset/preset.js';
import { typeset } from '../core/typeset/typeset.js';
import { layoutReport } from '../core/typeset/layout-report.js';
import { createFontFiles } from '../services/font-files.js';
import type { BulletinDocument } from '../core/model/document.js';
import { headingsIssue, latinIssue, overIssue, pictureFootIssue, twelvePageIssue, urlIssue } from '../tests/helpers/layout-issues.js';
import { withThreePhotos } from '../tests/helpers/picture-files.js';

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
/** The issues: the sample and the fixtures (text files), then the generated test issues. */
const issues: { name: string; doc: BulletinDocument }[] = files.map((file) => ({
  name: file.split('/').pop()!,
  doc: readInput(readFileSync(file), { name: file, today: '2021-06-02' }).document,
}));
issues.push({ name: 'headings (generated)', doc: headingsIssue() });
issues.push({ name: 'latin (generated)', doc: latinIssue() });
issues.push({ name: 'twelve pages (generated)', doc: twelvePageIssue() });
issues.push({ name: 'picture at a page foot (generated)', doc: pictureFootIssue() });
issues.push({ name: 'sample + three photos (generated)', doc: withThreePhotos(issues[0]!.doc) });
issues.push({ name: 'urls (generated)', doc: urlIssue() });
for (const over of [1, 3, 6, 8]) {
  const doc = overIssue(over, faces);
  if (doc) issues.push({ name: `${over} lines over (generated)`, doc });
}
const rows: Record<string, unknown>[] = [];
let eligible = 0;
let exact = 0;
let chars28 = 0;
let worst = 100;
let savedPages = 0;
console.log(['issue', 'preset', 'pages', 'lines/page', 'full pages', 'widows', 'orphans', 'headings at foot', 'grid', 'largest hole', 'tightened', 'loosened', 'pages before→after', '28 chars', 'hole, pictures kept in place'].join('\t'));
for (const { name: issue, doc } of issues) {
  for (const [name, preset] of Object.entries(PRESETS)) {
    const result = typeset(doc, { faces, preset });
    const report = result.report ?? layoutReport(result.layout, preset);
    const nonFinal = report.pages.slice(0, -1);
    const full = nonFinal.filter((p) => p.hole === 0).length;
    eligible += report.grid.eligible;
    exact += report.grid.exact;
    chars28 += report.grid.chars28;
    worst = Math.min(worst, (100 * report.grid.exact) / Math.max(1, report.grid.eligible));
    savedPages += report.lastPage.pagesBefore - report.lastPage.pagesAfter;
    const row = {
      issue,
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
      chars28: `${report.grid.chars28}/${report.grid.eligible} (${((100 * report.grid.chars28) / Math.max(1, report.grid.eligible)).toFixed(1)}%)`,
      // Issues with pictures: the largest hole when no picture may float (rules/picture-float.ts), for comparison.
      holeKeptInPlace: result.layout.pages.some((p) => p.images?.length) ? typeset(doc, { faces, preset, floatPictures: false }).report!.largestHole : '',
    };
    rows.push(row);
    console.log(Object.values(row).join('\t'));
  }
}
console.log(
  JSON.stringify({
    gridShare: Math.round((1000 * exact) / Math.max(1, eligible)) / 10,
    eligible,
    exact,
    worstGridShare: Math.round(10 * worst) / 10,
    chars28Share: Math.round((1000 * chars28) / Math.max(1, eligible)) / 10,
    savedPages,
    issues: rows.length,
  }),
);
