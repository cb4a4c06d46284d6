/**
 * Standalone subset fonts (core/fonts/font-subset.ts): TrueType (the bundled 思源宋体, its glyph data read from the file
 * on demand as the app holds it) and CFF-flavoured OpenType
 * (URW C059 from fonts-urw-base35). Read back with fontkit (glyph outlines and advances equal to the
 * original's for every character kept) and with FreeType through fontconfig's fc-query (the cmap covers
 * exactly the characters kept).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { cmapTable, subsetFont } from '../../core/fonts/font-subset.js';
import { readSfnt, type SfntFont } from '../../core/fonts/sfnt.js';
import { createFontFiles } from '../../services/font-files.js';
import { fileAvailable, toolAvailable } from '../helpers/system-tools.js';

const CFF_FONT = '/usr/share/fonts/opentype/urw-base35/C059-Roman.otf';
const hasFcQuery = toolAvailable('fcQuery');
const hasCffFont = fileAvailable(CFF_FONT, 'fonts-urw-base35', 'CFF 字体的子集测试');
const dir = mkdtempSync(join(tmpdir(), 'subset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Glyphish {
  readonly id: number;
  readonly advanceWidth: number;
  readonly path: { toSVG(): string };
}

/** `bytes`: the whole font file (fontkit reads the original glyphs from it); `sfnt`: the font as the subsetter reads it. */
function roundTrip(bytes: Uint8Array, sfnt: SfntFont, text: string, name: string) {
  const font = fontkit.create(bytes);
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  const subset = subsetFont({ font, sfnt, codePoints });
  const back = fontkit.create(subset.bytes);
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    if (!font.hasGlyphForCodePoint(cp)) {
      expect(back.hasGlyphForCodePoint(cp), ch).toBe(false);
      continue;
    }
    const a = font.glyphForCodePoint(cp) as unknown as Glyphish;
    const b = back.glyphForCodePoint(cp) as unknown as Glyphish;
    expect(b.id, ch).toBeGreaterThan(0);
    expect(b.advanceWidth, ch).toBe(a.advanceWidth);
    expect(b.path.toSVG(), ch).toBe(a.path.toSVG());
  }
  const file = join(dir, `${name}.${subset.format}`);
  writeFileSync(file, subset.bytes);
  // FreeType's view of the cmap: fc-query prints the charset as hex ranges.
  const charset = execFileSync('fc-query', ['--format=%{charset}', file], { encoding: 'utf8' });
  const covered = new Set<number>();
  for (const range of charset.trim().split(/\s+/).filter(Boolean)) {
    const [lo, hi = lo] = range.split('-').map((h) => parseInt(h!, 16));
    for (let cp = lo!; cp <= hi!; cp++) covered.add(cp);
  }
  const kept = [...new Set(codePoints)].filter((cp) => font.hasGlyphForCodePoint(cp) && cp > 0x20);
  for (const cp of kept) expect(covered.has(cp), `U+${cp.toString(16)}`).toBe(true);
  return { subset, original: bytes.byteLength };
}

describe.skipIf(!hasFcQuery)('subsetFont', () => {
  it('TrueType: the 思源宋体 glyphs of a sentence, a cmap, a file over 200 times smaller', () => {
    const face = createFontFiles().face({ kind: 'bundled', family: 'noto-serif-sc' }, 'regular');
    expect(face.glyf).toBeDefined(); // held without its glyph data
    const whole = face.glyf!.file();
    const { subset, original } = roundTrip(whole, readSfnt(face.bytes, { glyf: face.glyf }), '湖南省人大常委会“联系群众办实事”——第8期，ABC fi 123。𠀀', 'noto');
    expect(subset.format).toBe('ttf');
    expect(subset.bytes.byteLength).toBeLessThan(original / 200);
    expect(subset.codePoints).not.toContain(0x20000); // 𠀀 is not in 思源宋体 SC's subset here
  });

  it.skipIf(!hasCffFont)('CFF OpenType: head, hhea, hmtx, maxp 0.5 around the subset CFF', () => {
    const file = readFileSync(CFF_FONT);
    const { subset } = roundTrip(file, readSfnt(file), 'Liaison Bulletin 2021, No. 8 — fi ffl é', 'c059');
    expect(subset.format).toBe('otf');
    expect(new TextDecoder().decode(subset.bytes.subarray(0, 4))).toBe('OTTO');
  });

  it('cmap: runs of consecutive characters and glyphs share a segment; characters beyond the BMP get format 12', () => {
    const bmp = cmapTable([
      [0x4e00, 1],
      [0x4e01, 2],
      [0x4e02, 3],
      [0x4e10, 4],
    ]);
    const v = new DataView(bmp.buffer);
    expect(v.getUint16(2)).toBe(2); // two encoding records, one subtable
    expect(v.getUint16(20)).toBe(4); // format 4, after the 4-byte header and two 8-byte records
    expect(v.getUint16(20 + 6)).toBe(3 * 2); // segCountX2: two runs + the 0xFFFF segment
    const wide = cmapTable([
      [0x4e00, 1],
      [0x20000, 2],
    ]);
    expect(new DataView(wide.buffer).getUint16(2)).toBe(3);
  });
});
