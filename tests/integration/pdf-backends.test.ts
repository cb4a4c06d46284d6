/**
 * Our own PDF writer against pdfmake, the second backend: the same sample and a draft give the same text
 * (pdftotext, poppler) and the same lines at the same places (pdf.js), and the writer's file passes qpdf --check
 * with every font embedded as a subset with a ToUnicode map (pdffonts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { createTypesetter } from '../../services/typesetter.js';
import { groupLines, lineText, pdffonts, readPdf } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

let dir: string;
let doc: BulletinDocument;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pdf-backends-'));
  doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
  for (const backend of ['pdf', 'pdfmake'] as const) {
    const typesetter = createTypesetter({ backend });
    for (const draft of [false, true]) {
      const { bytes } = await typesetter.exportPdf(doc, { draft });
      const file = join(dir, `${backend}${draft ? '-draft' : ''}.pdf`);
      writeFileSync(file, bytes);
      files[`${backend}${draft ? '-draft' : ''}`] = file;
    }
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdftotext = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('the two PDF backends', () => {
  it('give the same text, page by page (pdftotext)', () => {
    for (const variant of ['', '-draft']) {
      const ours = pdftotext(files[`pdf${variant}`]!).split('\f').map(squeeze);
      const theirs = pdftotext(files[`pdfmake${variant}`]!).split('\f').map(squeeze);
      expect(ours.length).toBeGreaterThan(2);
      expect(ours).toEqual(theirs);
    }
  });

  it('put the same lines at the same places (pdf.js)', async () => {
    const ours = await readPdf(readFileSync(files.pdf!));
    const theirs = await readPdf(readFileSync(files.pdfmake!));
    expect(ours.length).toBe(theirs.length);
    ours.forEach((page, i) => {
      const a = groupLines(page.items);
      const b = groupLines(theirs[i]!.items);
      expect(a.map((l) => squeeze(lineText(l)))).toEqual(b.map((l) => squeeze(lineText(l))));
      a.forEach((line, j) => {
        expect(line.y).toBeCloseTo(b[j]!.y, 0);
        const inkA = line.items.filter((t) => t.str.trim());
        const inkB = b[j]!.items.filter((t) => t.str.trim());
        expect(Math.min(...inkA.map((t) => t.x))).toBeCloseTo(Math.min(...inkB.map((t) => t.x)), 0);
        expect(Math.max(...inkA.map((t) => t.x + t.width))).toBeCloseTo(Math.max(...inkB.map((t) => t.x + t.width)), 0);
      });
    });
  });

  it('writes a well-formed PDF 1.7 with an /ID and subset fonts with ToUnicode maps', () => {
    const bytes = readFileSync(files.pdf!);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(bytes.toString('latin1')).toMatch(/\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/);
    execFileSync('qpdf', ['--check', files.pdf!], { encoding: 'utf8' });
    const fonts = pdffonts(files.pdf!);
    expect(fonts.length).toBeGreaterThan(2);
    for (const f of fonts) expect(f).toMatchObject({ emb: true, sub: true, uni: true });
    // No bigger than pdfmake's file by more than 10 %.
    expect(bytes.length).toBeLessThanOrEqual(readFileSync(files.pdfmake!).length * 1.1);
  });

  it('the draft carries the 样稿 watermark (rotated) on every page', async () => {
    const pages = await readPdf(readFileSync(files['pdf-draft']!));
    for (const page of pages) {
      const marks = page.items.filter((t) => t.rotated).map((t) => t.str.replace(/\s/g, ''));
      expect(marks.join('')).toContain('样稿');
    }
  });
});

/** A CFF-flavoured OpenType font (the first face of Debian's Noto Serif CJK collection, fonts-noto-cjk). */
const CFF_FONT = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

describe.skipIf(!existsSync(CFF_FONT))('a CFF (OpenType) body font', () => {
  it('is embedded as a CIDFontType0C subset and gives the text pdfmake gives', async () => {
    const cff: BulletinDocument = { ...doc, publication: { ...doc.publication, fonts: { ...doc.publication.fonts, body: { kind: 'file', path: CFF_FONT } } } };
    const out: Record<string, string> = {};
    for (const backend of ['pdf', 'pdfmake'] as const) {
      const { bytes } = await createTypesetter({ backend }).exportPdf(cff);
      out[backend] = join(dir, `cff-${backend}.pdf`);
      writeFileSync(out[backend]!, bytes);
    }
    const rows = pdffonts(out.pdf!);
    const body = rows.filter((f) => /NotoSerifCJK/.test(f.name));
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ type: 'CID Type 0C', emb: true, sub: true, uni: true });
    execFileSync('qpdf', ['--check', out.pdf!], { encoding: 'utf8' });
    expect(pdftotext(out.pdf!).split('\f').map(squeeze)).toEqual(pdftotext(out.pdfmake!).split('\f').map(squeeze));
  }, 120_000);
});
