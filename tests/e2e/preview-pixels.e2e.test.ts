/**
 * What the preview shows is what prints: the live preview's canvases (drawn from the page layout) against the
 * same pages of the PDF drawn by pdf.js (「PDF 校样」 mode, the writer's PDF of the same layout), page by page, on
 * the sample and on an issue with every kind of block (masthead, 编者按, title, headings of all four levels —
 * standalone and run in —, paragraphs, contributor line, back matter, page numbers, the 样稿 watermark), and on the
 * sample with its 刊名 as vector artwork (issue 12).
 *
 * Threshold: antialiasing differs between two rasterisers of the same outlines, so single pixels at glyph edges
 * may differ a lot; a misplaced glyph, a missing rule or a wrong colour differs over a whole area. A page passes
 * when at most 0.5 % of its pixels differ by more than 64 (of 255) in some channel, the mean difference per
 * channel is at most 2, and no 16 × 16 block differs by more than 8 on average (measured ≤ 5 here; the 样稿 watermark missing gives 12, a glyph
 * moved or a rule in the wrong colour shows there, while the page's mean hides it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { REPO_ROOT } from '../helpers/sample.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { previewPageCount, sampleBytes, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const OVER_64_MAX = 0.005;
const MEAN_MAX = 2;
const BLOCK_MAX = 8;

/** The headings fixture with a level-4 （1） heading run in, so every kind of block is on its pages. */
function everyKindText(): Uint8Array {
  const text = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'lianluo-2021-11-headings.txt'), 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('1.完善接待制度'));
  lines.splice(at + 1, 0, '（1）细化接待流程。接待前公告代表名单，接待中记录群众意见，接待后整理归类并及时反馈。');
  return new TextEncoder().encode(lines.join('\n'));
}

interface PageDiff {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly over64: number;
  readonly mean: number;
  /** Share of dark pixels in the live preview (the page is not blank). */
  readonly ink: number;
  /** The largest mean difference of a 16 × 16 block: a missing or misplaced mark is local, the page means hide it. */
  readonly worstBlock: number;
}

describe.skipIf(!hasChromium)('预览与打印一致', () => {
  const scene = useApp();

  for (const [name, bytes] of [
    ['样例', () => sampleBytes()],
    ['各类段落', everyKindText],
    ['刊名图', () => sampleBytes()],
  ] as const) {
    it(`${name}：实时预览与 pdf.js 绘制的 PDF 逐页像素一致`, async () => {
      const dir = scene.library();
      const library = createLibrary({ dir });
      const { id } = library.importBytes(bytes(), `${name}.txt`);
      if (name === '刊名图') {
        // The sample with the 刊名 as vector artwork (issue 12): the preview's outlines against the PDF's paths.
        const stored = library.read(id);
        const svg = readFileSync(join(REPO_ROOT, 'assets', 'mastheads', 'lianluo-dongtai.svg'));
        const mastheadArt = { kind: 'embedded', mime: 'image/svg+xml', data: svg.toString('base64') } as const;
        library.save(id, { ...stored.document, publication: { ...stored.document.publication, mastheadArt } }, stored.revision);
      }
      const app = await scene.launch({ libraryDir: dir });
      const { page } = app;
      await page.locator(`.issue-row[data-id="${id}"]`).dblclick();
      await page.getByTestId('issue-screen').waitFor();
      const n = await previewPageCount(page, 60_000);
      expect(n).toBeGreaterThanOrEqual(2);
      await poll(() => page.locator('.preview-page[data-drawn="true"] canvas[data-kind="layout"]').count(), 30_000).toBe(n);
      // Keep the live preview's pixels, then switch to 「PDF 校样」 and compare with pdf.js's.
      await page.evaluate(() => {
        const g = globalThis as Any;
        g.__layoutPixels = [...g.document.querySelectorAll('.preview-page canvas')].map((c: Any) => ({
          width: c.width,
          height: c.height,
          data: c.getContext('2d').getImageData(0, 0, c.width, c.height).data,
        }));
      });
      await page.getByRole('button', { name: 'PDF 校样' }).click();
      await poll(() => page.locator('.preview-page[data-drawn="true"] canvas[data-kind="pdf"]').count(), 60_000).toBe(n);
      const diffs = (await page.evaluate(() => {
        const g = globalThis as Any;
        const pdfCanvases = [...g.document.querySelectorAll('.preview-page canvas')] as Any[];
        return pdfCanvases.map((c: Any, i: number) => {
          const mine = g.__layoutPixels[i];
          const width = Math.min(c.width, mine.width);
          const height = Math.min(c.height, mine.height);
          const theirs = c.getContext('2d').getImageData(0, 0, width, height).data;
          let over = 0;
          let sum = 0;
          let ink = 0;
          const B = 16;
          const bw = Math.ceil(width / B);
          const blocks = new Float64Array(bw * Math.ceil(height / B));
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              const a = (y * mine.width + x) * 4;
              const b = (y * width + x) * 4;
              let worst = 0;
              for (let k = 0; k < 3; k++) {
                const d = Math.abs(mine.data[a + k] - theirs[b + k]);
                sum += d;
                blocks[Math.floor(y / B) * bw + Math.floor(x / B)] += d;
                if (d > worst) worst = d;
              }
              if (worst > 64) over++;
              if (mine.data[a] < 128) ink++;
            }
          }
          return { page: i + 1, width, height, over64: over / (width * height), mean: sum / (width * height * 3), ink: ink / (width * height), worstBlock: Math.max(...blocks) / (B * B * 3) };
        });
      })) as PageDiff[];
      console.log(`${name}：${diffs.map((d) => `第${d.page}页 ${d.width}×${d.height} 差>64 ${(d.over64 * 100).toFixed(3)}% 平均差 ${d.mean.toFixed(2)} 最差块 ${d.worstBlock.toFixed(1)}`).join('；')}`);
      expect(diffs).toHaveLength(n);
      for (const d of diffs) {
        expect(d.width).toBeGreaterThan(300);
        expect(d.ink, `第 ${d.page} 页有字`).toBeGreaterThan(0.003);
        expect(d.over64, `第 ${d.page} 页`).toBeLessThanOrEqual(OVER_64_MAX);
        expect(d.mean, `第 ${d.page} 页`).toBeLessThanOrEqual(MEAN_MAX);
        expect(d.worstBlock, `第 ${d.page} 页最差的 16×16 块`).toBeLessThanOrEqual(BLOCK_MAX);
      }
      expect(app.pageErrors).toEqual([]);
    }, 180_000);
  }
});
