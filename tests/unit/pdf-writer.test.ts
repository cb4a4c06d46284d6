/**
 * The writer's session: subsets only grow and keep their codes, unchanged pages' content streams are reused,
 * exact subsets hold just the document's glyphs; and the file structure (xref offsets) is right.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { createPdfWriterRenderer } from '../../core/render/pdf-backend.js';
import { latin1, writePdf } from '../../core/render/pdf-writer.js';
import { readSfnt } from '../../core/fonts/sfnt.js';
import { encodeTrueTypeSubset } from '../../core/fonts/font-subset.js';
import { createTypesetter } from '../../services/typesetter.js';
import { pdfPageContents } from '../helpers/pdf-readback.js';
import { SAMPLE_FILE } from '../helpers/sample.js';
import * as fontkit from 'fontkit';

const sample = (): BulletinDocument => readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document;

/** The first character of the 编者按 replaced (same width: the lines and pages stay as they were). */
function withNoteStart(doc: BulletinDocument, char: string): BulletinDocument {
  const [first, ...rest] = doc.issue.editorNote;
  const text = first!.map((i) => i.text).join('');
  return { ...doc, issue: { ...doc.issue, editorNote: [[{ text: char + text.slice(1) }], ...rest] } };
}

describe('pdf writer', () => {
  it('writes an xref whose offsets point at each object', () => {
    const bytes = writePdf({
      objects: [{ source: '<</Type /Catalog /Pages 2 0 R>>' }, { source: '<</Type /Pages /Kids [] /Count 0>>' }, { dict: {}, data: latin1('abc') }],
      root: 1,
      id: [new Uint8Array(16), new Uint8Array(16)],
    });
    const text = Buffer.from(bytes).toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o).startsWith(`${i + 1} 0 obj`)).toBe(true));
    expect(text).toContain('/Length 3');
  });

  it('a TrueType subset is a font fontkit reads, with the glyphs asked for', () => {
    const typesetter = createTypesetter();
    const face = typesetter.faces.face({ kind: 'bundled', family: 'noto-serif-sc' }, 'regular');
    // The glyph data is read from the file on demand (the face holds the other tables only).
    const font = readSfnt(face.bytes, { glyf: face.glyf });
    const gids = [0, font.glyphId(0x4e2d), font.glyphId(0x6587), font.glyphId(0x41)];
    const subset = fontkit.create(encodeTrueTypeSubset(font, gids));
    expect(subset.numGlyphs).toBe(4);
    const original = fontkit.create(face.glyf?.file() ?? face.bytes);
    expect((subset as unknown as { getGlyph(i: number): { advanceWidth: number; path: { commands: unknown[] } } }).getGlyph(1).path.commands).toEqual(
      (original as unknown as { getGlyph(i: number): { path: { commands: unknown[] } } }).getGlyph(gids[1]!).path.commands,
    );
  });

  it('session subsets only grow, keep codes, and reuse unchanged pages; exact subsets are fresh', async () => {
    const typesetter = createTypesetter();
    const renderer = createPdfWriterRenderer();
    const render = (doc: BulletinDocument, subsets?: 'exact') => {
      const result = typesetter.typeset(doc);
      const defaultFace = typesetter.faces.face(doc.publication.fonts.hei, 'regular').key;
      return renderer.render(result.layout, { faces: typesetter.faces.loaded(), defaultFace, draft: false, subsets, purpose: 'preview' });
    };
    const doc = sample();
    const first = await render(doc);
    const sizes = new Map(renderer.sessionSizes());
    const again = await render(doc);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    // A character the issue does not have yet (龘) in the note: the subset grows by it, other pages unchanged.
    const edited = withNoteStart(doc, '龘');
    const grown = await render(edited);
    const grownSizes = renderer.sessionSizes();
    let grew = 0;
    for (const [key, n] of sizes) {
      expect(grownSizes.get(key)!).toBeGreaterThanOrEqual(n);
      grew += grownSizes.get(key)! - n;
    }
    expect(grew).toBeGreaterThanOrEqual(1);
    const before = pdfPageContents(first);
    const after = pdfPageContents(grown);
    expect(after[0]).not.toEqual(before[0]);
    expect(after.slice(1)).toEqual(before.slice(1)); // later pages did not change: same streams, same codes
    // Back to the original: same codes as the first time (the session never renumbers).
    const back = await render(doc);
    expect(pdfPageContents(back)).toEqual(before);
    // The exact subset of the original has fewer glyphs than the grown session.
    const exact = await render(doc, 'exact');
    expect(exact.length).toBeLessThan(back.length);
  });
});
