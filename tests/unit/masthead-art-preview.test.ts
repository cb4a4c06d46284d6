/**
 * The live preview's data for the 刊名 picture (issue 12.1): the outlines as page-coordinate path data with their
 * paint, a PNG as an image over its box, the hidden 刊名 text left out of what is drawn, and a page key that changes
 * with the picture (so the preview redraws page 1 when the picture changes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { toBase64 } from '../../core/masthead-art/spec.js';
import { toPreviewLayout } from '../../core/render/preview-layout.js';
import { RED } from '../../core/typeset/preset.js';
import { createTypesetter } from '../../services/typesetter.js';
import { greyPng } from '../helpers/grey-png.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';

const doc: BulletinDocument = readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;
const svg = readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'));
const withArt = (mime: 'image/svg+xml' | 'image/png', bytes: Uint8Array): BulletinDocument => ({
  ...doc,
  publication: { ...doc.publication, mastheadArt: { kind: 'embedded', mime, data: toBase64(bytes) } },
});

describe('preview of the 刊名 picture', () => {
  const typesetter = createTypesetter();
  const defaultFace = typesetter.faces.face(doc.publication.fonts.hei, 'regular').key;
  const preview = (d: BulletinDocument) =>
    toPreviewLayout(typesetter.typeset(d).layout, { faces: typesetter.faces.loaded(), draft: false, defaultFace, sent: new Set(), sentPages: new Set() });

  it('SVG: outlines as path data in page coordinates, red strokes; the 刊名 glyphs are not drawn', () => {
    const plain = preview(doc).pages[0]!;
    const art = preview(withArt('image/svg+xml', svg)).pages[0]!;
    expect(plain.artworks).toBeUndefined();
    expect(art.artworks).toHaveLength(31);
    expect(art.artworks!.every((a) => a.stroke === RED && a.lineCap === 'square' && /^M[\d.]+ [\d.]+/.test(a.d))).toBe(true);
    expect(plain.texts!.some((t) => t.text === '联')).toBe(true);
    expect(art.texts!.some((t) => t.text === '联')).toBe(false);
    expect(art.key).not.toBe(plain.key);
    expect(preview(withArt('image/svg+xml', svg)).pages[1]!.key).toBe(preview(doc).pages[1]!.key);
  });

  it('PNG: one image over the 刊名 box in the masthead red, the 刊名 glyphs not drawn', () => {
    const png = greyPng({ width: 3000, height: 760, dpi: 600 });
    const page = preview(withArt('image/png', png)).pages[0]!;
    expect(page.artImages).toHaveLength(1);
    expect(page.artImages![0]!.png).toEqual(png);
    expect(page.artImages![0]!.tint).toEqual(RED);
    expect(page.texts!.some((t) => t.text === '联')).toBe(false);
  });
});
