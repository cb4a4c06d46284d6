/**
 * A picture floated to the next page (core/typeset/rules/picture-float.ts), read back from the PDF: the named test
 * issue with a photo reached near the foot of page 2 (tests/helpers/layout-issues.ts pictureFootIssue). pdfimages
 * lists the image on page 3; mutool trace draws it with its top on the type area's first grid line; pdftotext
 * shows page 2 filled to its last grid line with the text that follows the picture, and page 3 opening with the
 * 图注, then the rest of that text. The OFD, another backend of the same layout, draws the picture on page 3 too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../../core/model/inline.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { linePitch, STANDARD } from '../../core/typeset/preset.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { pictureFootIssue } from '../helpers/layout-issues.js';
import { unzipFiles } from '../helpers/ofd-package-check.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';

let dir: string;
let typesetter: Typesetter;
let doc: BulletinDocument;
let pdfPath: string;
const CAPTION = '图为代表联络站开展集中接待活动现场';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'picture-float-pdf-'));
  typesetter = createTypesetter();
  doc = pictureFootIssue();
  const bytes = await typesetter.renderLayout(typesetter.typeset(doc).layout, doc, {});
  pdfPath = join(dir, 'float.pdf');
  writeFileSync(pdfPath, bytes);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A page's text as pdftotext -layout prints it, without white space. */
function pageText(page: number): string {
  return runTool('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('a picture floated to the top of the next page, in the PDF', () => {
  it('pdfimages lists the one image on page 3', () => {
    if (!toolAvailable('pdfimages')) return;
    const rows = runTool('pdfimages', ['-list', pdfPath], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('3');
    expect(rows[0]![2]).toBe('image');
  });

  it('mutool trace draws it at the top of the type area of page 3', () => {
    if (!toolAvailable('mutool')) return;
    const trace = runTool('mutool', ['trace', pdfPath, '3'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const images = [...trace.matchAll(/<fill_image[^>]*transform="([^"]+)"/g)].map((m) => m[1]!.split(/\s+/).map(Number));
    expect(images).toHaveLength(1);
    const [a, , , d, e, f] = images[0]!;
    expect(Math.min(f!, f! + d!)).toBeCloseTo(STANDARD.top, 1);
    // Centred across the type area.
    expect(e! + a! / 2).toBeCloseTo(STANDARD.left + STANDARD.width / 2, 1);
  });

  it('pdftotext: page 2 ends with the text after the picture on its last grid line; page 3 opens with the 图注', () => {
    if (!toolAvailable('pdftotext')) return;
    const body = doc.issue.articles[0]!.body;
    const before = inlineText(body[2]!.type === 'paragraph' ? body[2]!.content : []).replace(/\s+/g, '');
    const after = inlineText(body[4]!.type === 'paragraph' ? body[4]!.content : []).replace(/\s+/g, '');
    const page2 = pageText(2);
    const page3 = pageText(3);
    // Reading order on page 2: the paragraph before the picture, then the one after it; no caption yet.
    expect(page2).toContain(before.slice(-10));
    expect(page2.indexOf(after.slice(0, 12))).toBeGreaterThan(page2.indexOf(before.slice(-10)));
    expect(page2).not.toContain(CAPTION);
    // Page 3: the caption first, then the text that went on (a paragraph after the picture's).
    expect(page3.startsWith(CAPTION)).toBe(true);
    // Page 2's last text line sits on its 22nd grid line (the page number below the type area aside).
    const bbox = runTool('pdftotext', ['-bbox', '-f', '2', '-l', '2', pdfPath, '-'], { encoding: 'utf8' });
    const bottoms = [...bbox.matchAll(/<word [^>]*yMax="([\d.]+)"/g)].map((m) => Number(m[1])).filter((y) => y < STANDARD.top + STANDARD.height + 1);
    const pitch = linePitch(STANDARD);
    expect(Math.max(...bottoms)).toBeGreaterThan(STANDARD.top + 21 * pitch);
  });

  it('the OFD (same layout) draws the picture on page 3, at the top of the type area', () => {
    const files = unzipFiles(typesetter.exportOfd(doc).bytes);
    const pages = [...files.entries()]
      .filter(([k]) => /Pages\/Page_\d+\/Content\.xml$/.test(k))
      .map(([k, v]) => ({ n: Number(/Page_(\d+)/.exec(k)![1]), xml: v.toString('utf8') }))
      .sort((a, b) => a.n - b.n);
    const withImage = pages.filter((p) => p.xml.includes('<ofd:ImageObject'));
    expect(withImage.map((p) => p.n)).toEqual([pages[2]!.n]);
    const boundary = /<ofd:ImageObject [^>]*Boundary="([\d.]+) ([\d.]+)/.exec(withImage[0]!.xml)!;
    // Millimetres from the page's top: the type area's top (points → mm).
    expect(Number(boundary[2])).toBeCloseTo((STANDARD.top * 25.4) / 72, 1);
  });
});
