/**
 * OFD export benchmark on the real sample (`npm run bench:ofd`). Prints a table, then as its last line one
 * JSON object: {"warmMs", "pdfWarmMs", "cpuMs", "bytes", "pdfBytes", "sizeRatio", "typesetMs", "writeMs"}.
 *  - warmMs: median of 10 OFD exports of the same issue in one process (fonts parsed; typesetting included);
 *  - pdfWarmMs: the same for the PDF, measured alongside for comparison;
 *  - bytes, pdfBytes, sizeRatio: the OFD's size, the PDF's, and OFD ÷ PDF;
 *  - cpuMs: median CPU time (user + system) of one OFD export: the measure to trust on a shared, loaded machine;
 *  - typesetMs / writeMs: the OFD export split into typesetting and writing the package (medians).
 * Targets (issue 10): warmMs ≤ 150, sizeRatio ≤ 1.2.
 */
import { readFileSync } from 'node:fs';
import { readInput } from '../core/io/read-input.js';
import { renderOfdLayout } from '../services/ofd-export.js';
import { createTypesetter } from '../services/typesetter.js';
import { SAMPLE_FILE } from '../tests/helpers/sample.js';

const doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
const typesetter = createTypesetter();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const round = (v: number) => Math.round(v * 10) / 10;

typesetter.exportOfd(doc);
await typesetter.exportPdf(doc);
const ofd: number[] = [];
const cpu: number[] = [];
const pdf: number[] = [];
const typesetOnly: number[] = [];
const writeOnly: number[] = [];
let bytes = 0;
let pdfBytes = 0;
for (let i = 0; i < 10; i++) {
  let t = performance.now();
  const c = process.cpuUsage();
  bytes = typesetter.exportOfd(doc).bytes.length;
  ofd.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  t = performance.now();
  pdfBytes = (await typesetter.exportPdf(doc)).bytes.length;
  pdf.push(performance.now() - t);
  t = performance.now();
  const result = typesetter.typeset(doc);
  typesetOnly.push(performance.now() - t);
  t = performance.now();
  renderOfdLayout(result.layout, doc, { faces: typesetter.faces });
  writeOnly.push(performance.now() - t);
}
const result = {
  warmMs: round(median(ofd)),
  pdfWarmMs: round(median(pdf)),
  cpuMs: round(median(cpu)),
  bytes,
  pdfBytes,
  sizeRatio: Math.round((bytes / pdfBytes) * 1000) / 1000,
  typesetMs: round(median(typesetOnly)),
  writeMs: round(median(writeOnly)),
};
process.stdout.write(`OFD exports: ${ofd.map(round).join(', ')} ms\n`);
process.stdout.write(`PDF exports: ${pdf.map(round).join(', ')} ms\n`);
process.stdout.write(`OFD ${Math.round(bytes / 1024)} KB, PDF ${Math.round(pdfBytes / 1024)} KB (× ${result.sizeRatio})\n`);
process.stdout.write(JSON.stringify(result) + '\n');
