/**
 * Export benchmark on the real sample. Prints a table, then as its last line one JSON object:
 * {"coldMs", "warmMs", "editedMs", "bytes", "peakRssMB"}.
 *  - coldMs: first export in a fresh process, font loading included (measured in a child process);
 *  - warmMs: median of 10 exports of the same issue in one process, after a warm-up (below);
 *  - editedMs: median of 10 exports, each after changing a few characters of one paragraph;
 *  - bytes: the PDF's size; peakRssMB: the peak resident set of the export process (the child).
 * Targets (issue 2): editedMs ≤ 60, coldMs ≤ 1500, bytes ≤ 250 KB, peakRssMB ≤ 300.
 * Then the `bulletin` command's whole-process figures of bench/cli-bench.ts (issue 8) and the Word figures of
 * bench/word-bench.ts (issue 9: docxImportWarmMs, docxExportWarmMs, …) and bench/ofd-bench.ts (issue 10: ofdWarmMs,
 * ofdSizeRatio, …), in the same JSON line.
 *
 * Warm-up (issue 13): before warmMs and editedMs are measured, WARM_UP_ROUNDS exports — the issue, and other edits
 * of the same paragraph (after its 60th character, other characters; the measured edits are at 10–49) — run
 * unmeasured. "Warm" means a process that has been
 * exporting for a while, as the app's export worker has after a minute of typing: V8 has then compiled the export's
 * code. Without the warm-up the first measured rounds timed the JIT instead (interpreted code, and the optimising
 * compiler's threads, whose CPU time made warmCpuMs exceed the wall time), and the line breaker, which a warm
 * export of an unchanged issue never runs, was first compiled during the edited rounds. Nothing measured is left
 * out: every measured round counts in its median.
 *
 * Issue 13 adds (same last line): warmCpuMs/editedCpuMs (median CPU time of the same rounds: on a busy machine
 * the wall-clock medians include waiting for a core), warmBestMs/editedBestMs (the fastest round), typesetEditedMs; pdfmakeWarmMs/pdfmakeBytes (the second backend, for comparison); big issues — a
 * 增刊 made by repeating the sample's articles to about 5, 60 and 120 pages, exported warm in-process:
 * bigMs {"5":…, "60":…, "120":…} (median of 3 repeated exports), bigFirstMs (its first export in this process:
 * fonts loaded, nothing of the issue cached), bigMsPerPage, bigPages; bigPreviewEditMs: after an edit on page 50 of the
 * 60-page issue, the preview worker's render (typesetting + the preview layout, the outlines already sent).
 * Targets (issue 13): warmMs ≤ 10, editedMs ≤ 12, bytes ≤ pdfmake's + 10 %, bigMs["60"] ≤ 1000, cost linear in
 * pages, bigPreviewEditMs well under 150, peakRssMB ≤ 200 — printed with the figures as `targets` (bigMs60 is
 * bigMs["60"]). The worker thread's memory is measured by `npm run bench:preview` (bench/worker-memory.ts).
 *
 * Issue 10 adds: the final PDF as sign-off makes it (typesetting + exact subsets), median of 20 alternating warm
 * rounds — finalPlainMs (untagged, not PDF/A: the final PDF before issue 10), finalPdfaMs (PDF/A-2u and tagged,
 * today's default), their CPU times finalPlainCpuMs/finalPdfaCpuMs, finalPdfaRatio (of the CPU medians; target
 * ≤ 1.2), finalPdfaWallRatio, finalPlainBytes/finalPdfaBytes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInput } from '../core/io/read-input.js';
import type { BulletinDocument } from '../core/model/document.js';
import type { Block } from '../core/model/issue.js';
import { createPreviewRenderer } from '../services/export-worker-preview.js';
import { loadOutputProfile } from '../services/output-profile.js';
import { createLayoutRenderer } from '../services/pdf-backends.js';
import { createTypesetter } from '../services/typesetter.js';
import { SAMPLE_FILE } from '../tests/helpers/sample.js';

const samplePath = SAMPLE_FILE;

/** Unmeasured exports before the warm and edited rounds (see the warm-up above). */
const WARM_UP_ROUNDS = 40;

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

/** CPU time (user + system) of this process since `start`, in ms: unlike wall time, not inflated by waiting for a core. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
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

/** A warm-up edit: the first article's first paragraph changed after its 60th character (measured edits are at 10–49). */
function warmUpEdit(doc: BulletinDocument, round: number): BulletinDocument {
  const article = doc.issue.articles[0]!;
  const index = article.body.findIndex((b) => b.type === 'paragraph');
  const block = article.body[index]! as Extract<Block, { type: 'paragraph' }>;
  const text = block.content.map((i) => i.text).join('');
  const at = Math.min(text.length, 60 + ((round * 5) % 30));
  const changed = text.slice(0, at) + '工作联络'.slice(0, 1 + (round % 4)) + text.slice(at + 2);
  const body = article.body.map((b, i) => (i === index ? { ...block, content: [{ text: changed }] } : b));
  return { ...doc, issue: { ...doc.issue, articles: [{ ...article, body }, ...doc.issue.articles.slice(1)] } };
}

/** The sample's articles repeated `copies` times (a 增刊): each copy's title numbered. */
function enlarged(doc: BulletinDocument, copies: number): BulletinDocument {
  const articles = Array.from({ length: copies }, (_, c) => doc.issue.articles.map((a) => ({ ...a, title: `${a.title}（${c + 1}）` }))).flat();
  return { ...doc, issue: { ...doc.issue, articles } };
}

/** Copies of the sample's articles giving about `pages` pages. */
function copiesFor(pagesPerCopy: number, pages: number): number {
  return Math.max(1, Math.round(pages / pagesPerCopy));
}

/** One paragraph of the article copy that sits on about page `page` changed. */
function editedAt(doc: BulletinDocument, page: number, pagesTotal: number, round: number): BulletinDocument {
  const articles = doc.issue.articles;
  const ai = Math.min(articles.length - 1, Math.floor((page / pagesTotal) * articles.length));
  const article = articles[ai]!;
  const index = article.body.findIndex((b) => b.type === 'paragraph');
  const block = article.body[index]! as Extract<Block, { type: 'paragraph' }>;
  const text = block.content.map((i) => i.text).join('');
  const changed = text.slice(0, 10) + '调研走访'.slice(0, 1 + (round % 4)) + text.slice(12);
  const body = article.body.map((b, i) => (i === index ? { ...block, content: [{ text: changed }] } : b));
  return { ...doc, issue: { ...doc.issue, articles: articles.map((a, i) => (i === ai ? { ...article, body } : a)) } };
}

async function main(): Promise<void> {
  const child = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--cold'], {
    encoding: 'utf8',
  });
  const coldResult = JSON.parse(child.trim().split('\n').pop()!) as { coldMs: number; bytes: number; peakRssMB: number };

  const typesetter = createTypesetter();
  const doc = loadSample();
  await typesetter.exportPdf(doc); // first export: fonts parsed
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    await typesetter.exportPdf(i % 2 ? doc : warmUpEdit(doc, i));
  }
  const warm: number[] = [];
  const warmCpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    bytes = (await typesetter.exportPdf(doc)).bytes.length;
    warm.push(performance.now() - t);
    warmCpu.push(cpuMs(c));
  }
  const editedTimes: number[] = [];
  const editedCpu: number[] = [];
  const typesetTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const changed = edited(doc, i);
    const c = process.cpuUsage();
    const t = performance.now();
    await typesetter.exportPdf(changed);
    editedTimes.push(performance.now() - t);
    editedCpu.push(cpuMs(c));
    const t2 = performance.now();
    typesetter.typeset(changed);
    typesetTimes.push(performance.now() - t2);
  }
  // The second backend, for comparison.
  const pdfmake = createTypesetter({ backend: 'pdfmake' });
  await pdfmake.exportPdf(doc);
  const pdfmakeWarm: number[] = [];
  let pdfmakeBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    pdfmakeBytes = (await pdfmake.exportPdf(doc)).bytes.length;
    pdfmakeWarm.push(performance.now() - t);
  }

  // Big issues: about 5, 60 and 120 pages, warm (second export of the same issue in this process).
  const samplePages = (await typesetter.exportPdf(doc)).typeset.layout.pages.length;
  const bigMs: Record<string, number> = {};
  const bigFirstMs: Record<string, number> = {};
  const bigPages: Record<string, number> = {};
  const bigMsPerPage: Record<string, number> = {};
  for (const target of [5, 60, 120]) {
    // Pages per copy of the articles (the masthead is on page 1 only): measured on 10 copies.
    const perCopy = typesetter.typeset(enlarged(doc, 10)).layout.pages.length / 10;
    const big = enlarged(doc, target <= samplePages ? 1 : copiesFor(perCopy, target));
    const first = performance.now();
    await typesetter.exportPdf(big);
    bigFirstMs[target] = round(performance.now() - first);
    const times: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      pages = (await typesetter.exportPdf(big)).typeset.layout.pages.length;
      times.push(performance.now() - t);
    }
    bigMs[target] = round(median(times));
    bigPages[target] = pages;
    bigMsPerPage[target] = round(median(times) / pages);
  }
  // The 60-page issue in the preview worker's path: an edit on page 50.
  const big60 = enlarged(doc, copiesFor(typesetter.typeset(enlarged(doc, 10)).layout.pages.length / 10, 60));
  const preview = createPreviewRenderer(typesetter);
  await preview.render(big60, { draft: true, mode: 'layout', session: 'bench' });
  const previewTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const changed = editedAt(big60, 50, bigPages[60]!, i);
    const t = performance.now();
    await preview.render(changed, { draft: true, mode: 'layout', session: 'bench' });
    previewTimes.push(performance.now() - t);
  }

  const final = await finalFigures(typesetter, doc);

  const result = {
    ...final,
    coldMs: round(coldResult.coldMs),
    warmMs: round(median(warm)),
    editedMs: round(median(editedTimes)),
    bytes,
    // The export process's peak (the child exporting the sample); this process also ran pdfmake and big issues.
    peakRssMB: round(coldResult.peakRssMB),
    benchProcessPeakRssMB: round(peakRssMB()),
    warmUpRounds: WARM_UP_ROUNDS,
    warmCpuMs: round(median(warmCpu)),
    editedCpuMs: round(median(editedCpu)),
    warmBestMs: round(Math.min(...warm)),
    editedBestMs: round(Math.min(...editedTimes)),
    typesetEditedMs: round(median(typesetTimes)),
    pdfmakeWarmMs: round(median(pdfmakeWarm)),
    pdfmakeBytes,
    bigMs,
    bigFirstMs,
    bigPages,
    bigMsPerPage,
    bigPreviewEditMs: round(median(previewTimes)),
    // Issue 13's targets for the fields above (bigMsPerPage: about the same at 5, 60 and 120 pages).
    targets: { warmMs: 10, editedMs: 12, bytes: Math.round(pdfmakeBytes * 1.1), peakRssMB: 200, bigMs60: 1000, bigPreviewEditMs: 150 },
  };
  process.stdout.write(
    `final PDF: plain ${final.finalPlainMs} ms (CPU ${final.finalPlainCpuMs}), PDF/A-2u + tagged ${final.finalPdfaMs} ms (CPU ${final.finalPdfaCpuMs}), × ${final.finalPdfaRatio} CPU, × ${final.finalPdfaWallRatio} wall\n`,
  );
  process.stdout.write(`typeset only (edited, median): ${round(median(typesetTimes))} ms\n`);
  process.stdout.write(`big issues: ${[5, 60, 120].map((n) => `${bigPages[n]} pages ${bigMs[n]} ms (${bigMsPerPage[n]} ms/page)`).join(', ')}\n`);
  process.stdout.write(`60-page issue, edit on page 50, preview worker: ${previewTimes.map(round).join(', ')} ms\n`);
  process.stdout.write(`warm exports: ${warm.map(round).join(', ')} ms\n`);
  process.stdout.write(`edited exports: ${editedTimes.map(round).join(', ')} ms\n`);
  process.stdout.write(JSON.stringify({ ...result, ...cliFigures(), ...childFigures('word-bench.ts', 'BENCH_WORD', 'docx'), ...childFigures('ofd-bench.ts', 'BENCH_OFD', 'ofd') }) + '\n');
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

/**
 * The final PDF as renderFinal makes it (typeset, then exact subsets of a fresh pool), untagged and plain vs
 * PDF/A-2u and tagged; rounds alternate so that both see the same machine load.
 */
async function finalFigures(
  typesetter: ReturnType<typeof createTypesetter>,
  doc: BulletinDocument,
): Promise<Record<'finalPlainMs' | 'finalPdfaMs' | 'finalPlainCpuMs' | 'finalPdfaCpuMs' | 'finalPdfaRatio' | 'finalPdfaWallRatio' | 'finalPlainBytes' | 'finalPdfaBytes', number>> {
  const renderer = createLayoutRenderer('pdf');
  const pdfa = loadOutputProfile();
  const faces = typesetter.faces;
  const request = { faces: faces.loaded(), defaultFace: faces.face(doc.publication.fonts.hei, 'regular').key, draft: false, subsets: 'exact' as const };
  const once = async (archival: boolean) => {
    const c = process.cpuUsage();
    const t = performance.now();
    const layout = typesetter.typeset(doc).layout;
    const bytes = await renderer.render(layout, archival ? { ...request, pdfa } : { ...request, tagged: false });
    return { ms: performance.now() - t, cpu: cpuMs(c), bytes: bytes.length };
  };
  await once(false);
  await once(true);
  const plain: number[] = [];
  const archival: number[] = [];
  const plainCpu: number[] = [];
  const archivalCpu: number[] = [];
  let plainBytes = 0;
  let pdfaBytes = 0;
  for (let i = 0; i < 20; i++) {
    const a = await once(false);
    const b = await once(true);
    plain.push(a.ms);
    archival.push(b.ms);
    plainCpu.push(a.cpu);
    archivalCpu.push(b.cpu);
    plainBytes = a.bytes;
    pdfaBytes = b.bytes;
  }
  const ratio = (x: number[], y: number[]) => Math.round((median(y) / median(x)) * 100) / 100;
  return {
    finalPlainMs: round(median(plain)),
    finalPdfaMs: round(median(archival)),
    finalPlainCpuMs: round(median(plainCpu)),
    finalPdfaCpuMs: round(median(archivalCpu)),
    // CPU time: on a shared machine the wall-clock medians include waiting for a core.
    finalPdfaRatio: ratio(plainCpu, archivalCpu),
    finalPdfaWallRatio: ratio(plain, archival),
    finalPlainBytes: plainBytes,
    finalPdfaBytes: pdfaBytes,
  };
}

/**
 * Another benchmark's JSON line (run as a child, its other lines passed through), its fields prefixed — Word import
 * and export from bench/word-bench.ts as docxImportWarmMs, docxExportWarmMs, … (issue 9). `<env>=0` leaves them out.
 */
function childFigures(script: string, env: string, prefix: string): Record<string, number> {
  if (process.env[env] === '0') return {};
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL(`./${script}`, import.meta.url))], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  process.stdout.write(lines.slice(0, -1).join('\n') + '\n');
  const figures = JSON.parse(lines.pop()!) as Record<string, number>;
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${prefix}${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

if (process.argv.includes('--cold')) await cold();
else await main();
