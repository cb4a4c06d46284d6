import { afterAll, describe, expect, it } from 'vitest';
import { PictureError } from '../../core/model/picture.js';
import { createExportWorker } from '../../services/export-worker.js';
import { preparePicture } from '../../services/picture-prepare.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWordFile } from '../../services/word-file.js';
import { makeJpeg, makePng } from '../helpers/picture-files.js';
import { REPO_ROOT } from '../helpers/sample.js';

// `picture:prepare` runs in the export worker's thread (electron/handlers.ts): the same bytes out, the same
// Chinese refusals, and the main event loop free while a photo is decoded.

const worker = createExportWorker();
afterAll(() => worker.close());

/** The refusal preparePicture gives in-process. */
function refusal(bytes: Uint8Array): PictureError {
  try {
    preparePicture(bytes);
  } catch (e) {
    if (e instanceof PictureError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('preparing pictures in the export worker', () => {
  it('gives the same re-encoded JPEG as preparePicture in-process, for a JPEG and a PNG', async () => {
    for (const bytes of [makeJpeg(2400, 1600), makePng(500, 300)]) {
      const inThread = await worker.preparePicture(bytes);
      expect(inThread).toEqual(preparePicture(bytes).image);
      expect(inThread.format).toBe('jpeg');
    }
  });

  it('keeps the main event loop running while a large photo is decoded', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const image = await worker.preparePicture(makeJpeg(3000, 2000));
      expect(image.width).toBeLessThan(3000);
    } finally {
      clearInterval(timer);
    }
    // An in-process decode blocks every timer until it ends; the thread's leaves them firing.
    expect(ticks).toBeGreaterThan(2);
  });

  it('refuses what preparePicture refuses, with the same Chinese reason and error name', async () => {
    const jpeg = makeJpeg(64, 48);
    const cases = [
      new Uint8Array(0),
      new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      new TextEncoder().encode('这不是图片'),
      jpeg.subarray(0, 200), // a cut-off JPEG
    ];
    for (const bytes of cases) {
      const expected = refusal(bytes);
      const error = await worker.preparePicture(bytes).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toBe(expected.message);
      expect(error?.name).toBe('PictureError');
      expect(error?.message).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('a Word file\'s pictures prepared through the worker are those prepared in-process', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'word', 'picture-caption.docx')));
    let asked = 0;
    const viaWorker = await readWordFile(bytes, 'picture-caption.docx', {
      preparePicture: (b) => {
        asked++;
        return worker.preparePicture(b);
      },
    });
    expect(asked).toBe(1);
    expect(viaWorker).toEqual(await readWordFile(bytes, 'picture-caption.docx'));
    // A refusal from the thread keeps its Chinese reason on the picture (not the generic one).
    const refused = await readWordFile(bytes, 'picture-caption.docx', { preparePicture: () => worker.preparePicture(new Uint8Array(0)) });
    expect(refused.paragraphs.flatMap((p) => p.pictures ?? []).map((p) => p.error)).toEqual(['图片文件是空的']);
  });
});
