/**
 * Issue 12's figures: the sample issue with three photos (a 2400×1600 and a 1200×1800 JPEG, a 900×700 PNG, re-encoded
 * to 300 dpi at their placed size by services/picture-prepare.ts) and a two-page table (26 rows under a header),
 * exported every way the app exports it. Prints a table and one JSON line:
 * {"pages", "issueFileBytes", "pdfBytes", "pdfaBytes", "ofdBytes", "docxBytes", "pdfColdMs", "pdfWarmMs",
 *  "pdfaWarmMs", "ofdWarmMs", "docxWarmMs", "prepareMs"}:
 *  - issueFileBytes: the issue file (pictures embedded as base64), as the library stores it;
 *  - *Bytes: the export's size; *ColdMs: the first export in this process (fonts read); *WarmMs: median of 10
 *    exports of the same issue (an export after the issue was already exported once, as in the app);
 *  - prepareMs: re-encoding the three photos (the export worker does it when a picture is inserted).
 * No targets: the issue asks for the figures.
 */
import { readFileSync } from 'node:fs';
import { readInput } from '../core/io/read-input.js';
import type { BulletinDocument } from '../core/model/document.js';
import type { Block } from '../core/model/issue.js';
import { serializeDocument } from '../core/model/format.js';
import { exportDocx } from '../core/render/docx-export.js';
import { loadOutputProfile } from '../services/output-profile.js';
import { preparePicture } from '../services/picture-prepare.js';
import { createTypesetter } from '../services/typesetter.js';
import { makeJpeg, makePng } from '../tests/helpers/picture-files.js';
import { SAMPLE_FILE } from '../tests/helpers/sample.js';
import { figuresTable } from '../tests/helpers/table-issue.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;
async function time<T>(f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}
async function warm<T>(f: () => T | Promise<T>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) runs.push((await time(f)).ms);
  return round(median(runs));
}

const base = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
const photoFiles = [
  { bytes: makeJpeg(2400, 1600), caption: '图为联络站接待选民现场' },
  { bytes: makePng(900, 700), caption: '代表进站履职情况统计' },
  { bytes: makeJpeg(1200, 1800), caption: '代表走访群众' },
];
const prepared = await time(() => photoFiles.map((p) => ({ type: 'picture' as const, image: preparePicture(p.bytes).image, content: [{ text: p.caption }] })));
const [first, ...rest] = base.issue.articles;
const body: Block[] = [];
first!.body.forEach((b, i) => {
  body.push(b);
  if (i === 0) body.push(figuresTable(26));
  if (i === 1) body.push(prepared.value[0]!);
  if (i === 3) body.push(prepared.value[1]!);
  if (i === 5) body.push(prepared.value[2]!);
});
const doc: BulletinDocument = { ...base, issue: { ...base.issue, articles: [{ ...first!, body }, ...rest] } };

const typesetter = createTypesetter();
const profile = loadOutputProfile();
const pdfCold = await time(() => typesetter.exportPdf(doc, {}));
const pdfWarmMs = await warm(() => typesetter.exportPdf(doc, {}));
const pdfa = await time(async () => typesetter.renderLayout(typesetter.typeset(doc).layout, doc, { pdfa: profile }));
const pdfaWarmMs = await warm(async () => typesetter.renderLayout(typesetter.typeset(doc).layout, doc, { pdfa: profile }));
const ofd = typesetter.exportOfd(doc);
const ofdWarmMs = await warm(() => typesetter.exportOfd(doc));
const docx = await exportDocx(doc);
const docxWarmMs = await warm(() => exportDocx(doc));
const issueFileBytes = Buffer.byteLength(serializeDocument(doc), 'utf8');
const pages = pdfCold.value.typeset.layout.pages.length;
const ofdBytes = ofd.bytes.length;
const docxBytes = docx.length;

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(`样例 + 三张照片 + 两页表格：${pages} 页`);
console.log(`期刊文件 ${kb(issueFileBytes)}；PDF ${kb(pdfCold.value.bytes.length)}（首次 ${round(pdfCold.ms)} ms，再次 ${pdfWarmMs} ms）`);
console.log(`PDF/A ${kb(pdfa.value.length)}（再次 ${pdfaWarmMs} ms）；OFD ${kb(ofdBytes)}（再次 ${ofdWarmMs} ms）；Word ${kb(docxBytes)}（再次 ${docxWarmMs} ms）`);
console.log(`三张照片重新编码 ${round(prepared.ms)} ms`);
console.log(
  JSON.stringify({
    pages,
    issueFileBytes,
    pdfBytes: pdfCold.value.bytes.length,
    pdfaBytes: pdfa.value.length,
    ofdBytes,
    docxBytes,
    pdfColdMs: round(pdfCold.ms),
    pdfWarmMs,
    pdfaWarmMs,
    ofdWarmMs,
    docxWarmMs,
    prepareMs: round(prepared.ms),
  }),
);
