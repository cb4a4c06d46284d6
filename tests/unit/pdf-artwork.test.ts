/**
 * The PDF 刊名 reader (core/masthead-art/pdf-*.ts, issue 12.1): each operator family read into the vector model,
 * colours kept as ink, Form XObjects, clips, page boxes and rotation, refusals with their Chinese reasons, and the
 * same drawing read from files other programs wrote — mutool create, qpdf (object streams and cross-reference
 * streams), cairo (pdftocairo) and pdf-lib (object streams) — compared with what mutool itself reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMastheadArt } from '../../core/masthead-art/load.js';
import { segmentBounds } from '../../core/masthead-art/path-segments.js';
import { pdfToArtwork } from '../../core/masthead-art/pdf-artwork.js';
import type { VectorArtwork } from '../../core/masthead-art/vector-art.js';
import { placeMastheadArt } from '../../core/typeset/masthead-art.js';
import { presetByName, RED } from '../../core/typeset/preset.js';
import { contentPdf, streamObject } from '../helpers/art-pdf.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';

const read = (content: string, opts: Parameters<typeof contentPdf>[1] = {}): VectorArtwork => pdfToArtwork(contentPdf(content, opts));
const refusal = (bytes: Uint8Array): string => {
  const r = loadMastheadArt(bytes, { name: 'a.pdf' });
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.reason;
};
const box = (a: VectorArtwork, i: number) => {
  const b = segmentBounds(a.paths[i]!.segments)!;
  return [b.x0, b.y0, b.x1, b.y1].map((v) => Math.round(v * 1000) / 1000);
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('operators', () => {
  it('path construction m l c v y h re, in artwork space (origin top left, y down)', () => {
    const a = read('10 10 m 50 10 l 50 30 40 40 30 40 c 20 40 10 20 v 10 15 10 10 y h f\n100 20 30 40 re f');
    expect([a.width, a.height]).toEqual([200, 100]);
    expect(a.paths).toHaveLength(2);
    expect(a.paths[0]!.segments.map((s) => s.op).join('')).toBe('MLCCCZ');
    const v = a.paths[0]!.segments[3]!;
    // v: the first control point is the current point (30 40 → y down 60).
    expect(v.op === 'C' && [v.x1, v.y1, v.x2, v.y2, v.x, v.y]).toEqual([30, 60, 20, 60, 10, 80]);
    const y = a.paths[0]!.segments[4]!;
    expect(y.op === 'C' && [y.x2, y.y2]).toEqual([10, 90]);
    expect(a.paths[1]!.segments.map((s) => s.op).join('')).toBe('MLLLZ');
    expect(box(a, 1)).toEqual([100, 40, 130, 80]);
  });

  it('painting f F f* S s B B* b b* n: fill rule, fill and stroke, closing', () => {
    const sq = (x: number) => `${x} 10 20 20 re`;
    const a = read(`${sq(0)} f ${sq(25)} F ${sq(50)} f* ${sq(75)} S 100 10 m 120 10 l 120 30 l s ${sq(125)} B ${sq(150)} B* 160 50 m 180 50 l 180 70 l b 10 50 m 30 50 l 30 70 l b* ${sq(175)} n`);
    const kinds = a.paths.map((p) => `${p.fill ? 'F' : ''}${p.stroke ? 'S' : ''}${p.fillRule === 'evenodd' ? '*' : ''}`);
    expect(kinds).toEqual(['F', 'F', 'F*', 'S', 'S', 'FS', 'FS*', 'FS', 'FS*']);
    // s, b, b* close the path first.
    expect(a.paths[4]!.segments.at(-1)!.op).toBe('Z');
    expect(a.paths[7]!.segments.at(-1)!.op).toBe('Z');
  });

  it('graphics state: q Q cm, line width scaled by the matrix, caps, joins, miter limit; ExtGState LW LC LJ ML', () => {
    const a = read(
      'q 2 0 0 2 10 10 cm 3 w 1 J 2 j 7 M 0 0 m 10 0 l S Q 0 0 m 10 0 l S /G1 gs 50 50 m 60 50 l S',
      { resources: '/ExtGState << /G1 << /LW 5 /LC 2 /LJ 1 /ML 3 >> >>' },
    );
    const [scaled, plain, ext] = a.paths as [VectorArtwork['paths'][0], VectorArtwork['paths'][0], VectorArtwork['paths'][0]];
    expect([scaled.strokeWidth, scaled.lineCap, scaled.lineJoin, scaled.miterLimit]).toEqual([6, 'round', 'bevel', 7]);
    expect(box(a, 0)).toEqual([10, 90, 30, 90]);
    expect([plain.strokeWidth, plain.lineCap, plain.lineJoin]).toEqual([1, 'butt', 'miter']);
    expect([ext.strokeWidth, ext.lineCap, ext.lineJoin, ext.miterLimit]).toEqual([5, 'square', 'round', 3]);
  });

  it('colours: g G rg RG k K, and cs/sc/scn for DeviceCMYK, ICCBased (by /N), Indexed and a Separation spot colour', () => {
    const r = (c: string) => `${c} 0 0 10 10 re f`;
    const a = read(
      [
        r('0.25 g'),
        '0.5 G 0 0 m 5 5 l S',
        r('1 0 0 rg'),
        '0 0 1 RG 0 0 m 5 5 l S',
        r('0 1 1 0 k'),
        '0.1 0.2 0.3 0.4 K 0 0 m 5 5 l S',
        r('/DeviceCMYK cs 0 0.5 1 0 sc'),
        r('/CS0 cs 0 1 1 0 scn'),
        r('/CS1 cs 1 scn'),
        r('/CS2 cs 0.5 scn'),
        r('/CS3 CS 0 1 0 SCN 0 0 m 5 5 l S /CS3 cs 0 0 1 scn'),
      ].join('\n'),
      {
        resources: '/ColorSpace << /CS0 [/ICCBased 5 0 R] /CS1 [/Indexed /DeviceRGB 1 <FFFFFF00FF00>] /CS2 [/Separation /PANTONE#20485#20C /DeviceCMYK 6 0 R] /CS3 [/ICCBased 7 0 R] >>',
        objects: [streamObject('/N 4', '(not a real profile)'), '<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 1 0] /N 1 >>', streamObject('/N 3', '(rgb)')],
      },
    );
    const c = a.paths.map((p) => [p.fill ?? p.stroke, p.fillCmyk ?? p.strokeCmyk]);
    expect(c[0]).toEqual([[64, 64, 64], [0, 0, 0, 75]]);
    expect(c[1]).toEqual([[128, 128, 128], [0, 0, 0, 50]]);
    expect(c[2]).toEqual([[255, 0, 0], undefined]);
    expect(c[3]).toEqual([[0, 0, 255], undefined]);
    expect(c[4]).toEqual([[255, 0, 0], [0, 100, 100, 0]]);
    expect(c[5]![1]).toEqual([10, 20, 30, 40]);
    expect(c[6]![1]).toEqual([0, 50, 100, 0]);
    expect(c[7]![1]).toEqual([0, 100, 100, 0]);
    expect(c[8]).toEqual([[0, 255, 0], undefined]);
    expect(c[9]![1]).toEqual([0, 50, 50, 0]);
    expect(a.paths[10]!.stroke).toEqual([0, 255, 0]);
    expect(a.paths[11]!.fill).toEqual([0, 0, 255]);
    // Own colours print the ink as the file gave it; RGB is separated as SVG colours are.
    const placed = placeMastheadArt(a, { preset: presetByName('standard'), colour: 'own', alt: '' });
    expect(placed.ok && placed.item.kind === 'vector' && placed.item.paths.slice(4, 6).map((p) => p.fill ?? p.stroke)).toEqual([
      [0, 100, 100, 0],
      [10, 20, 30, 40],
    ]);
    const red = placeMastheadArt(a, { preset: presetByName('standard'), colour: 'red', alt: '' });
    expect(red.ok && red.item.kind === 'vector' && red.item.paths.every((p) => (p.fill ?? p.stroke) === RED)).toBe(true);
  });

  it('spot colours through PostScript calculator (as Illustrator writes) and sampled tint transforms', () => {
    const a = read('/S1 cs 1 scn 0 0 5 5 re f /S1 cs 0.5 scn 0 0 5 5 re f /S2 CS 1 SCN 0 0 m 5 5 l S', {
      resources: '/ColorSpace << /S1 [/Separation /PANTONE#20485#20C /DeviceCMYK 5 0 R] /S2 [/Separation /Spot2 /DeviceRGB 6 0 R] >>',
      objects: [
        streamObject('/FunctionType 4 /Domain [0 1] /Range [0 1 0 1 0 1 0 1]', '{dup 0 mul exch dup 0.95 mul exch dup 1 mul exch 0 mul}'),
        streamObject('/FunctionType 0 /Domain [0 1] /Range [0 1 0 1 0 1] /Size [2] /BitsPerSample 8', '\xff\xff\xff\x00\x80\xff'),
      ],
    });
    expect(a.paths[0]!.fillCmyk).toEqual([0, 95, 100, 0]);
    expect(a.paths[1]!.fillCmyk).toEqual([0, 47.5, 50, 0]);
    expect(a.paths[2]!.stroke).toEqual([0, 128, 255]);
  });

  it('Form XObjects: Do with /Matrix and /Resources, nested, content in several streams, FlateDecode', () => {
    const inner = streamObject('/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Matrix [2 0 0 2 0 0] /Resources << /ColorSpace << /C << >> >> >>', '0 0 1 0 k 0 0 5 5 re f');
    const outer = streamObject('/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /In 5 0 R >> >>', '1 0 0 1 20 0 cm /In Do');
    const a = read('q 1 0 0 1 10 10 cm /Out Do Q 0 g 150 10 10 10 re f', { compress: true, resources: '/XObject << /Out 6 0 R >>', objects: [inner, outer] });
    expect(a.paths).toHaveLength(2);
    expect(box(a, 0)).toEqual([30, 80, 40, 90]);
    expect(a.paths[0]!.fillCmyk).toEqual([0, 0, 100, 0]);
    // Two content streams are one drawing.
    const pdf = new TextDecoder('latin1').decode(contentPdf('0 0 m', { objects: [streamObject('', '10 0 l 10 10 l f')] })).replace('/Contents 4 0 R', '/Contents [4 0 R 5 0 R]');
    const two = pdfToArtwork(Uint8Array.from(pdf, (ch) => ch.charCodeAt(0)));
    expect(two.paths[0]!.segments.map((s) => s.op).join('')).toBe('MLL');
  });

  it('clips: the page (artboard) clip cuts nothing; under a smaller rectangle inside is drawn, outside dropped, across refused', () => {
    const a = read('0 0 200 100 re W n 0 0 10 10 re f 150 -5 60 10 re f q 100 0 50 50 re W n 110 10 10 10 re f 0 60 10 10 re f Q');
    expect(a.paths.map((_, i) => box(a, i))).toEqual([
      [0, 90, 10, 100],
      [150, 95, 210, 105],
      [110, 80, 120, 90],
    ]);
    expect(refusal(contentPdf('q 100 0 50 50 re W n 90 10 20 10 re f Q'))).toMatch(/剪切路径.*释放剪切蒙版/);
    expect(refusal(contentPdf('q 0 0 m 100 0 l 50 80 l h W n 10 10 10 10 re f Q'))).toMatch(/剪切路径/);
    // A clip that is not a rectangle, with nothing drawn under it, is harmless.
    expect(read('q 0 0 m 100 0 l 50 80 l h W n Q 0 0 5 5 re f').paths).toHaveLength(1);
  });

  it('the page box: CropBox within MediaBox, /Rotate 90 turns the artwork', () => {
    const a = read('10 10 20 40 re f', { mediaBox: '[0 0 200 100]', page: '/CropBox [5 5 105 95]' });
    expect([a.width, a.height]).toEqual([100, 90]);
    expect(box(a, 0)).toEqual([5, 45, 25, 85]);
    const r = read('10 10 20 40 re f', { page: '/Rotate 90' });
    expect([r.width, r.height]).toEqual([100, 200]);
    expect(box(r, 0)).toEqual([10, 10, 50, 30]);
  });

  it('invisible text (Tr 3, an OCR layer) is passed over; the document /Title is kept', () => {
    const a = read('BT 3 Tr /F1 12 Tf (x) Tj ET 0 0 5 5 re f', { trailer: '/Info 5 0 R', objects: ['<< /Title <FEFF8054 7EDC 52A8 6001> >>'] });
    expect(a.paths).toHaveLength(1);
    expect(a.title).toBe('联络动态');
  });
});

describe('refusals, with the reason in Chinese (the typeset masthead is kept)', () => {
  it('text not converted to outlines, images, inline images, shadings, patterns', () => {
    expect(refusal(contentPdf('BT /F1 12 Tf (LL) Tj ET'))).toMatch(/含有文字.*转曲/);
    expect(refusal(contentPdf('BT /F1 12 Tf [(L) 20 (L)] TJ ET'))).toMatch(/转曲/);
    expect(refusal(contentPdf('q 10 0 0 10 0 0 cm /Im1 Do Q', { resources: '/XObject << /Im1 5 0 R >>', objects: [streamObject('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00')] }))).toMatch(/位图图像/);
    expect(refusal(contentPdf('BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI'))).toMatch(/位图图像/);
    expect(refusal(contentPdf('/Sh1 sh'))).toMatch(/渐变/);
    expect(refusal(contentPdf('/Pattern cs /P1 scn 0 0 5 5 re f'))).toMatch(/图案或渐变/);
  });

  it('transparency, soft masks and dashed strokes', () => {
    expect(refusal(contentPdf('/A gs 0 0 5 5 re f', { resources: '/ExtGState << /A << /ca 0.5 >> >>' }))).toMatch(/透明度/);
    expect(refusal(contentPdf('/A gs 0 0 5 5 re f', { resources: '/ExtGState << /A << /SMask << /S /Luminosity >> >> >>' }))).toMatch(/蒙版/);
    expect(read('/A gs 0 0 5 5 re f', { resources: '/ExtGState << /A << /ca 1 /CA 1 /SMask /None >> >>' }).paths).toHaveLength(1);
    expect(refusal(contentPdf('[3 2] 0 d 0 0 m 50 0 l S'))).toMatch(/虚线/);
    expect(read('[] 0 d 0 0 m 50 0 l S').paths).toHaveLength(1);
  });

  it('encrypted, broken, empty, unsupported filters and colour spaces, over 5 MB', () => {
    expect(refusal(contentPdf('0 0 5 5 re f', { trailer: '/Encrypt 5 0 R', objects: ['<< /Filter /Standard >>'] }))).toMatch(/已加密/);
    expect(refusal(new TextEncoder().encode('%PDF-1.7\n'))).toMatch(/PDF 文件已损坏/);
    expect(refusal(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n'))).toMatch(/没有页面/);
    expect(refusal(contentPdf(''))).toMatch(/没有可绘制的图形/);
    const lzw = new TextDecoder('latin1').decode(contentPdf('0 0 5 5 re f')).replace('<< /Length 12 >>', '<< /Length 12 /Filter /LZWDecode >>');
    expect(refusal(Uint8Array.from(lzw, (c) => c.charCodeAt(0)))).toMatch(/不支持的压缩方式（LZWDecode）/);
    expect(refusal(contentPdf('/L cs 50 0 0 scn 0 0 5 5 re f', { resources: '/ColorSpace << /L [/Lab << /WhitePoint [0.95 1 1.09] >>] >>' }))).toMatch(/不支持的颜色空间（Lab）/);
    expect(refusal(contentPdf('/S cs 1 scn 0 0 5 5 re f', { resources: '/ColorSpace << /S [/Separation /Gold /DeviceCMYK 5 0 R] >>', objects: ['<< /FunctionType 3 /Domain [0 1] /Functions [] /Bounds [] /Encode [] >>'] }))).toMatch(/专色「Gold」.*转换为 CMYK/);
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20);
    big.set(contentPdf('0 0 5 5 re f'));
    expect(refusal(big)).toMatch(/过大.*上限 5 MB/);
  });

  it('a file whose cross-reference offsets are wrong is read by scanning its objects (as viewers repair it)', () => {
    const text = new TextDecoder('latin1').decode(contentPdf('0 0 5 5 re f'));
    const shifted = text.replace(/^%PDF-1.7\n/, '%PDF-1.7\n% a comment that moves every object\n');
    const a = pdfToArtwork(Uint8Array.from(shifted, (c) => c.charCodeAt(0)));
    expect(a.paths).toHaveLength(1);
  });

  it('the first page of a file with several pages is the artwork', async () => {
    const doc = await PDFDocument.create();
    for (const [w, content] of [[300, '0 0 10 10 re f'], [100, '0 0 10 10 re f 20 0 10 10 re f']] as const) {
      const page = doc.addPage([w, 50]);
      page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
    }
    const a = pdfToArtwork(await doc.save({ useObjectStreams: true }));
    expect([a.width, a.paths.length]).toEqual([300, 1]);
  });
});

describe.skipIf(!toolAvailable('mutool', 'qpdf', 'pdftocairo'))('files written by other programs', () => {
  const content = [
    '0 1 1 0 k 10 10 80 80 re f',
    'q 1 0 0 1 100 0 cm 0.2 g 20 20 m 60 90 l 100 20 l h f*',
    '0 0 1 RG 4 w 1 J 1 j 120 10 m 150 90 180 10 190 50 c S Q',
    '0.5 0 0 rg 300 50 m 300 77.6 322.4 100 350 100 c 377.6 100 400 77.6 400 50 c 400 22.4 377.6 0 350 0 c 322.4 0 300 22.4 300 50 c h f',
  ].join('\n');

  /** The fill and stroke paths mutool reads from a file, as a count. */
  const mutoolCount = (file: string) => (runTool('mutool', ['trace', file, '1'], { encoding: 'utf8' }).match(/<(fill|stroke)_path\b/g) ?? []).length;

  it('mutool create, qpdf with object streams, cairo and pdf-lib files read alike, as many outlines as mutool finds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-art-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'page.txt'), `%%MediaBox 0 0 400 100\n${content}\n`);
    runTool('mutool', ['create', '-o', join(dir, 'mutool.pdf'), join(dir, 'page.txt')], { encoding: 'utf8' });
    runTool('qpdf', ['--object-streams=generate', '--compress-streams=y', join(dir, 'mutool.pdf'), join(dir, 'objstm.pdf')], { encoding: 'utf8' });
    execFileSync('pdftocairo', ['-pdf', join(dir, 'mutool.pdf'), join(dir, 'cairo.pdf')]);
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 100]);
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
    writeFileSync(join(dir, 'pdflib.pdf'), await doc.save({ useObjectStreams: true }));
    // qpdf's file keeps its objects in an object stream and its cross-reference table in a stream.
    expect(runTool('qpdf', ['--show-xref', join(dir, 'objstm.pdf')], { encoding: 'utf8' })).toMatch(/compressed; stream = \d+/);
    const reads = ['mutool', 'objstm', 'cairo', 'pdflib'].map((name) => {
      const file = join(dir, `${name}.pdf`);
      const art = pdfToArtwork(readFileSync(file));
      expect(art.paths.length, name).toBe(mutoolCount(file));
      return art;
    });
    for (const art of reads) {
      expect([art.width, art.height]).toEqual([400, 100]);
      expect(art.paths).toHaveLength(4);
      expect(art.paths.map((p) => `${p.fill ? 'F' : ''}${p.stroke ? 'S' : ''}`)).toEqual(['F', 'F', 'S', 'F']);
      expect(art.paths[2]!.strokeWidth).toBeCloseTo(4);
      const b = segmentBounds(art.paths[3]!.segments)!;
      expect([b.x0, b.y0, b.x1, b.y1].map((v) => Math.round(v))).toEqual([300, 0, 400, 100]);
    }
    // Ink colours survive where the writer keeps them (cairo writes RGB only).
    expect(reads[0]!.paths[0]!.fillCmyk).toEqual([0, 100, 100, 0]);
    expect(reads[1]!.paths[0]!.fillCmyk).toEqual([0, 100, 100, 0]);
    expect(reads[3]!.paths[1]!.fillCmyk).toEqual([0, 0, 0, 80]);
  });

  it('an SVG converted to PDF by mutool (our test artwork) reads with every shape mutool draws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-art-'));
    dirs.push(dir);
    const out = join(dir, 'filled.pdf');
    runTool('mutool', ['convert', '-o', out, join(__dirname, '..', 'fixtures', 'masthead-art', 'filled.svg')], { encoding: 'utf8' });
    const art = pdfToArtwork(readFileSync(out));
    expect([art.width, art.height]).toEqual([400, 100]);
    expect(art.paths.length).toBe(mutoolCount(out));
  });
});

describe('optional content (layers)', () => {
  it('a layer that is off or does not print is left out, images and text in it included; visible layers are drawn', () => {
    const bytes = new TextDecoder('latin1').decode(
      contentPdf(
        '/OC /Off BDC BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI BT /F1 9 Tf (x) Tj ET 0 0 50 50 re f EMC /OC /Template BDC /Im Do EMC /OC /On BDC 60 0 10 10 re f EMC /Hidden Do',
        {
          resources: '/Properties << /Off 5 0 R /Template 6 0 R /On 7 0 R >> /XObject << /Im 8 0 R /Hidden 9 0 R >>',
          objects: [
            '<< /Type /OCG /Name (off) >>',
            '<< /Type /OCG /Name (template) /Usage << /Print << /PrintState /OFF >> >> >>',
            '<< /Type /OCG /Name (on) >>',
            streamObject('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00'),
            streamObject('/Type /XObject /Subtype /Form /BBox [0 0 100 100] /OC 5 0 R', '0 0 100 100 re f'),
          ],
        },
      ),
    ).replace('<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [5 0 R 6 0 R 7 0 R] /D << /OFF [5 0 R] >> >> >>');
    const a = pdfToArtwork(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
    expect(a.paths.map((_, i) => box(a, i))).toEqual([[60, 90, 70, 100]]);
  });
});

describe('damaged files', () => {
  it('any byte damage gives a drawing or a Chinese reason, never an exception or a hang (seeded mutations)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 100]);
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream('q 0 1 1 0 k 10 10 80 80 re f 0 0 1 RG 2 w 0 0 m 50 50 l S Q')));
    const sources = [await doc.save({ useObjectStreams: true }), contentPdf('q 2 0 0 2 0 0 cm 0.5 g 0 0 m 10 0 l 10 10 5 15 0 10 c h f Q')];
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let ok = 0;
    let refused = 0;
    for (let n = 0; n < 400; n++) {
      const bytes = sources[n % 2]!.slice();
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const r = loadMastheadArt(bytes, { name: 'a.pdf' });
      if (r.ok) ok++;
      else {
        refused++;
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
        // Not an unexpected exception (load.ts words those 刊名图无法读取：<message>).
        expect(r.reason).not.toMatch(/^刊名图无法读取/);
      }
    }
    expect(ok + refused).toBe(400);
    expect(refused).toBeGreaterThan(0);
  });
});
