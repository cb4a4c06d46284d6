/**
 * The pieces of the OFD writer (core/render/ofd/) on small inputs: XML escaping, numbers in millimetres,
 * DeltaX with "g N v" runs, CMYK → RGB, the structure file grouping a paragraph across pages, and a whole
 * package of a tiny layout: IDs unique, MaxUnitID, every part present. (The sample read back by ofd.js:
 * tests/integration/ofd-readback.test.ts.)
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeOfdPackage } from '../../core/render/ofd/ofd-package.js';
import type { SubsetCache } from '../../core/render/ofd/ofd-fonts.js';
import type { OfdPage } from '../../core/render/ofd/ofd-page.js';
import { structureXml } from '../../core/render/ofd/ofd-structure.js';
import { deltaX, rgbOf } from '../../core/render/ofd/ofd-text.js';
import { esc, mmOf, num } from '../../core/render/ofd/xml.js';
import { BLACK, RED } from '../../core/typeset/preset.js';
import type { PageLayout } from '../../core/typeset/page-layout.js';
import { createTypesetter } from '../../services/typesetter.js';

describe('OFD writer pieces', () => {
  it('escapes text for XML and drops characters XML forbids', () => {
    expect(esc('A&B<C>"D"')).toBe('A&amp;B&lt;C&gt;&quot;D&quot;');
    expect(esc('甲\u0001乙\uFFFE丙\uD800')).toBe('甲乙丙');
    expect(esc('𠀀')).toBe('𠀀'); // a surrogate pair stays
  });

  it('writes lengths in millimetres with at most three decimals', () => {
    expect(mmOf(72)).toBe('25.4');
    expect(num(-0.0001)).toBe('0');
    expect(num(1 / 3)).toBe('0.333');
  });

  it('DeltaX: gaps in mm, three or more equal gaps as "g N v"', () => {
    const cell = 15.79; // points
    expect(deltaX([cell, cell, cell, cell, 10, 10])).toBe(`g 4 ${mmOf(cell)} ${mmOf(10)} ${mmOf(10)}`);
    expect(deltaX([])).toBeUndefined();
  });

  it('converts the layout CMYK to RGB', () => {
    expect(rgbOf(BLACK)).toBe('0 0 0');
    expect(rgbOf(RED)).toBe('255 0 0');
  });

  it('structure: a paragraph broken across two pages is one element, artifacts between them apart', () => {
    const pages: OfdPage[] = [
      { id: 1, xml: '', objects: [{ id: 3, role: 'paragraph', source: 'p1' }, { id: 4, role: 'page-number', source: '' }] },
      { id: 2, xml: '', objects: [{ id: 5, role: 'rule', source: '' }, { id: 6, role: 'paragraph', source: 'p1' }, { id: 7, role: 'paragraph', source: 'p2' }] },
    ];
    const xml = structureXml(pages, new Map([['p2', 2]]));
    expect(xml).toContain('<bd:Paragraph Source="p1"><ofd:ObjectRef PageRef="1">3</ofd:ObjectRef><ofd:ObjectRef PageRef="2">6</ofd:ObjectRef></bd:Paragraph>');
    expect(xml).toContain('<bd:Heading Source="p2" Level="2" RunIn="true"><ofd:ObjectRef PageRef="2">7</ofd:ObjectRef></bd:Heading>');
    expect(xml.match(/<bd:PageNumber>/g)).toHaveLength(1);
  });

  it('a tiny layout: every part present, IDs unique and at most MaxUnitID, text and rule written', () => {
    const typesetter = createTypesetter();
    const face = typesetter.faces.face({ kind: 'bundled', family: 'noto-serif-sc' }, 'regular');
    const layout: PageLayout = {
      width: 595.28,
      height: 841.89,
      ascents: new Map([[face.key, face.ascent]]),
      info: { title: '测试 & 标题', author: '单位', subject: '', keywords: '简报, 测试' },
      pages: [
        {
          number: 1,
          texts: [{ x: 79.37, baseline: 200, text: '联络 <动态>', face: face.key, size: 16, color: BLACK, charSpacing: 0.2 }],
          rules: [{ x1: 79.37, x2: 521.57, y: 300, thickness: 1, color: RED }],
          lines: [{ kind: 'paragraph', source: 'articles[0].body[0]', baseline: 200, last: true }],
        },
      ],
    };
    const bytes = writeOfdPackage({ layout, faces: typesetter.faces.loaded(), docId: 'ab'.repeat(16), created: new Date('2021-06-02T00:00:00Z') });
    const files = unzipSync(bytes);
    const names = ['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/CustomTags.xml', 'Doc_0/Tags/Structure.xml', 'Doc_0/Pages/Page_0/Content.xml'];
    expect(Object.keys(files)).toEqual(expect.arrayContaining(names));
    expect(Object.keys(files).filter((n) => !names.includes(n))).toEqual([expect.stringMatching(/^Doc_0\/Res\/Font_\d+\.ttf$/)]);
    const entry = strFromU8(files['OFD.xml']!);
    expect(entry).toContain('<ofd:Title>测试 &amp; 标题</ofd:Title>');
    expect(entry).toContain('<ofd:CreationDate>2021-06-02</ofd:CreationDate>');
    expect(entry).toContain('<ofd:Keywords><ofd:Keyword>简报</ofd:Keyword><ofd:Keyword>测试</ofd:Keyword></ofd:Keywords>');
    const page = strFromU8(files['Doc_0/Pages/Page_0/Content.xml']!);
    expect(page).toMatch(/<ofd:TextCode X="0" Y="[\d.]+" DeltaX="[^"]+">联络&#x20;&lt;动态&gt;<\/ofd:TextCode>/);
    expect(page).toContain('<ofd:StrokeColor Value="255 0 0"/><ofd:AbbreviatedData>M 0 0.529 L 155.998 0.529</ofd:AbbreviatedData>');
    const ids = [...Object.values(files)].flatMap((f) => [...strFromU8(f).matchAll(/\sID="(\d+)"/g)].map((m) => Number(m[1])));
    expect(new Set(ids).size).toBe(ids.length);
    const max = Number(/<ofd:MaxUnitID>(\d+)</.exec(strFromU8(files['Doc_0/Document.xml']!))![1]);
    expect(Math.max(...ids)).toBeLessThanOrEqual(max);

    // A subset cache: the same characters again reuse the subset; other characters make a new one.
    const cache: SubsetCache = new Map();
    const write = (l: PageLayout) => writeOfdPackage({ layout: l, faces: typesetter.faces.loaded(), docId: 'cd'.repeat(16), created: new Date(0), subsetCache: cache });
    const fontFile = (b: Uint8Array) => Object.entries(unzipSync(b)).find(([n]) => n.includes('/Res/'))![1];
    write(layout);
    const first = cache.get(face.key)!.subset;
    write(layout);
    expect(cache.get(face.key)!.subset).toBe(first);
    const other = { ...layout, pages: [{ ...layout.pages[0]!, texts: [{ ...layout.pages[0]!.texts[0]!, text: '联络动态' }] }] };
    const changed = fontFile(write(other));
    expect(cache.get(face.key)!.subset).not.toBe(first);
    expect(changed).toEqual(cache.get(face.key)!.subset.bytes);
    expect(fontFile(writeOfdPackage({ layout: other, faces: typesetter.faces.loaded(), docId: 'cd'.repeat(16), created: new Date(0) }))).toEqual(changed);
  });
});
