/**
 * Issue 13, point 4: the peak resident memory of the app's export worker thread, measured in a process of its own.
 *
 * The thread is started as the app starts it: createExportWorker (services/export-worker.ts) with the bundled
 * thread file (scripts/build-electron.mjs, built here into a temporary folder, so the figure is that of the
 * shipped code, without tsx's loader) over a temporary library holding the sample and a 增刊 of about 60 pages.
 * This process does nothing else (no typesetter, no fonts in the main thread): its resident set before the thread
 * starts is the base, and the growth above it is the thread's. The jobs, in the order a session meets them: the
 * sample's live preview (layout mode) and five edits, its 「PDF 校样」, its 校对 check, a draft PDF export and an
 * OFD export; then the 60-page issue's live preview, three edits on about page 50, its check and its PDF export.
 * The resident set is sampled every 5 ms while they run (and the kernel's maxRSS read at the end).
 *
 * Prints each phase's resident set, and as its LAST line a JSON object:
 * {"workerPeakRssMB", "workerBaseRssMB", "workerThreadPeakRssMB", "workerPages", "targets"}:
 *  - workerPeakRssMB: the peak of the whole process (this script's main thread, idle, + the worker thread);
 *  - workerBaseRssMB: the process before the thread started (Node, tsx and this script's modules);
 *  - workerThreadPeakRssMB: workerPeakRssMB − workerBaseRssMB, the thread's share: what the thread adds to the
 *    app's main process. Target (issue 13): ≤ 200 (in `targets`).
 * `npm run bench:preview` runs it in a child process and adds these fields to its own JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BulletinDocument } from '../core/model/document.js';
import type { Block } from '../core/model/issue.js';
import { createExportWorker } from '../services/export-worker.js';
import { createLibrary } from '../services/library.js';
import { sampleBytes } from '../tests/helpers/sample.js';

/** Copies of the sample's articles in the big issue (about 60 pages, as in bench:preview). */
const COPIES = 18;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The document with one more character at the end of the first paragraph of article `ai`. */
function edited(doc: BulletinDocument, ai: number, round: number): BulletinDocument {
  const articles = doc.issue.articles;
  const article = articles[ai]!;
  const index = article.body.findIndex((b) => b.type === 'paragraph');
  const block = article.body[index]! as Extract<Block, { type: 'paragraph' }>;
  const content = [...block.content, { text: '联络动态'[round % 4]! }];
  const body = article.body.map((b, i) => (i === index ? { ...block, content } : b));
  return { ...doc, issue: { ...doc.issue, articles: articles.map((a, i) => (i === ai ? { ...article, body } : a)) } };
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tmp = mkdtempSync(join(tmpdir(), 'bulletin-worker-rss-'));
  const bundle = join(root, 'out', `bench-worker-${process.pid}`);
  try {
    // The thread as shipped: the esbuild bundle next to a main.cjs (under out/, where the packages resolve).
    execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--outdir', bundle], { stdio: 'ignore' });
    const threadUrl = pathToFileURL(join(bundle, 'main', 'export-worker-thread.cjs'));
    const library = createLibrary({ dir: join(tmp, 'library') });
    const sample = library.importBytes(sampleBytes(), 'lianluo.txt');
    const big = library.importBytes(sampleBytes(), 'zengkan.txt');
    const stored = library.read(big.id);
    const base = stored.document;
    const articles = Array.from({ length: COPIES }, (_, c) => base.issue.articles.map((a) => ({ ...a, title: `${a.title}（${c + 1}）` }))).flat();
    const bigDoc: BulletinDocument = { ...base, issue: { ...base.issue, articles } };
    library.save(big.id, bigDoc, stored.revision);
    const sampleDoc = library.read(sample.id).document;

    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const phase = (name: string) => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      const max = process.resourceUsage().maxRSS * 1024;
      console.log(`${name.padEnd(28)} 常驻 ${mb(rss)} MB，采样峰值 ${mb(peak)} MB，内核记录的峰值 ${mb(max)} MB`);
    };
    console.log(`${'线程启动前'.padEnd(28)} 常驻 ${mb(baseRss)} MB`);

    const worker = createExportWorker({ libraryDir: library.dir, threadUrl, fonts: { fontsDir: join(root, 'fonts') } });
    let bigPages = 0;
    try {
      const session = 'bench-sample';
      await worker.render(sampleDoc, { draft: true, mode: 'layout', session });
      phase('样例实时预览');
      for (let i = 0; i < 5; i++) await worker.render(edited(sampleDoc, 0, i), { draft: true, mode: 'layout', session });
      phase('样例输入 5 次');
      await worker.render(sampleDoc, { draft: true, mode: 'pdf' });
      phase('样例 PDF 校样');
      await worker.check(sampleDoc);
      phase('样例校对');
      await worker.exportIssue(sample.id, { final: false, target: join(tmp, 'sample.pdf') });
      phase('样例导出 PDF');
      await worker.exportIssue(sample.id, { final: false, format: 'ofd', target: join(tmp, 'sample.ofd') });
      phase('样例导出 OFD');
      const bigSession = 'bench-big';
      bigPages = (await worker.render(bigDoc, { draft: true, mode: 'layout', session: bigSession })).pages;
      phase(`增刊（${bigPages} 页）实时预览`);
      const ai = Math.floor(articles.length * 0.83);
      for (let i = 0; i < 3; i++) await worker.render(edited(bigDoc, ai, i), { draft: true, mode: 'layout', session: bigSession });
      phase('增刊第 50 页附近输入 3 次');
      await worker.check(bigDoc);
      phase('增刊校对');
      await worker.exportIssue(big.id, { final: false, target: join(tmp, 'big.pdf') });
      phase('增刊导出 PDF');
    } finally {
      clearInterval(timer);
      await worker.close();
    }
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    console.log(
      JSON.stringify({
        workerPeakRssMB: mb(peak),
        workerBaseRssMB: mb(baseRss),
        workerThreadPeakRssMB: mb(peak - baseRss),
        workerPages: bigPages,
        targets: { workerThreadPeakRssMB: 200 },
      }),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(bundle, { recursive: true, force: true });
  }
}

await main();
