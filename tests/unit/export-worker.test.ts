import type { PreviewResult } from '../../services/preview-types.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { CLOSED_MESSAGE, createExportWorker } from '../../services/export-worker.js';
import { addSigner, TEST_KDF } from '../helpers/signing.js';
import { createApproval } from '../../services/approval.js';
import { createLibrary } from '../../services/library.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { makeJpeg } from '../helpers/picture-files.js';

/** The PDF of a preview made in 'pdf' mode (the default). */
function pdfOf(result: PreviewResult): Uint8Array {
  if (result.kind !== 'pdf') throw new Error('expected a PDF preview');
  return result.pdf;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = readFileSync(SAMPLE_FILE);
const doc = readInput(SAMPLE, { name: 'lianluo-2021-08.txt' }).document;

function withNumber(d: BulletinDocument, number: number): BulletinDocument {
  return { ...d, issue: { ...d.issue, number } };
}

const worker = createExportWorker();
afterAll(() => worker.close());

function pdfText(pdf: Uint8Array): string {
  return Buffer.from(pdf).toString('latin1');
}

describe('export worker', () => {
  it('renders a preview PDF in a worker thread, off the main event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await worker.render(doc, { draft: false });
    clearInterval(timer);
    expect(pdfText(pdfOf(result).subarray(0, 5))).toBe('%PDF-');
    expect(result.pages).toBeGreaterThanOrEqual(1);
    expect(result.missing).toEqual([]);
    expect(result.ms).toBeGreaterThan(0);
    // The main thread kept running while the thread typeset (fonts loaded there: hundreds of ms).
    expect(ticks).toBeGreaterThan(3);
  });

  it('draft adds the 样稿 watermark', async () => {
    const plain = await worker.render(doc, { draft: false });
    const draft = await worker.render(doc, { draft: true });
    expect(draft.pages).toBe(plain.pages);
    expect(pdfOf(draft).length).not.toBe(pdfOf(plain).length);
  });

  it('lists characters no font has and still renders the preview', async () => {
    const odd = String.fromCodePoint(0xe000); // private use: in no bundled font
    const first = doc.issue.articles[0]!;
    const withMissing: BulletinDocument = {
      ...doc,
      issue: { ...doc.issue, articles: [{ ...first, title: `${first.title}${odd}` }, ...doc.issue.articles.slice(1)] },
    };
    const result = await worker.render(withMissing, { draft: true });
    expect(pdfText(pdfOf(result).subarray(0, 5))).toBe('%PDF-');
    expect(result.pages).toBeGreaterThanOrEqual(1);
    expect(result.missing.map((m) => m.codePoint)).toContain(0xe000);
    expect(result.missing[0]!.char).toBe(odd);
  });

  it('coalesces: while one render runs, only the newest waiting request is rendered, older waiters get its result', async () => {
    const a = worker.render(withNumber(doc, 1), { draft: false });
    const b = worker.render(withNumber(doc, 2), { draft: false });
    const c = worker.render(withNumber(doc, 3), { draft: false });
    const d = worker.render(withNumber(doc, 4), { draft: false });
    const [ra, rb, rc, rd] = await Promise.all([a, b, c, d]);
    // a ran alone; b and c were superseded by d while waiting and resolve with d's result.
    expect(ra).not.toBe(rd);
    expect(rb).toBe(rd);
    expect(rc).toBe(rd);
    expect(pdfText(pdfOf(ra))).not.toBe(pdfText(pdfOf(rd)));
  });

  it('a failing render rejects with the thread’s message and the worker keeps serving', async () => {
    const broken = { ...doc, publication: { ...doc.publication, fonts: { ...doc.publication.fonts, body: { kind: 'file', path: '/nonexistent/字体.ttf' } } } } as BulletinDocument;
    await expect(worker.render(broken, { draft: false })).rejects.toThrow(/找不到字体文件/);
    const ok = await worker.render(doc, { draft: false });
    expect(ok.pages).toBeGreaterThanOrEqual(1);
  });

  it('close() rejects waiting requests and every later one', async () => {
    const w = createExportWorker();
    const first = w.render(doc, { draft: false }).catch((e: Error) => e);
    const second = w.render(withNumber(doc, 9), { draft: false }).catch((e: Error) => e);
    await w.close();
    expect(String(await first)).toContain(CLOSED_MESSAGE);
    expect(String(await second)).toContain(CLOSED_MESSAGE);
    await expect(w.render(doc, { draft: false })).rejects.toThrow(CLOSED_MESSAGE);
    await w.close(); // twice is fine
  });
});

describe('export worker: check, export and printing requests', () => {
  it('check: the core checks with the thread’s glyph coverage (a character no font has is an error)', async () => {
    const first = doc.issue.articles[0]!;
    const odd = String.fromCodePoint(0xe000);
    const withOdd: BulletinDocument = {
      ...doc,
      issue: { ...doc.issue, articles: [{ ...first, title: `标题${odd}` }, ...doc.issue.articles.slice(1)] },
    };
    const problems = await worker.check(withOdd);
    expect(problems.some((p) => p.severity === 'error' && p.message.includes('U+E000'))).toBe(true);
    const clean = await worker.check(doc);
    expect(clean.some((p) => p.message.includes('U+'))).toBe(false);
  });

  it('checkFont refuses a file that is not a usable font, in Chinese', async () => {
    await expect(worker.checkFont('/nonexistent/字体.ttf')).rejects.toThrow(/找不到字体文件/);
  });

  it('exportIssue: the final PDF of an unsigned issue is refused in Chinese; a draft exports and is recorded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'worker-library-'));
    const library = createLibrary({ dir });
    const w = createExportWorker({ libraryDir: dir });
    try {
      const { id } = library.importBytes(new Uint8Array(SAMPLE), 'lianluo-2021-08.txt');
      // The main process's library has read (and cached) the meta before the thread writes it.
      const before = library.read(id).meta;
      expect(before.history.some((h) => h.action === 'exported')).toBe(false);

      const refused = await w.exportIssue(id, { final: true }).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toBe('不能导出正式版：尚未签发');
      expect((refused as Error).name).toBe('FinalExportRefused');

      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const exported = await w.exportIssue(id, { final: false, by: '编辑甲', target: '/tmp/样稿.pdf' });
      clearInterval(timer);
      expect(exported.bytes).toBeInstanceOf(Uint8Array);
      expect(pdfText(exported.bytes.subarray(0, 5))).toBe('%PDF-');
      expect(exported.fileName).toMatch(/^联络动态2021年第8期.*（样稿）\.pdf$/);
      expect(exported.pages).toBeGreaterThanOrEqual(1);
      expect(exported.meta.history.at(-1)).toMatchObject({ action: 'exported', by: '编辑甲', detail: '样稿：/tmp/样稿.pdf' });
      expect(ticks).toBeGreaterThan(3); // typeset in the thread: the main loop kept running

      // Written by the thread's library instance; the main one does not serve its cached meta.
      const after = library.read(id).meta;
      expect(after.history.at(-1)).toMatchObject({ action: 'exported', detail: '样稿：/tmp/样稿.pdf' });
      expect(library.list({}).issues.find((i) => i.id === id)?.updatedAt).toBe(after.updatedAt);
    } finally {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exportIssue: the final PDF of a signed-off issue, and the status the thread reads is the main process’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'worker-library-'));
    const library = createLibrary({ dir });
    const w = createExportWorker({ libraryDir: dir, now: () => new Date('2021-06-02T01:00:00Z') });
    // Signed as the app signs: the final PDF rendered in the thread, signed here.
    const approval = createApproval({ library, kdf: TEST_KDF, renderFinal: (document, signOff) => w.renderFinal(document, signOff) });
    try {
      const { id } = library.importBytes(new Uint8Array(SAMPLE), 'lianluo-2021-08.txt');
      await addSigner(approval, '张主任', '246810');
      expect((await approval.signOff(id, { signer: '张主任', pin: '246810' })).ok).toBe(true);
      const exported = await w.exportIssue(id, { final: true });
      expect(pdfText(exported.bytes)).toContain('/Signer');
      expect(exported.fileName).not.toContain('样稿');
      // The thread's clock starts at the time the request carries.
      expect(exported.meta.history.at(-1)!.at.slice(0, 16)).toBe('2021-06-02T01:00');
      expect(library.read(id).meta.history.at(-1)!.action).toBe('exported');
      // Printing in the thread refuses an unknown issue id in Chinese; the error crosses as it is.
      await expect(w.print({ id: 'nope', printer: 'PDF', copies: 0, duplex: false, pageRange: '', distribution: false })).rejects.toThrow(
        /份数应为 1 到 9999/,
      );
    } finally {
      await w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a request for the library without libraryDir is refused in Chinese', async () => {
    await expect(worker.exportIssue('2021-001-abcd', { final: false })).rejects.toThrow('导出线程未设置文库文件夹');
  });
});

describe('export worker from the bundle', () => {
  it('runs scripts/build-electron.mjs’s export-worker-thread.cjs (what the packaged app runs) and renders', async () => {
    // Inside the repository, so the bundle's requires find node_modules as in the app's folder.
    const scratch = path.resolve(here, '../../tmp');
    mkdirSync(scratch, { recursive: true });
    const out = mkdtempSync(path.join(scratch, 'bundle-'));
    try {
      execFileSync(process.execPath, [path.resolve(here, '../../scripts/build-electron.mjs'), '--outdir', out], { stdio: 'pipe' });
      const thread = path.join(out, 'main', 'export-worker-thread.cjs');
      expect(existsSync(thread)).toBe(true);
      // As main.ts passes them: the fonts folder is given, not found from the bundle's own place.
      const bundled = createExportWorker({ threadUrl: pathToFileURL(thread), fonts: { fontsDir: path.resolve(here, '../../fonts') } });
      try {
        const result = await bundled.render(doc, { draft: true });
        expect(pdfText(pdfOf(result).subarray(0, 5))).toBe('%PDF-');
        expect(result.pages).toBeGreaterThanOrEqual(1);
        expect(Array.isArray(await bundled.check(doc))).toBe(true);
        // Pictures are re-encoded in the bundled thread too (jpeg-js and pngjs resolved from node_modules).
        expect(await bundled.preparePicture(makeJpeg(40, 30))).toMatchObject({ format: 'jpeg', width: 40, height: 30 });
      } finally {
        await bundled.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('export worker, thread failures', () => {
  it('a thread that dies rejects its request in Chinese, and the next render starts a new thread', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'thread-'));
    const thread = path.join(scratch, 'fake-thread.cjs');
    // Answers like the real thread, except that issue number 13 kills it.
    writeFileSync(
      thread,
      `const { parentPort, threadId } = require('node:worker_threads');
       parentPort.on('message', (r) => {
         if (r.payload.document.issue.number === 13) process.exit(3);
         parentPort.postMessage({ id: r.id, ok: true, result: { pdf: new Uint8Array([37]), pages: threadId, ms: 1, missing: [] } });
       });`,
    );
    const w = createExportWorker({ threadUrl: pathToFileURL(thread) });
    try {
      const first = await w.render(doc, { draft: false });
      await expect(w.render(withNumber(doc, 13), { draft: false })).rejects.toThrow(/预览排版线程意外退出：退出码 3/);
      const after = await w.render(doc, { draft: false });
      expect(after.pages).not.toBe(first.pages); // another thread (threadId) answered
    } finally {
      await w.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
