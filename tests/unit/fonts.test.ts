import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundledFamily } from '../../core/model/profile.js';
import { createFontFiles } from '../../services/font-files.js';
import { sfntTables, woffToSfnt } from '../../scripts/woff-to-sfnt.mjs';

/** The part of fontkit these tests use (fontkit ships no types). */
interface KitFont {
  readonly type: string;
  readonly numGlyphs: number;
  readonly directory: { readonly tables: Record<string, unknown> };
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { readonly advanceWidth: number };
}

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(buffer: Uint8Array): KitFont };
const wenkaiDir = dirname(require.resolve('@fontsource/lxgw-wenkai/package.json'));
const WOFF_500 = join(wenkaiDir, 'files/lxgw-wenkai-latin-500-normal.woff');
const WOFF2_500 = join(wenkaiDir, 'files/lxgw-wenkai-latin-500-normal.woff2');
const ZHONG = 0x4e2d; // 中
const CHINESE = /[\u4e00-\u9fff]/;

const tmp = mkdtempSync(join(tmpdir(), 'fonts-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const library = createFontFiles();

describe('woffToSfnt', () => {
  it('unwraps the WenKai WOFF into a TrueType font equal to what fontkit reads from the WOFF', () => {
    const woff = readFileSync(WOFF_500);
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
    expect(sfnt.length).toBe(woff.readUInt32BE(16)); // WOFF header's totalSfntSize

    const fromSfnt = fontkit.create(sfnt);
    const fromWoff = fontkit.create(woff);
    expect(fromSfnt.type).toBe('TTF');
    expect(fromWoff.type).toBe('WOFF');
    expect(fromSfnt.directory.tables.glyf).toBeTruthy();
    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
    expect(fromSfnt.glyphForCodePoint(ZHONG).advanceWidth).toBe(fromWoff.glyphForCodePoint(ZHONG).advanceWidth);
    expect(fromSfnt.hasGlyphForCodePoint(0x20bb7)).toBe(true); // 𠮷
  });

  it('writes a valid sfnt: sorted records, binary-search fields, checksums and checkSumAdjustment', () => {
    const sfnt = woffToSfnt(readFileSync(WOFF_500));
    const { tables } = sfntTables(sfnt);
    const tags = [...tables.keys()];
    expect(tags).toEqual([...tags].sort());
    const n = tags.length;
    const entrySelector = Math.floor(Math.log2(n));
    expect(sfnt.readUInt16BE(6)).toBe(2 ** entrySelector * 16);
    expect(sfnt.readUInt16BE(8)).toBe(entrySelector);
    expect(sfnt.readUInt16BE(10)).toBe(n * 16 - 2 ** entrySelector * 16);

    const sum = (buf: Buffer): number => {
      let s = 0;
      for (let i = 0; i < buf.length; i += 4) s = (s + buf.readUInt32BE(i)) >>> 0;
      return s;
    };
    for (const [tag, { offset, length, checksum }] of tables) {
      expect(offset % 4).toBe(0);
      const data = Buffer.alloc((length + 3) & ~3);
      sfnt.copy(data, 0, offset, offset + length);
      if (tag === 'head') data.writeUInt32BE(0, 8);
      expect(sum(data), tag).toBe(checksum);
    }
    expect(sum(sfnt)).toBe(0xb1b0afba);
  });

  it('refuses WOFF2 and garbage with Chinese messages', () => {
    expect(() => woffToSfnt(readFileSync(WOFF2_500))).toThrow(/不支持 WOFF2 字体，请先转换为 TTF/);
    expect(() => woffToSfnt(Buffer.from('not a font at all, just text'))).toThrow(CHINESE);
  });
});

describe('createFontFiles: bundled families', () => {
  const families = library.bundledFamilies();

  it('lists the four bundled families with Chinese names', () => {
    expect(families.map((f) => f.id).sort()).toEqual(
      ['lxgw-wenkai', 'noto-sans-sc', 'noto-serif-sc', 'noto-serif-sc-heavy'] satisfies BundledFamily[],
    );
    for (const f of families) {
      expect(f.name).toMatch(CHINESE);
      expect(f.license).toBe('OFL-1.1');
    }
  });

  for (const id of ['noto-serif-sc', 'noto-serif-sc-heavy', 'noto-sans-sc', 'lxgw-wenkai'] as const) {
    for (const weight of ['regular', 'bold'] as const) {
      it(`${id} ${weight} loads as TrueType and has 中`, () => {
        const face = library.face({ kind: 'bundled', family: id }, weight);
        expect(face.key).toBe(`${id}@${weight}`);
        const font = fontkit.create(face.bytes);
        expect(font.type).toBe('TTF');
        expect(font.hasGlyphForCodePoint(ZHONG)).toBe(true);
        expect(library.face({ kind: 'bundled', family: id }, weight)).toBe(face); // read once
      });
    }
  }

  it('shares the bytes of a file two families use', () => {
    const bold = library.face({ kind: 'bundled', family: 'noto-serif-sc' }, 'bold');
    const heavy = library.face({ kind: 'bundled', family: 'noto-serif-sc-heavy' }, 'regular');
    expect(heavy.bytes).toBe(bold.bytes);
  });

  it('converts WenKai on the fly when the cache is empty, and writes the cache', () => {
    const cacheDir = join(tmp, 'cache');
    const fresh = createFontFiles({ cacheDir });
    const face = fresh.face({ kind: 'bundled', family: 'lxgw-wenkai' }, 'regular');
    expect(fontkit.create(face.bytes).hasGlyphForCodePoint(0x20bb7)).toBe(true);
    // Held without its glyph data, read from the cache file written.
    expect(face.glyf).toBeDefined();
    expect(readFileSync(join(cacheDir, 'LXGWWenKai-Regular.ttf')).equals(Buffer.from(face.glyf!.file()))).toBe(true);
  });
});

describe('createFontFiles: user files', () => {
  it('reads a user TTF, using the regular file for bold without boldPath', () => {
    const ttf = join(tmp, 'user.ttf');
    copyFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), ttf);
    const regular = library.face({ kind: 'file', path: ttf }, 'regular');
    expect(regular.key.startsWith('file:')).toBe(true);
    expect(regular.key).toContain(ttf);
    expect(fontkit.create(regular.bytes).hasGlyphForCodePoint(ZHONG)).toBe(true);
    const bold = library.face({ kind: 'file', path: ttf }, 'bold');
    expect(bold.key).toBe(regular.key);
    expect(bold.bytes).toBe(regular.bytes);
  });

  it('reads a user WOFF 1.0 by converting it', () => {
    const face = library.face({ kind: 'file', path: WOFF_500 }, 'regular');
    expect(face.key.startsWith('file:')).toBe(true);
    expect(face.bytes[0]).toBe(0);
    expect(fontkit.create(face.bytes).type).toBe('TTF');
  });

  it('gives Chinese errors for a missing file, a WOFF2 file and random bytes', () => {
    const missing = join(tmp, '不存在的字体.ttf');
    expect(() => library.face({ kind: 'file', path: missing }, 'regular')).toThrow(/找不到字体文件/);
    expect(() => library.face({ kind: 'file', path: missing }, 'regular')).toThrow(missing);

    expect(() => library.face({ kind: 'file', path: WOFF2_500 }, 'regular')).toThrow(
      /不支持 WOFF2 字体，请先转换为 TTF/,
    );

    const random = join(tmp, 'random.ttf');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes.write('RAND', 0, 'latin1'); // never a font signature by chance
    writeFileSync(random, bytes);
    for (const path of [missing, WOFF2_500, random]) {
      let error: unknown;
      try {
        library.face({ kind: 'file', path, boldPath: path }, 'bold');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(CHINESE);
    }
  });
});
