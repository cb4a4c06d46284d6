import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

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
