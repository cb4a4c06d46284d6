import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Block } from '../../core/model/issue.js';
import { preparePicture } from '../../services/picture-prepare.js';

/** Test pictures made in memory: a colour photo-like gradient as JPEG or PNG, of any size. */
export function gradientRgba(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = Math.round((255 * x) / width);
      data[i + 1] = Math.round((255 * y) / height);
      data[i + 2] = (x ^ y) & 0xff;
      data[i + 3] = 255;
    }
  }
  return data;
}

/** A colour JPEG of the given size. */
export function makeJpeg(width: number, height: number, quality = 90): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: gradientRgba(width, height), width, height }, quality).data);
}

/** A colour PNG of the given size (with a transparent corner). */
export function makePng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  const data = gradientRgba(width, height);
  for (let y = 0; y < Math.min(10, height); y++) for (let x = 0; x < Math.min(10, width); x++) data[(y * width + x) * 4 + 3] = 0;
  png.data = Buffer.from(data);
  return new Uint8Array(PNG.sync.write(png));
}

/** The sample with three pictures in its first article: after paragraphs 1, 3 and 5. */
export function withThreePhotos(base: BulletinDocument): BulletinDocument {
  const photos = [
    { bytes: makeJpeg(2400, 1600), caption: '图为联络站接待选民现场' },
    { bytes: makePng(900, 700), caption: '代表进站履职情况统计' },
    { bytes: makeJpeg(1200, 1800), caption: '' },
  ].map((p) => ({ type: 'picture' as const, image: preparePicture(p.bytes).image, content: p.caption ? [{ text: p.caption }] : [] }));
  const article = base.issue.articles[0]!;
  const body: Block[] = [];
  article.body.forEach((b, i) => {
    body.push(b);
    if (i === 1) body.push(photos[0]!);
    if (i === 2) body.push(photos[1]!);
    if (i === 4) body.push(photos[2]!);
  });
  return { ...base, issue: { ...base.issue, articles: [{ ...article, body }, ...base.issue.articles.slice(1)] } };
}

