/**
 * The .docx writer's structure, read back from the package's XML: page size and margins of the preset, the line
 * grid, Word styles per role with office font names (East Asian attribute set), the red masthead over its rule,
 * numbered headings as text, run-in headings, the contributor line, the 送 list between rules, page numbers.
 * (tests/integration/word-docx.test.ts lays the file out with LibreOffice.)
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { child, descendants, elements, parseXml, plainText, type XmlElement } from '../../core/import/word/xml-tree.js';
import { readInput } from '../../core/io/read-input.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { COMPACT, STANDARD } from '../../core/typeset/preset.js';
import { sampleBytes } from '../helpers/sample.js';

const sample = readInput(sampleBytes(), { name: 'sample.txt', today: '2021-06-02' }).document;

async function parts(options = {}, doc = sample) {
  const files = unzipSync(await exportDocx(doc, options));
  const xml = (name: string) => parseXml(new TextDecoder().decode(files[name]!), name);
  return { document: xml('word/document.xml'), styles: xml('word/styles.xml'), names: Object.keys(files) };
}

const paragraphs = (root: XmlElement) => descendants(root, 'w:p');
const styleOf = (p: XmlElement) => child(child(p, 'w:pPr'), 'w:pStyle')?.attrs['w:val'];
const twips = (pt: number) => Math.round(pt * 20);

describe('exportDocx', async () => {
  const { document, styles, names } = await parts();
  const body = child(document, 'w:body')!;
  const sect = child(body, 'w:sectPr')!;

  it('sets A4 with the type area of GB/T 9704 and a 22-line grid', () => {
    expect(child(sect, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(child(sect, 'w:pgMar')!.attrs).toMatchObject({ 'w:top': String(twips(STANDARD.top)), 'w:left': String(twips(STANDARD.left)) });
    const grid = child(sect, 'w:docGrid')!.attrs;
    expect(grid['w:type']).toBe('lines');
    expect(Number(grid['w:linePitch']) * STANDARD.linesPerPage).toBeLessThanOrEqual(twips(STANDARD.height));
    expect(Number(grid['w:linePitch']) * (STANDARD.linesPerPage + 1)).toBeGreaterThan(twips(STANDARD.height));
    expect(names).toContain('word/footer1.xml');
  });

  it('defines a Word style per role with office font names on the East Asian attribute', () => {
    const byId = new Map(elements(styles, 'w:style').map((s) => [s.attrs['w:styleId'], s]));
    const font = (id: string) => child(child(byId.get(id)!, 'w:rPr'), 'w:rFonts')?.attrs['w:eastAsia'];
    const name = (id: string) => child(byId.get(id)!, 'w:name')?.attrs['w:val'];
    expect(['BulletinTitle', 'BulletinHeading1', 'BulletinHeading2', 'BulletinHeading3', 'BulletinHeading4', 'BulletinBody'].map(name)).toEqual([
      '标题', '一级标题', '二级标题', '三级标题', '四级标题', '正文',
    ]);
    expect(font('BulletinBody')).toBe('仿宋_GB2312');
    expect(font('BulletinTitle')).toBe('方正小标宋简体');
    expect(font('BulletinHeading1')).toBe('黑体');
    expect(font('BulletinHeading2')).toBe('楷体_GB2312');
    const indent = child(child(byId.get('BulletinBody')!, 'w:pPr'), 'w:ind')!.attrs;
    expect(indent['w:firstLine']).toBe(String(twips(2 * STANDARD.bodySize)));
  });

  it('writes the red masthead over its red rule, then the note, title, numbered and run-in headings', () => {
    const ps = paragraphs(body);
    const first = ps[0]!;
    expect(plainText(first)).toBe('联络动态');
    expect(descendants(first, 'w:color')[0]!.attrs['w:val']).toBe('FF0000');
    const rule = ps.find((p) => descendants(p, 'w:bottom').some((b) => b.attrs['w:color'] === 'FF0000'))!;
    expect(plainText(rule)).toMatch(/编2021年6月2日$/);
    expect(descendants(rule, 'w:tab')).toHaveLength(2); // the right tab stop and the tab before the date
    expect(ps.map(plainText)).toContain('（总第六百三十一期）');
    const heading = ps.find((p) => plainText(p).startsWith('一、'))!;
    expect(styleOf(heading)).toBe('BulletinHeading1');
    expect(plainText(heading)).toMatch(/^一、深化活动主题。这次活动/);
    const runs = elements(heading, 'w:r');
    expect(descendants(runs[1]!, 'w:rFonts')[0]!.attrs['w:eastAsia']).toBe('黑体'); // the heading phrase
    expect(descendants(runs.at(-1)!, 'w:rFonts')[0]!.attrs['w:eastAsia']).toBe('仿宋_GB2312'); // its run-in body
    expect(ps.filter((p) => styleOf(p) === 'BulletinTitle').map(plainText)).toEqual(sample.issue.articles.map((a) => a.title));
    const contributor = ps.find((p) => styleOf(p) === 'BulletinContributor')!;
    expect(plainText(contributor)).toBe('（长沙市人大常委会供稿）');
  });

  it('puts the 版记 between rules: 送 list, 责任编辑', () => {
    const back = paragraphs(body).filter((p) => styleOf(p) === 'BulletinBackMatter');
    expect(plainText(back[0]!)).toMatch(/^送：/);
    expect(descendants(back[0]!, 'w:top')).toHaveLength(1);
    expect(descendants(back.at(-1)!, 'w:bottom')).toHaveLength(1);
    expect(back.map(plainText).join('\n')).toContain('责任编辑');
  });

  it('follows the preset (compact: 14 pt, 26 lines) and a font file the profile names', async () => {
    const doc = { ...sample, publication: { ...sample.publication, fonts: { ...sample.publication.fonts, body: { kind: 'file' as const, path: 'C:/Windows/Fonts/simfang.ttf' } } } };
    const compact = await parts({ preset: COMPACT }, doc);
    const grid = child(child(child(compact.document, 'w:body')!, 'w:sectPr'), 'w:docGrid')!.attrs;
    expect(Number(grid['w:linePitch'])).toBe(Math.floor((COMPACT.height / COMPACT.linesPerPage) * 20));
    const body = elements(compact.styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'BulletinBody')!;
    expect(child(child(body, 'w:rPr'), 'w:sz')!.attrs['w:val']).toBe('28');
    expect(child(child(body, 'w:rPr'), 'w:rFonts')!.attrs['w:eastAsia']).toBe('仿宋_GB2312');
  });
});
