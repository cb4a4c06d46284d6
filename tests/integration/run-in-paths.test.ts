/**
 * Typing, pasting and importing the same article give identical PDFs (issue 11, point 1): the PDFs read back
 * with pdfjs-dist have the same text lines at the same baselines, and the run-in heading's phrase is drawn in
 * 黑体 (Noto Sans SC) while the text after it, on the same line, is in the body face (Noto Serif SC).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlainText } from '../../core/import/plain-text.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Block } from '../../core/model/issue.js';
import { pastedTextToBlocks } from '../../renderer/editor/clean-text.js';
import { createTypesetter, type Typesetter } from '../../services/typesetter.js';
import { exportAndRead, type Exported } from '../helpers/layout-checks.js';
import { lineText } from '../helpers/pdf-readback.js';
import { typeIntoBody } from '../helpers/typing.js';
import { RUN_IN_BODY } from '../helpers/run-in-text.js';

let dir: string;
let typesetter: Typesetter;
const exported = new Map<string, Exported>();

function withBody(doc: BulletinDocument, body: readonly Block[]): BulletinDocument {
  const article = doc.issue.articles[0]!;
  return { ...doc, issue: { ...doc.issue, articles: [{ ...article, body }] } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'run-in-paths-'));
  typesetter = createTypesetter();
  const text = RUN_IN_BODY.join('\n');
  const imported = importPlainText(`代表联络站建设情况\n${text}\n`, { today: '2021-06-02' }).document;
  const docs: [string, BulletinDocument][] = [
    ['imported', imported],
    ['typed', withBody(imported, typeIntoBody(text))],
    ['pasted', withBody(imported, pastedTextToBlocks(text))],
  ];
  for (const [name, doc] of docs) exported.set(name, await exportAndRead(typesetter, doc, {}, dir, `${name}.pdf`, { fonts: true }));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every page's lines as read back: baseline (rounded to 0.1 pt) and text. */
function readLines(ex: Exported): string[][] {
  return ex.lines.map((page) => page.map((line) => `${line.y.toFixed(1)} ${lineText(line)}`));
}

describe('typed, pasted and imported run-in headings print alike', () => {
  it('the three PDFs have the same text lines', () => {
    const imported = readLines(exported.get('imported')!);
    expect(imported.flat().length).toBeGreaterThan(10);
    expect(readLines(exported.get('typed')!)).toEqual(imported);
    expect(readLines(exported.get('pasted')!)).toEqual(imported);
  });

  it('the heading phrase is in 黑体 and the text after it in the body face, on one line', () => {
    for (const name of ['imported', 'typed', 'pasted']) {
      const lines = exported.get(name)!.lines.flat();
      const line = lines.find((l) => lineText(l).startsWith('一、健全工作机制。市人大'));
      expect(line, name).toBeDefined();
      const fontOf = (ch: string) => line!.items.find((i) => i.str.includes(ch))?.font ?? '';
      expect(fontOf('健'), name).toMatch(/NotoSansSC/);
      expect(fontOf('市'), name).toMatch(/NotoSerifSC/);
      const kai = lines.find((l) => lineText(l).startsWith('（一）明确进站安排。每月'));
      expect(kai, name).toBeDefined();
      expect(kai!.items.find((i) => i.str.includes('明'))?.font, name).toMatch(/WenKai/i);
      expect(kai!.items.find((i) => i.str.includes('每'))?.font, name).toMatch(/NotoSerifSC/);
    }
  });
});
