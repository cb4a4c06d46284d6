import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { tintedGreyPng } from '../../core/render/ofd/ofd-art-png.js';
import { createTypesetter } from '../../services/typesetter.js';
import { greyPng } from '../helpers/grey-png.js';
import { unzipFiles } from '../helpers/ofd-package-check.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/** A grey PNG with every grey level 0–255 across its width, read back by pngjs (RGBA). */
function rampPng(): Uint8Array {
  const png = new PNG({ width: 256, height: 2, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const data = Buffer.alloc(256 * 2);
  for (let y = 0; y < 2; y++) for (let x = 0; x < 256; x++) data[y * 256 + x] = x;
  png.data = data;
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false }));
}

describe('a grey PNG 刊名 tinted for OFD', () => {
  it('is an indexed-colour PNG whose grey 0 is the tint and 255 white, decoding to the tinted pixels', () => {
    const grey = rampPng();
    expect(PNG.sync.read(Buffer.from(grey)).data[4 * 10]).toBe(10); // the source is the ramp
    const tinted = tintedGreyPng(grey, [0, 100, 100, 0]);
    expect(tinted[25]).toBe(3); // IHDR colour type: indexed
    const read = PNG.sync.read(Buffer.from(tinted)); // checks every chunk's CRC and the image data
    expect([read.width, read.height]).toEqual([256, 2]);
    const at = (x: number) => [...read.data.subarray(x * 4, x * 4 + 3)];
    expect(at(0)).toEqual([255, 0, 0]); // black prints as the masthead red (CMYK 0 100 100 0)
    expect(at(255)).toEqual([255, 255, 255]); // white stays paper
    expect(at(128)).toEqual([255, 128, 128]);
    // Black tint: plain grey.
    expect([...PNG.sync.read(Buffer.from(tintedGreyPng(grey, [0, 0, 0, 100]))).data.subarray(4 * 77, 4 * 77 + 3)]).toEqual([77, 77, 77]);
  });

  it('leaves a PNG that is not 8-bit greyscale as it is', () => {
    const rgb = greyPng({ width: 4, height: 4, colourType: 2 });
    expect(tintedGreyPng(rgb, [0, 100, 100, 0])).toBe(rgb);
  });

  it('is drawn in the exported OFD as an ImageObject of a PNG MultiMedia resource over the hidden 刊名 text', () => {
    const doc = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
    const png = greyPng({ width: 3000, height: 760, dpi: 600 });
    const withPng: BulletinDocument = { ...doc, publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime: 'image/png', data: toBase64(png) } } };
    const files = unzipFiles(createTypesetter().exportOfd(withPng, { now: new Date('2021-06-02T09:00:00Z'), version: '0.1.0' }).bytes);
    const res = files.get('Doc_0/PublicRes.xml')!.toString('utf8');
    const media = /<ofd:MultiMedia ID="(\d+)" Type="Image" Format="PNG"><ofd:MediaFile>(Art_0\.png)<\/ofd:MediaFile>/.exec(res);
    expect(media).not.toBeNull();
    const page1 = files.get('Doc_0/Pages/Page_0/Content.xml')!.toString('utf8');
    const image = new RegExp(`<ofd:ImageObject ID="\\d+" Boundary="([\\d. ]+)" CTM="([\\d.]+) 0 0 ([\\d.]+) 0 0" ResourceID="${media![1]}"`).exec(page1);
    expect(image).not.toBeNull();
    const [, , w, h] = image!;
    expect(Number(w) / Number(h)).toBeCloseTo(3000 / 760, 1); // drawn at the artwork's proportions
    // The 刊名 is still there as text, unfilled under the picture (search and copy keep working).
    expect(page1).toContain(doc.publication.name.slice(0, 2));
    expect(page1).toMatch(/<ofd:TextObject [^>]*Fill="false"/);
    // The resource is the tinted PNG: the dark band prints red.
    const art = PNG.sync.read(files.get('Doc_0/Res/Art_0.png')!);
    expect([art.width, art.height]).toEqual([3000, 760]);
    const mid = (380 * 3000 + 1500) * 4;
    expect([...art.data.subarray(mid, mid + 3)]).toEqual([255, 0, 0]);
    expect([...art.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  }, 60_000);
});
