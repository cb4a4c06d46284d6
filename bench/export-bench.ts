/**
 * Export benchmark on the real sample. Prints a table, then as its last line one JSON object:
 * {"coldMs", "warmMs", "editedMs", "bytes", "peakRssMB"}.
 *  - coldMs: first export in a fresh process, font loading included (measured in a child process);
 *  - warmMs: median of 10 exports of the same issue in one process;
 *  - editedMs: median of 10 exports, each after changing a few characters of one paragraph;
 *  - bytes: the PDF's size; peakRssMB: the larger peak resident set of the two processes.
 * Targets (issue 2): editedMs ≤ 60, coldMs ≤ 1500, bytes ≤ 250 KB, peakRssMB ≤ 300.
 * Then the `bulletin` command's whole-process figures of bench/cli-bench.ts (issue 8), in the same JSON line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInput } from '../core/io/read-input.js';
import type { BulletinDocument } from '../core/model/document.js';
import type { Block } from '../core/model/issue.js';
import { createTypesetter } from '../services/typesetter.js';
import { SAMPLE_FILE } from '../tests/helpers/sample.js';

const samplePath = SAMPLE_FILE;

function loadSample(): BulletinDocument {
  return readInput(readFileSync(samplePath), { name: samplePath, today: '2021-06-02' }).document;
}

function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function cold(): Promise<void> {
  const t0 = performance.now();
  const typesetter = createTypesetter();
  const result = await typesetter.exportPdf(loadSample());
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ coldMs: ms, bytes: result.bytes.length, peakRssMB: peakRssMB() }) + '\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The same issue with a few characters of one paragraph changed (a different change each round). */
function edited(doc: BulletinDocument, round: number): BulletinDocument {
  const article = doc.issue.articles[0]!;
  const index = article.body.findIndex((b) => b.type === 'paragraph');
  const block = article.body[index]! as Extract<Block, { type: 'paragraph' }>;
  const text = block.content.map((i) => i.text).join('');
  const at = 10 + ((round * 7) % 40);
  const changed = text.slice(0, at) + '调研走访'.slice(0, 1 + (round % 4)) + text.slice(at + 2);
  const body = article.body.map((b, i) => (i === index ? { ...block, content: [{ text: changed }] } : b));
  return { ...doc, issue: { ...doc.issue, articles: [{ ...article, body }, ...doc.issue.articles.slice(1)] } };
}

async function main(): Promise<void> {
  const child = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--cold'], {
    encoding: 'utf8',
  });
  const coldResult = JSON.parse(child.trim().split('\n').pop()!) as { coldMs: number; bytes: number; peakRssMB: number };

  const typesetter = createTypesetter();
  const doc = loadSample();
  await typesetter.exportPdf(doc); // first export: fonts parsed
  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    bytes = (await typesetter.exportPdf(doc)).bytes.length;
    warm.push(performance.now() - t);
  }
  const editedTimes: number[] = [];
  const typesetTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const changed = edited(doc, i);
    const t = performance.now();
    await typesetter.exportPdf(changed);
    editedTimes.push(performance.now() - t);
    const t2 = performance.now();
    typesetter.typeset(changed);
    typesetTimes.push(performance.now() - t2);
  }
  const result = {
    coldMs: round(coldResult.coldMs),
    warmMs: round(median(warm)),
    editedMs: round(median(editedTimes)),
    bytes,
    peakRssMB: round(Math.max(coldResult.peakRssMB, peakRssMB())),
  };
  process.stdout.write(`typeset only (edited, median): ${round(median(typesetTimes))} ms\n`);
  process.stdout.write(`warm exports: ${warm.map(round).join(', ')} ms\n`);
  process.stdout.write(`edited exports: ${editedTimes.map(round).join(', ')} ms\n`);
  process.stdout.write(JSON.stringify({ ...result, ...cliFigures() }) + '\n');
}

/**
 * The whole-process figures of the `bulletin` command (bench/cli-bench.ts, run as a child: cliHelpMs, cliExportMs,
 * libraryList1000Ms, librarySearch1000Ms, …), added to this benchmark's line (issue 8). BENCH_CLI=0 leaves them out.
 */
function cliFigures(): Record<string, number> {
  if (process.env.BENCH_CLI === '0') return {};
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL('./cli-bench.ts', import.meta.url))], {
    encoding: 'utf8',
    env: { BENCH_RUNS: '5', ...process.env },
  });
  process.stdout.write(out.trim().split('\n').slice(0, -1).join('\n') + '\n');
  const { runs: _runs, loadAverage: _load, ...figures } = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  return figures;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

if (process.argv.includes('--cold')) await cold();
else await main();
