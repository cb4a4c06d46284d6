/**
 * The sample issue exported to OFD and read back by programs we did not write: Info-ZIP's unzip (CRCs), the
 * browser's XML parser (every part well-formed; the GB/T 33190 structure checked in
 * tests/helpers/ofd-package-check.ts), Chromium's font sanitizer (every embedded subset font loads), and ofd.js
 * (page count, text in order, each page drawn and compared with pdf.js's drawing of the PDF of the same issue).
 *
 * Pixel threshold: pages are drawn at 4 px/mm (≈ 102 dpi); a pixel is ink when its luma is below 160; ink in
 * one drawing with no ink within 1 px (0.25 mm) in the other is a mismatch; a page passes when mismatches
 * are at most 1 % of the ink of both drawings (the sample measures 0.07–0.13 %). The same measure between a
 * page and the PDF's next page must exceed 10 % (the comparison can fail: same grid, different text).
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { PageLayout } from '../../core/typeset/page-layout.js';
import { createTypesetter } from '../../services/typesetter.js';
import { openOfdBrowser, type OfdBrowser, type OfdReadBack } from '../helpers/ofd-browser.js';
import { all, checkOfdPackage, kid, kids, unzipFiles, type CheckedOfd } from '../helpers/ofd-package-check.js';
import { hanOnly, lcsLength } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { toolAvailable } from '../helpers/system-tools.js';

const PX_PER_MM = 4;
const TOLERANCE_PX = 1;
const MAX_MISMATCH = 0.01;

let browser: OfdBrowser;
let doc: BulletinDocument;
let layout: PageLayout;
let ofd: Uint8Array;
let pdf: Uint8Array;
let files: Map<string, Buffer>;
let checked: CheckedOfd;
let read: OfdReadBack;
let draft: Uint8Array;

describe.skipIf(!toolAvailable('chromium', 'unzip'))('OFD read back by ofd.js and checked against GB/T 33190', () => {
  beforeAll(async () => {
    doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
    const typesetter = createTypesetter();
    const info = { Signer: '张三', SignedAt: '2021-06-02T08:00:00.000Z', SignOffOpinion: '同意印发', ApprovalStatus: '已签发' };
    const result = typesetter.exportOfd(doc, { extraInfo: info, now: new Date('2021-06-02T09:00:00Z'), version: '0.1.0' });
    ofd = result.bytes;
    layout = result.typeset.layout;
    pdf = (await typesetter.exportPdf(doc)).bytes;
    draft = typesetter.exportOfd(doc, { draft: true }).bytes;
    browser = await openOfdBrowser();
    files = unzipFiles(ofd);
    checked = await checkOfdPackage(files, browser.parseXml);
    const fonts = checked.fonts.map((f) => {
      const bytes = files.get(f.file)!;
      const weight = (fontkit.create(bytes) as unknown as { 'OS/2': { usWeightClass: number } })['OS/2'].usWeightClass;
      return { id: f.id, bytes, weight };
    });
    read = await browser.readOfd(ofd, fonts, PX_PER_MM);
    await browser.loadPdf(pdf);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is a well-formed OFD package: required elements and attributes, unique IDs, references that resolve', () => {
    expect(checked.problems).toEqual([]);
    expect([...files.keys()]).toContain('OFD.xml');
    expect(checked.pageIds).toHaveLength(layout.pages.length);
    // Every face the layout uses is embedded, as a font file of its own.
    const faces = new Set(layout.pages.flatMap((p) => p.texts.map((t) => t.face)));
    expect(checked.fonts).toHaveLength(faces.size);
  });

  it('carries the document information and the sign-off as CustomDatas', () => {
    const info = checked.docInfo;
    expect(kid(info, 'Title')?.text).toBe(layout.info.title);
    expect(kid(info, 'Author')?.text).toBe(doc.publication.unit);
    expect(kid(info, 'CreationDate')?.text).toBe('2021-06-02');
    expect(kid(info, 'Creator')?.text).toBe('简报编辑台');
    const custom = Object.fromEntries(kids(kid(info, 'CustomDatas')!, 'CustomData').map((c) => [c.attrs.Name, c.text]));
    expect(custom).toMatchObject({ Signer: '张三', SignOffOpinion: '同意印发', ApprovalStatus: '已签发' });
  });

  it('holds the issue structure as custom tags, in reading order', () => {
    const structure = checked.parts.get('Doc_0/Tags/Structure.xml')!;
    const roles = structure.children.map((c) => c.name).filter((n) => n !== 'Artifact' && n !== 'PageNumber');
    expect(roles[0]).toBe('Masthead');
    expect(roles).toContain('Title');
    expect(roles).toContain('Paragraph');
    expect(roles[roles.length - 1]).toBe('BackMatter');
    const titles = structure.children.filter((c) => c.name === 'Title').map((c) => c.attrs.Source);
    expect(titles).toEqual(doc.issue.articles.map((_, i) => `articles[${i}].title`));
    // Every heading of the model, with its level (run-in headings included).
    const headings = structure.children.filter((c) => c.name === 'Heading').map((c) => [c.attrs.Source, Number(c.attrs.Level)]);
    const expected = doc.issue.articles.flatMap((article, a) =>
      article.body.flatMap((block, b) => (block.type === 'heading' ? [[`articles[${a}].body[${b}]`, block.level]] : [])),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(headings).toEqual(expected);
    // Every object of every page is referenced exactly once.
    const refs = all(structure, 'ObjectRef').map((r) => `${r.attrs.PageRef}:${r.text}`);
    expect(new Set(refs).size).toBe(refs.length);
    const objects = layout.pages.reduce((n, p) => n + p.texts.length + p.rules.length, 0);
    expect(refs).toHaveLength(objects);
  });

  it('ofd.js reads every page, with the embedded fonts, and its text holds ≥ 99.9 % of the Han characters in order', () => {
    expect(read.pages).toBe(layout.pages.length);
    for (const size of read.sizes) expect(size).toEqual({ width: 840, height: 1188 });
    const expected = hanOnly(layout.pages.flatMap((p) => p.texts.map((t) => t.text)).join(''));
    const got = hanOnly(read.texts.join(''));
    expect(expected.length).toBeGreaterThan(1500);
    expect(lcsLength(expected, got) / expected.length).toBeGreaterThanOrEqual(0.999);
    expect(got.length).toBeLessThanOrEqual(expected.length);
  });

  it(`each page drawn by ofd.js matches pdf.js's drawing of the PDF (≤ ${MAX_MISMATCH * 100} % ink mismatch)`, async () => {
    const ratios: number[] = [];
    for (let p = 1; p <= layout.pages.length; p++) {
      const d = await browser.compare(p, p, { pixelsPerMm: PX_PER_MM, tolerance: TOLERANCE_PX });
      expect(d.inkA).toBeGreaterThan(1000);
      ratios.push(d.ratio);
    }
    console.log('OFD vs PDF ink mismatch per page:', ratios.map((r) => `${(r * 100).toFixed(2)} %`).join(', '));
    for (const r of ratios) expect(r).toBeLessThanOrEqual(MAX_MISMATCH);
    // The measure tells pages apart: page 2 of the OFD against page 3 of the PDF.
    const other = await browser.compare(2, 3, { pixelsPerMm: PX_PER_MM, tolerance: TOLERANCE_PX });
    console.log('page 2 against page 3:', `${(other.ratio * 100).toFixed(2)} %`);
    expect(other.ratio).toBeGreaterThan(0.1);
  });

  it('a draft: same structure, and ofd.js reads the 样稿 watermark (a rotated, translucent text object) on every page', async () => {
    const draftFiles = unzipFiles(draft);
    const draftChecked = await checkOfdPackage(draftFiles, browser.parseXml);
    expect(draftChecked.problems).toEqual([]);
    const fonts = draftChecked.fonts.map((f) => {
      const bytes = draftFiles.get(f.file)!;
      return { id: f.id, bytes, weight: (fontkit.create(bytes) as unknown as { 'OS/2': { usWeightClass: number } })['OS/2'].usWeightClass };
    });
    const back = await browser.readOfd(draft, fonts, PX_PER_MM);
    expect(back.pages).toBe(layout.pages.length);
    for (const text of back.texts) expect(text).toContain('样 稿');
  });
});
