/**
 * Pictures in Word files (issue 12 point 3): the issue with three photos exported as .docx and laid out by
 * LibreOffice (a program we did not write) keeps three pictures (pdfimages on its PDF) and the captions
 * (pdftotext); a .docx made by LibreOffice with a photo and a Caption-styled 图注 (tests/fixtures/word/
 * picture-caption.docx, see its README) imports as a picture block with that caption; our own export imports
 * back with its pictures and captions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import { wordToArticle } from '../../core/import/word/word-article.js';
import { inlineText } from '../../core/model/inline.js';
import { fromBase64, sniffPicture } from '../../core/model/picture.js';
import { exportDocx } from '../../core/render/docx-export.js';
import { readWordFile } from '../../services/word-file.js';
import { withThreePhotos } from '../helpers/picture-files.js';
import { REPO_ROOT, SAMPLE_FILE } from '../helpers/sample.js';
import { convertWith, findSoffice } from '../helpers/soffice.js';
import { runTool, toolAvailable } from '../helpers/system-tools.js';

const soffice = findSoffice();
const dir = mkdtempSync(join(tmpdir(), 'pictures-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let threePhotos: ReturnType<typeof withThreePhotos> | undefined;
const doc = () => (threePhotos ??= withThreePhotos(readInput(readFileSync(SAMPLE_FILE), { name: SAMPLE_FILE, today: '2021-06-02' }).document));

describe('pictures in .docx', () => {
  it('imports the photo and its Caption-styled 图注 from a .docx made by LibreOffice', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'word', 'picture-caption.docx')));
    const { article, notes } = wordToArticle(await readWordFile(bytes, 'picture-caption.docx'));
    expect(article.title).toBe('联络站开展接待活动');
    expect(article.body.map((b) => b.type)).toEqual(['paragraph', 'picture', 'paragraph']);
    const picture = article.body[1]!;
    if (picture.type !== 'picture') throw new Error('not a picture');
    expect(inlineText(picture.content)).toBe('代表在联络站接待选民');
    expect(picture.image).toMatchObject({ format: 'jpeg', width: 1200, height: 800 });
    expect(sniffPicture(fromBase64(picture.image.data))).toBe('jpeg');
    expect(article.contributor).toBe('长沙市人大常委会办公厅');
    expect(notes.some((n) => /已导入 1 张图片/.test(n.message))).toBe(true);
  });

  it('our .docx imports back with its three pictures and captions', async () => {
    const bytes = await exportDocx(doc());
    const content = await readWordFile(bytes, 'x.docx');
    const pictures = content.paragraphs.flatMap((p) => p.pictures ?? []);
    expect(pictures).toHaveLength(3);
    expect(pictures.every((p) => p.image)).toBe(true);
    expect(content.paragraphs.filter((p) => p.caption).map((p) => inlineText(p.runs))).toEqual(['图为联络站接待选民现场', '代表进站履职情况统计']);
  });

  it.skipIf(soffice === undefined)('LibreOffice lays out the exported .docx with three pictures and the captions', async () => {
    const file = join(dir, 'three-photos.docx');
    writeFileSync(file, await exportDocx(doc()));
    const pdf = join(dir, 'three-photos.pdf');
    writeFileSync(pdf, convertWith(soffice!, file, 'pdf'));
    if (!toolAvailable('pdfimages')) return;
    const rows = runTool('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(rows).toHaveLength(3);
    const text = runTool('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('图为联络站接待选民现场');
    expect(text).toContain('代表进站履职情况统计');
  }, 120_000);
});
