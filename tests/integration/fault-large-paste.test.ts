/**
 * Issue 5, item 6: a 1 MB paste — the sample's body repeated to a megabyte — is read (readInput), kept in
 * the library (import, save, read) and still exports: a PDF of hundreds of pages. The timings are printed
 * (they vary too much between machines to be asserted); the test only bounds them loosely through its
 * timeout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../core/model/format.js';
import { importPlainText } from '../../core/import/plain-text.js';
import { readInput } from '../../core/io/read-input.js';
import { createLibrary } from '../../services/library.js';
import { createTypesetter } from '../../services/typesetter.js';
import { SAMPLE_TEXT } from '../helpers/fault-inputs.js';

/** The sample with its body (first paragraph to the contributor line, excluded) repeated to `bytes`. */
function bigPaste(bytes: number): { text: string; repeats: number } {
  const lines = SAMPLE_TEXT.split('\n');
  const start = lines.findIndex((l) => l.startsWith('今年3月中旬'));
  const end = lines.findIndex((l) => /^[（(]长沙市人大常委会供稿[）)]$/.test(l.trim()));
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const head = lines.slice(0, start).join('\n');
  const body = lines.slice(start, end).join('\n');
  const tail = lines.slice(end).join('\n');
  const bodies: string[] = [];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  while (size < bytes) {
    bodies.push(body);
    size += Buffer.byteLength(body) + 2;
  }
  return { text: `${head}\n${bodies.join('\n\n')}\n${tail}`, repeats: bodies.length };
}

const timings: string[] = [];
function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  timings.push(`${what} ${Math.round(performance.now() - started)} ms`);
  return result;
}
async function timedAsync<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings.push(`${what} ${Math.round(performance.now() - started)} ms`);
  return result;
}

let tmp: string | undefined;
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`[fault-large-paste] ${timings.join('; ')}`);
});

describe('a 1 MB paste', () => {
  it('is read, kept in the library, and exported as a PDF of hundreds of pages', async () => {
    const { text, repeats } = bigPaste(1024 * 1024);
    const sampleBlocks = importPlainText(SAMPLE_TEXT).document.issue.articles[0]!.body.length;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThanOrEqual(1024 * 1024);
    timings.push(`input ${(bytes.length / 1048576).toFixed(2)} MB (${repeats} copies of the body)`);

    const input = timed('readInput', () => readInput(bytes, { name: 'paste.txt', today: '2024-05-01' }));
    expect(input.kind).toBe('text');
    const doc = input.document;
    expect(doc.issue.articles).toHaveLength(1);
    // Every paragraph and heading of every copy arrived, as in the sample itself.
    expect(doc.issue.articles[0]!.body.length).toBe(repeats * sampleBlocks);
    expect(doc.issue.articles[0]!.contributor).toBe('长沙市人大常委会');

    const file = timed('serializeDocument', () => serializeDocument(doc));
    const back = timed('parseDocument', () => parseDocument(file));
    expect(back.ok && back.document).toEqual(doc);

    // In the library: import, open, save a change.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fault-large-'));
    const lib = createLibrary({ dir: tmp });
    const { id } = timed('library importBytes', () => lib.importBytes(bytes, 'paste.txt', { today: '2024-05-01' }));
    const stored = timed('library read', () => lib.read(id));
    const edited = { ...stored.document, issue: { ...stored.document.issue, editorNote: [[{ text: '大文件测试。' }]] } };
    expect(timed('library save', () => lib.save(id, edited, stored.revision)).status).toBe('saved');
    expect(timed('library list', () => lib.list()).issues).toHaveLength(1);

    // And it still exports.
    const typesetter = createTypesetter();
    const result = await timedAsync('exportPdf', () => typesetter.exportPdf(lib.read(id).document));
    const pages = result.typeset.layout.pages.length;
    timings.push(`${pages} pages, ${(result.bytes.length / 1048576).toFixed(1)} MB of PDF`);
    expect(Buffer.from(result.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pages).toBeGreaterThan(300);

    // The PDF read back has those pages, and the last one carries the end of the issue.
    const pdf = await getDocument({ data: new Uint8Array(result.bytes), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
    try {
      expect(pdf.numPages).toBe(pages);
      const last = await pdf.getPage(pdf.numPages);
      const lastText = (await last.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
      expect(lastText.replace(/\s+/g, '')).toContain('责任编辑');
    } finally {
      await pdf.destroy();
    }
  }, 180_000);
});
