/**
 * Word benchmark (`npm run bench:word`). Prints a table, then as its last line one JSON object:
 * {"importColdMs", "importWarmMs", "importPages", "exportColdMs", "exportWarmMs", "docxBytes", "artExportColdMs",
 * "artExportWarmMs", "artDocxBytes", "photosMB", "photosImportMs"}.
 *  - import: a 20-page .docx (the sample's articles repeated to at least 20 pages of 22 × 28 characters, written
 *    by our exporter, so styles, numbering-free headings and the masthead are Word's own structures) read and
 *    imported as an issue: the first run in this process (cold) and the median of 10 (warm);
 *  - export: the sample issue written as .docx: first run and median of 10;
 *  - art export: the same with the sample 刊名图 (assets/mastheads/lianluo-dongtai.svg, red): the first run draws the
 *    PNG at 600 dpi (core/masthead-art/rasterise.ts), later runs reuse it through the DocxArtCache, as the app does;
 *  - photos: a .docx carrying 50 MB of photographs (incompressible bytes, stored) imported — pictures are listed,
 *    never inflated.
 * Targets (issue 9): importWarmMs ≤ 1000, exportWarmMs ≤ 300, photosImportMs ≤ 5000.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { readDocx } from '../core/import/word/docx-reader.js';
import { importWordIssue } from '../core/import/word/word-issue.js';
import { readInput } from '../core/io/read-input.js';
import type { BulletinDocument } from '../core/model/document.js';
import { inlineText } from '../core/model/inline.js';
import { exportDocx } from '../core/render/docx-export.js';
import { createDocxArtCache } from '../core/render/docx-masthead-art.js';
import { createArtSource } from '../core/masthead-art/art-source.js';
import { toBase64 } from '../core/masthead-art/spec.js';
import { readWordFile } from '../services/word-file.js';
import { makeDocx, p } from '../tests/helpers/docx-fixtures.js';
import { REPO_ROOT, SAMPLE_FILE } from '../tests/helpers/sample.js';
import { join } from 'node:path';

const CELLS_PER_PAGE = 22 * 28;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

/** Characters of body text (a page holds 22 × 28). */
function characters(doc: BulletinDocument): number {
  let n = 0;
  for (const a of doc.issue.articles) {
    n += [...a.title].length;
    for (const b of a.body) if (b.type !== 'table') n += [...inlineText(b.content)].length + (b.type === 'heading' ? [...inlineText(b.body ?? [])].length : 0);
  }
  return n;
}

const sample = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
const articles = [...sample.issue.articles];
const long = () => ({ ...sample, issue: { ...sample.issue, articles } });
while (characters(long()) < 20 * CELLS_PER_PAGE) articles.push(...sample.issue.articles);
const longDoc: BulletinDocument = long();
const pages = characters(longDoc) / CELLS_PER_PAGE;
const docx20 = await exportDocx(longDoc);

const importOnce = () => importWordIssue(readDocx(docx20), { today: '2021-06-02' });
const importCold = await time(importOnce);
const importWarm: number[] = [];
for (let i = 0; i < 10; i++) importWarm.push((await time(importOnce)).ms);

const exportCold = await time(() => exportDocx(sample));
const exportWarm: number[] = [];
for (let i = 0; i < 10; i++) exportWarm.push((await time(() => exportDocx(sample))).ms);

const withArt: BulletinDocument = {
  ...sample,
  publication: {
    ...sample.publication,
    mastheadArt: { kind: 'embedded', mime: 'image/svg+xml', data: toBase64(readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'))) },
  },
};
const artOptions = { artSource: createArtSource(), artCache: createDocxArtCache() };
const artCold = await time(() => exportDocx(withArt, artOptions));
const artWarm: number[] = [];
for (let i = 0; i < 10; i++) artWarm.push((await time(() => exportDocx(withArt, artOptions))).ms);

// 50 MB of photographs: JPEG data does not compress, so it is stored as it is.
const photos: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
const withPhotos = makeDocx({ body: p('附图：联络站活动照片。') });
const { unzipSync } = await import('fflate');
for (const [name, data] of Object.entries(unzipSync(withPhotos))) photos[name] = data;
for (let i = 1; i <= 10; i++) photos[`word/media/image${i}.jpeg`] = [new Uint8Array(randomBytes(5 * 1024 * 1024)), { level: 0 }];
const photoDocx = zipSync(photos);
const photosImport = await time(() => readWordFile(photoDocx, 'photos.docx'));

const result = {
  importColdMs: Math.round(importCold.ms),
  importWarmMs: Math.round(median(importWarm)),
  importPages: Math.round(pages * 10) / 10,
  importArticles: importCold.value.document.issue.articles.length,
  exportColdMs: Math.round(exportCold.ms),
  exportWarmMs: Math.round(median(exportWarm)),
  docxBytes: exportCold.value.length,
  artExportColdMs: Math.round(artCold.ms),
  artExportWarmMs: Math.round(median(artWarm)),
  artDocxBytes: artCold.value.length,
  photosMB: Math.round(photoDocx.length / 1048576),
  photosImportMs: Math.round(photosImport.ms),
};
console.log(`import ${result.importPages}-page .docx: cold ${result.importColdMs} ms, warm ${result.importWarmMs} ms (target ≤ 1000)`);
console.log(`export sample as .docx: cold ${result.exportColdMs} ms, warm ${result.exportWarmMs} ms (target ≤ 300), ${result.docxBytes} bytes`);
console.log(`export with the 刊名图 (SVG → SVG + 600 dpi PNG): cold ${result.artExportColdMs} ms, warm ${result.artExportWarmMs} ms, ${result.artDocxBytes} bytes`);
console.log(`import ${result.photosMB} MB .docx with photographs: ${result.photosImportMs} ms (target ≤ 5000)`);
console.log(JSON.stringify(result));
