/**
 * The 刊名 picture of the .docx laid out by LibreOffice headless (a program we did not write; it reads the PNG in
 * the blip, not the SVG): its PDF has the picture (pdfimages), placed at exactly the size the PDF masthead gives
 * it (mutool trace's image transform), printing red (pdftoppm's pixels inside that box) with no typeset 刊名
 * beside it; the 刊名 stays the picture's alternative text, and our Word importer reads the file back. The command
 * line takes --masthead-art and --masthead-art-colour for a .docx as for a PDF.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { loadMastheadArt } from '../../core/masthead-art/load.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { placeMastheadArt } from '../../core/typeset/masthead-art.js';
import { STANDARD } from '../../core/typeset/preset.js';
import { createArtSource } from '../../core/masthead-art/art-source.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { readWordFile } from '../../services/word-file.js';
import { importWordIssue } from '../../core/import/word/word-issue.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { convertWith, findSoffice } from '../helpers/soffice.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';
import { runBulletin } from '../helpers/bulletin-cli.js';
import { unzipSync } from 'fflate';

const soffice = findSoffice();
const dir = mkdtempSync(join(tmpdir(), 'masthead-art-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SVG = readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'));
const sample = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
const doc = { ...sample, publication: { ...sample.publication, mastheadArt: { kind: 'embedded' as const, mime: 'image/svg+xml' as const, data: toBase64(SVG) } } };

const placed = (() => {
  const loaded = loadMastheadArt(SVG);
  if (!loaded.ok) throw new Error(loaded.reason);
  const p = placeMastheadArt(loaded.art, { preset: STANDARD, colour: 'red', alt: '联络动态' });
  if (!p.ok) throw new Error(p.reason);
  return p.item;
})();

describe.skipIf(soffice === undefined || !toolAvailable('pdfimages', 'pdftoppm', 'mutool', 'pdftotext'))('the 刊名 picture laid out by LibreOffice', () => {
  it('is one picture at the PDF masthead\u2019s size, red, with no typeset 刊名; the .docx imports back with its 刊名', async () => {
    const docx = join(dir, 'art.docx');
    const bytes = await exportDocx(doc, { artSource: createArtSource() });
    writeFileSync(docx, bytes);
    const pdf = join(dir, 'art.pdf');
    writeFileSync(pdf, convertWith(soffice!, docx, 'pdf'));

    // pdfimages: one picture (with its alpha as a soft mask), on page 1.
    const rows = runTool('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
    expect(rows.filter((r) => r[2] === 'image').map((r) => r[0])).toEqual(['1']);

    // mutool trace: the image's transform is its placed size (points) and position.
    const trace = runTool('mutool', ['trace', pdf, '1'], { encoding: 'utf8' });
    const images = [...trace.matchAll(/<fill_image\b[^>]*transform="([^"]+)"/g)].map((m) => m[1]!.split(/\s+/).map(Number));
    expect(images).toHaveLength(1);
    const [w, , , h, x, y] = images[0]!;
    expect(Math.abs(w! - placed.width)).toBeLessThan(0.1);
    expect(Math.abs(h! - placed.height)).toBeLessThan(0.1);
    expect(Math.abs(x! - placed.x)).toBeLessThan(0.5); // centred in the type area, as in the PDF

    // pdftoppm: inside the picture's box the ink is red — no black, a fair share of red.
    const dpi = 100;
    const prefix = join(dir, 'page');
    runTool('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), '-png', pdf, prefix], { encoding: 'utf8' });
    const page = PNG.sync.read(readFileSync(`${prefix}-1.png`));
    const px = (pt: number) => Math.round((pt / 72) * dpi);
    let red = 0;
    let dark = 0;
    let all = 0;
    for (let py = px(y!) + 1; py < px(y! + h!) - 1; py++) {
      for (let qx = px(x!) + 1; qx < px(x! + w!) - 1; qx++) {
        const i = (py * page.width + qx) * 4;
        const [r, g, b] = [page.data[i]!, page.data[i + 1]!, page.data[i + 2]!];
        all++;
        if (r > 200 && g < 90 && b < 90) red++;
        if (r < 120 && g < 120 && b < 120) dark++;
      }
    }
    expect(dark).toBe(0);
    expect(red / all).toBeGreaterThan(0.2);

    // The 刊名 is no typeset text in LibreOffice's PDF (the picture stands for it), the rest of the masthead is.
    const text = runTool('pdftotext', ['-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).not.toContain('联络动态');
    expect(text).toContain('第8期');

    // Our importer reads the exported file back: the 刊名 from the picture's alternative text, no article picture.
    const content = await readWordFile(bytes, 'art.docx');
    const { document } = importWordIssue(content, { today: '2021-06-02' });
    expect(document.publication.name).toBe('联络动态');
    expect(document.issue.articles.flatMap((a) => a.body).filter((b) => b.type === 'picture')).toHaveLength(0);
  }, 180_000);

  it('bulletin export -o x.docx --masthead-art FILE [--masthead-art-colour own] draws the picture in the Word file', async () => {
    const out = join(dir, 'cli.docx');
    const run = await runBulletin(['export', SAMPLE_FILE, '-o', out, '--masthead-art', join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg')], { timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const media = Object.keys(files).filter((n) => n.startsWith('word/media/')).sort();
    expect(media.map((n) => n.replace(/^.*\./, ''))).toEqual(['png', 'svg']);
    const svg = new TextDecoder().decode(files[media[1]!]!);
    expect(new Set(svg.match(/#[0-9a-f]{6}/g))).toEqual(new Set(['#ff0000']));
    expect(new TextDecoder().decode(files['word/document.xml']!)).toContain('name="刊名图" descr="联络动态"');
    const own = await runBulletin(['export', SAMPLE_FILE, '-o', out, '--masthead-art', join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'), '--masthead-art-colour', 'own'], {
      timeout: 120_000,
    });
    expect(own.code).toBe(0);
    const ownFiles = unzipSync(new Uint8Array(readFileSync(out)));
    const ownSvg = Object.keys(ownFiles).find((n) => n.endsWith('.svg'))!;
    expect(new Set(new TextDecoder().decode(ownFiles[ownSvg]!).match(/#[0-9a-f]{6}/g))).toEqual(new Set(['#e60012']));
  }, 240_000);
});
