/**
 * Pictures in the PDF (issue 12 point 3), read back: three photos inserted into the sample issue (re-encoded by
 * services/picture-prepare.ts) export as DCT images at about 300 ppi in an ICC-based RGB colour space (pdfimages
 * -list), placed with their tops on grid lines (mutool trace), never split across pages, with the caption text
 * under each (pdftotext); the final PDF/A file passes the PDF/A-2 checker.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { linePitch, STANDARD } from '../../core/typeset/preset.js';
import { checkPdfa } from '../../services/pdfa-check.js';
import { loadOutputProfile } from '../../services/output-profile.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { unzipFiles } from '../helpers/ofd-package-check.js';
import { withThreePhotos } from '../helpers/picture-files.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';

let dir: string;
let typesetter: Typesetter;
let doc: BulletinDocument;
let pdfPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pictures-pdf-'));
  typesetter = createTypesetter();
  doc = withThreePhotos(readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document);
  const result = typesetter.typeset(doc);
  const bytes = await typesetter.renderLayout(result.layout, doc, { pdfa: loadOutputProfile() });
  pdfPath = join(dir, "pictures.pdf");
  writeFileSync(pdfPath, bytes);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pictures in the PDF', () => {
  it('typesets each picture whole, on one page, its top on a grid line', () => {
    const layout = typesetter.typeset(doc).layout;
    const images = layout.pages.flatMap((p, i) => (p.images ?? []).map((im) => ({ page: i, im })));
    expect(images).toHaveLength(3);
    const pitch = linePitch(STANDARD);
    for (const { im } of images) {
      const lines = (im.y - STANDARD.top) / pitch;
      expect(Math.abs(lines - Math.round(lines))).toBeLessThan(1e-6);
      expect(im.y + im.height).toBeLessThanOrEqual(STANDARD.top + STANDARD.height + 1e-6);
      expect(im.width).toBeLessThanOrEqual(STANDARD.width + 1e-6);
    }
  });

  it('pdfimages lists three DCT images at about 300 ppi in an ICC-based colour space', () => {
    if (!toolAvailable('pdfimages')) return;
    const rows = runTool('pdfimages', ['-list', pdfPath], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r[2]).toBe('image');
      expect(r[5]).toBe('icc');
      expect(r[6]).toBe('3');
      expect(r[8]).toBe('jpeg');
    }
    const ppi = rows.map((r) => Number(r[12]));
    // The large photo is re-encoded at 300 ppi of its placed size; the smaller two keep their pixels (≥ 150 ppi).
    expect(ppi[0]).toBeGreaterThan(295);
    expect(ppi[0]).toBeLessThan(305);
    for (const p of ppi) expect(p).toBeGreaterThanOrEqual(149);
  });

  it('mutool trace draws each image with its top on a grid line of the type area', () => {
    if (!toolAvailable('mutool')) return;
    const trace = runTool('mutool', ['trace', pdfPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const images = [...trace.matchAll(/<fill_image[^>]*transform="([^"]+)"/g)].map((m) => m[1]!.split(/\s+/).map(Number));
    expect(images).toHaveLength(3);
    const pitch = linePitch(STANDARD);
    for (const [a, , , d, e, f] of images as number[][]) {
      const top = Math.min(f!, f! + d!);
      const lines = (top - STANDARD.top) / pitch;
      expect(Math.abs(lines - Math.round(lines)), `top ${top}`).toBeLessThan(0.01);
      expect(e! + a!).toBeLessThanOrEqual(STANDARD.left + STANDARD.width + 0.01);
    }
  });

  it('prints the captions and stays a valid PDF/A-2 file', async () => {
    if (!toolAvailable('pdftotext')) return;
    const text = runTool('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('图为联络站接待选民现场');
    expect(text).toContain('代表进站履职情况统计');
    const report = await checkPdfa(new Uint8Array(readFileSync(pdfPath)));
    expect(report.results.filter((r) => !r.pass)).toEqual([]);
  });

  it('the OFD carries each picture as a JPEG multimedia resource drawn by an ImageObject', () => {
    const files = unzipFiles(typesetter.exportOfd(doc).bytes);
    const jpegs = [...files.keys()].filter((k) => /^Doc_0\/Res\/Image_\d+\.jpg$/.test(k));
    expect(jpegs).toHaveLength(3);
    for (const k of jpegs) expect([...files.get(k)!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const res = files.get('Doc_0/PublicRes.xml')!.toString('utf8');
    expect(res.match(/<ofd:MultiMedia [^>]*Type="Image"/g)).toHaveLength(3);
    const pages = [...files.entries()].filter(([k]) => k.endsWith('Content.xml')).map(([, v]) => v.toString('utf8'));
    const objects = pages.flatMap((p) => [...p.matchAll(/<ofd:ImageObject [^>]*ResourceID="(\d+)"/g)].map((m) => m[1]));
    expect(objects).toHaveLength(3);
    const structure = files.get('Doc_0/Tags/Structure.xml')!.toString('utf8');
    expect(structure).toContain('bd:Picture');
  });
});
