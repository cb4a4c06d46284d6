/**
 * Pulling a short last page back (issue 16), read back from the PDF: issues built to end 1, 3, 6 and 8 lines over
 * a page (tests/helpers/layout-issues.ts overIssue) are exported; pdfinfo gives the pages, pdftotext the text of
 * each page. A saved issue has one page fewer, its last page holds text and the 版记 (送), every paragraph's text
 * is all there (a paragraph set at the stated tracking change loses no character), and `bulletin check` says what
 * was done (为节省一页，…已紧排); an issue that cannot be saved keeps its pages and says how many lines are missing.
 * With the profile's 版记排在偶数页 the page count is even: the 版记 of an odd last page moves to a page of its own
 * (a blank page before a 版记 page of its own: tests/unit/page-plan.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceSet } from '../../core/fonts/face-set.js';
import { readInput } from '../../core/io/read-input.js';
import { serializeDocument } from '../../core/model/format.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { TRACKING_LIMIT_EM } from '../../core/typeset/rules/tracking.js';
import { createFontFiles } from '../../services/font-files.js';
import { createTypesetter } from '../../services/typesetter.js';
import { runBulletin } from '../helpers/bulletin-cli.js';
import { widowOrphanViolations } from '../helpers/layout-checks.js';
import { overIssue } from '../helpers/layout-issues.js';
import { pdfInfo } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { runTool } from '../helpers/system-tools.js';
import { blockInlines } from '../../core/model/block-text.js';

let dir: string;
let faces: FaceSet;
const typesetter = createTypesetter();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'last-page-'));
  faces = new FaceSet(createFontFiles());
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Text of one page (1-based) of a PDF file, whitespace removed. */
function pageText(path: string, page: number): string {
  return runTool('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Exports an issue, writes the PDF, and reads it back. */
async function exported(doc: BulletinDocument, name: string) {
  const { bytes, typeset } = await typesetter.exportPdf(doc);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const pages = pdfInfo(path).pages;
  const texts = Array.from({ length: pages }, (_, i) => pageText(path, i + 1));
  return { path, pages, texts, typeset };
}

/** Every paragraph's text, whitespace removed. */
function paragraphs(doc: BulletinDocument): string[] {
  return doc.issue.articles.flatMap((a) => a.body.map((b) => blockInlines(b).map((i) => i.text).join('').replace(/\s+/g, '')));
}

describe('issues a few lines over a page, read back from the PDF', () => {
  for (const over of [1, 3, 6, 8]) {
    it(`${over} line(s) over`, async () => {
      const doc = overIssue(over, faces);
      expect(doc, `no issue ends ${over} lines over`).toBeDefined();
      const ex = await exported(doc!, `over-${over}.pdf`);
      const report = ex.typeset.report!;
      const lp = report.lastPage;
      expect(lp.overBefore).toBe(over);
      expect(widowOrphanViolations(ex.typeset.layout)).toEqual([]);
      expect(ex.pages).toBe(lp.pagesAfter);
      const last = ex.texts[ex.pages - 1]!;
      expect(last).toContain('送：');
      // The text the pages hold: every paragraph whole, in order (pdftotext joins a paragraph's lines).
      const all = ex.texts.map((t) => t.replace(/—\d+—/g, '')).join('');
      for (const p of paragraphs(doc!)) expect(all).toContain(p);
      const tracked = report.adjustments.filter((a) => a.trackingEm !== undefined);
      for (const a of tracked) expect(a.trackingEm!).toBeGreaterThanOrEqual(TRACKING_LIMIT_EM - 1e-9);
      if (over <= 6) {
        // Saved: one page fewer, and the last page holds text above the 版记, not the 版记 alone.
        expect(lp.pagesAfter).toBe(lp.pagesBefore - 1);
        expect(last).toContain('长沙市人大常委会供稿');
        const check = await runCheck(doc!, `over-${over}.json`);
        expect(check).toMatch(/为节省一页，[^\n]*（\d+页→\d+页）/);
        if (report.adjustments.some((a) => a.reason === 'save-page')) expect(check).toMatch(/为节省一页，第1篇第[\d–、第篇段]+段已紧排/);
        for (const a of tracked) expect(check).toContain(`字距减${Math.abs(a.trackingEm!).toFixed(2)}字`);
      } else {
        // Eight lines are beyond the stated limits: the pages stay, and 校对 says how many lines are missing.
        expect(lp.pagesAfter).toBe(lp.pagesBefore);
        expect(lp.missingLines).toBeGreaterThan(0);
        expect(lp.missingLines).toBeLessThanOrEqual(over);
        const check = await runCheck(doc!, `over-${over}.json`);
        expect(check).toContain(`还差${lp.missingLines}行`);
      }
    }, 120_000);
  }
});

describe('版记排在偶数页 (preferEvenPages)', () => {
  it('is off by default; on, the 版记 of an odd last page moves to an even page of its own', async () => {
    const doc = readInput(readFileSync(SAMPLE_FILE), { name: 'sample.txt', today: '2021-06-02' }).document;
    expect(doc.publication.preferEvenPages).toBeUndefined();
    const plain = await exported(doc, 'odd.pdf');
    expect(plain.pages % 2).toBe(1); // the sample takes 5 pages
    const even = await exported({ ...doc, publication: { ...doc.publication, preferEvenPages: true } }, 'even.pdf');
    expect(even.pages).toBe(plain.pages + 1);
    expect(even.pages % 2).toBe(0);
    expect(plain.texts[plain.pages - 1]).toContain('送：');
    expect(even.texts[even.pages - 1]).toContain('送：');
    expect(even.texts[even.pages - 1]).not.toContain('长沙市人大常委会供稿');
    expect(even.texts[even.pages - 2]).toContain('长沙市人大常委会供稿');
    expect(even.texts[even.pages - 2]).not.toContain('送：');
    expect(even.typeset.report!.lastPage.blankPageAdded).toBe(true);
  }, 120_000);
});

async function runCheck(doc: BulletinDocument, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, serializeDocument(doc));
  const run = await runBulletin(['check', file], { timeout: 60_000 });
  expect(run.code === 0 || run.code === 1, run.stderr).toBe(true);
  return run.stdout;
}
