import { describe, expect, it } from 'vitest';
import { checkPicture, fromBase64, PictureError, sniffPicture } from '../../core/model/picture.js';
import { pictureLines, placePicture, targetPixels } from '../../core/typeset/picture-block.js';
import { linePitch, STANDARD, COMPACT } from '../../core/typeset/preset.js';
import { preparePicture, exifOrientation } from '../../services/picture-prepare.js';
import { makeJpeg, makePng } from '../helpers/picture-files.js';
import { parseDocument, serializeDocument } from '../../core/model/format.js';
import { blocksToDoc, docToBlocks } from '../../renderer/editor/convert.js';
import { readInput } from '../../core/io/read-input.js';
import { sampleBytes } from '../helpers/sample.js';

const emptyDocument = () => readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;

const pitch = linePitch(STANDARD);

describe('picture placement on the grid', () => {
  it('scales a large picture to the type width and rounds its height up to whole grid lines', () => {
    const placed = placePicture({ width: 4000, height: 3000 }, STANDARD);
    expect(placed.width).toBeCloseTo(STANDARD.width, 6);
    expect(placed.height).toBeCloseTo((STANDARD.width * 3) / 4, 6);
    expect(placed.lines).toBe(Math.ceil(placed.height / pitch + 0.25));
    expect(placed.lines * pitch).toBeGreaterThanOrEqual(placed.height + 0.25 * pitch - 1e-6);
  });
  it('places a small picture at 150 dpi, not stretched to the type width', () => {
    const placed = placePicture({ width: 300, height: 200 }, STANDARD);
    expect(placed.width).toBeCloseTo(144, 6);
    expect(placed.lines).toBe(pictureLines(96, pitch));
  });
  it('keeps a tall picture within a page, leaving lines for its caption', () => {
    for (const preset of [STANDARD, COMPACT]) {
      const placed = placePicture({ width: 1000, height: 8000 }, preset);
      expect(placed.lines).toBeLessThanOrEqual(preset.linesPerPage - 5);
      expect(placed.width / placed.height).toBeCloseTo(1000 / 8000, 6);
    }
  });
  it('rounds exact multiples up by the air below', () => {
    expect(pictureLines(pitch * 3, pitch)).toBe(4);
    expect(pictureLines(pitch * 2.5, pitch)).toBe(3);
    expect(pictureLines(pitch * 2.8, pitch)).toBe(4);
  });
  it('re-encodes at 300 dpi of the placed size, never upsampled', () => {
    expect(targetPixels({ width: 6000, height: 4000 }, STANDARD).width).toBe(Math.round((STANDARD.width / 72) * 300));
    expect(targetPixels({ width: 800, height: 600 }, STANDARD)).toEqual({ width: 800, height: 600 });
  });
});

describe('picture files', () => {
  it('sniffs JPEG and PNG', () => {
    expect(sniffPicture(makeJpeg(8, 8))).toBe('jpeg');
    expect(sniffPicture(makePng(8, 8))).toBe('png');
    expect(checkPicture(makeJpeg(64, 48))).toEqual({ format: 'jpeg', width: 64, height: 48 });
    expect(checkPicture(makePng(30, 20))).toEqual({ format: 'png', width: 30, height: 20 });
  });
  const refuse = (bytes: Uint8Array, re: RegExp) => {
    expect(() => preparePicture(bytes)).toThrow(PictureError);
    expect(() => preparePicture(bytes)).toThrow(re);
  };
  it('refuses GIF, BMP, WebP and TIFF by name, in Chinese', () => {
    const enc = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    refuse(enc('GIF89a\x01\x00\x01\x00'), /不支持 GIF 格式/);
    refuse(enc('BM\x00\x00\x00\x00\x00\x00'), /不支持 BMP 格式/);
    refuse(enc('RIFF\x00\x00\x00\x00WEBPVP8 '), /不支持 WebP 格式/);
    refuse(enc('II*\x00\x08\x00\x00\x00'), /不支持 TIFF 格式/);
    refuse(enc('hello world'), /无法识别/);
  });
  it('refuses a corrupt JPEG and PNG', () => {
    const j = makeJpeg(64, 64);
    refuse(j.subarray(0, 40), /已损坏/);
    const broken = j.slice();
    broken.fill(0x11, 200, broken.length - 2);
    refuse(broken, /已损坏/);
    const p = makePng(32, 32);
    refuse(p.subarray(0, p.length - 30), /已损坏/);
  });
  it('refuses an image over 100 megapixels from its header, before decoding', () => {
    const j = makeJpeg(16, 16);
    // Rewrite the frame header's size to 12000 × 9000 (108 MP).
    const big = j.slice();
    for (let i = 2; i < big.length - 9; i++) {
      if (big[i] === 0xff && big[i + 1] === 0xc0) {
        big[i + 5] = 9000 >> 8;
        big[i + 6] = 9000 & 0xff;
        big[i + 7] = 12000 >> 8;
        big[i + 8] = 12000 & 0xff;
        break;
      }
    }
    refuse(big, /百万像素/);
  });
  it('refuses a file over the size limit', () => {
    const huge = new Uint8Array(41 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff]);
    refuse(huge, /图片文件太大/);
  });
});

describe('re-encoding', () => {
  it('scales a 4-megapixel photo down to 300 dpi at the type width as a small baseline JPEG', () => {
    const src = makeJpeg(2400, 1800, 95);
    const out = preparePicture(src);
    expect(out.image.width).toBe(Math.round((STANDARD.width / 72) * 300));
    expect(out.image.height).toBe(Math.round((out.image.width * 3) / 4));
    const bytes = fromBase64(out.image.data);
    expect(checkPicture(bytes)).toMatchObject({ format: 'jpeg', width: out.image.width, height: out.image.height });
    expect(bytes.length).toBeLessThan(src.length);
    expect(out.source).toEqual({ format: 'jpeg', bytes: src.length, width: 2400, height: 1800 });
  });
  it('keeps a small PNG at its size, flattened onto white, as JPEG', () => {
    const out = preparePicture(makePng(200, 100));
    expect(out.image).toMatchObject({ format: 'jpeg', width: 200, height: 100 });
    expect(sniffPicture(fromBase64(out.image.data))).toBe('jpeg');
  });
  it('reads no EXIF orientation from a plain JPEG', () => {
    expect(exifOrientation(makeJpeg(8, 8))).toBe(1);
  });
});

describe('the picture block in the issue file and the editor', () => {
  const picture = () => {
    const image = preparePicture(makeJpeg(120, 80)).image;
    return { type: 'picture' as const, image, content: [{ text: '图为座谈会现场' }] };
  };
  const withPicture = (block: ReturnType<typeof picture>) => {
    const base = emptyDocument();
    const article = { title: '标题', body: [{ type: 'paragraph' as const, content: [{ text: '正文。' }] }, block], contributor: '' };
    return { ...base, issue: { ...base.issue, articles: [article] } };
  };
  it('round-trips through the issue file', () => {
    const doc = withPicture(picture());
    const parsed = parseDocument(serializeDocument(doc));
    expect(parsed.ok && parsed.document.issue.articles[0]!.body[1]).toEqual(doc.issue.articles[0]!.body[1]);
  });
  it('refuses picture data that is not a base64 JPEG, with its path', () => {
    const bad = { ...picture(), image: { ...picture().image, data: 'iVBORw0KGgo=' } };
    const parsed = parseDocument(serializeDocument(withPicture(bad)));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toContainEqual({ path: 'issue.articles[0].body[1].image.data', reason: '应为 base64 编码的 JPEG 图片数据' });
  });
  it('round-trips through the editor document, the caption as the node text', () => {
    const blocks = [{ type: 'paragraph' as const, content: [{ text: '正文。' }] }, picture()];
    const doc = blocksToDoc(blocks);
    expect(doc.child(1).type.name).toBe('picture');
    expect(doc.child(1).textContent).toBe('图为座谈会现场');
    expect(docToBlocks(doc)).toEqual(blocks);
  });
});
