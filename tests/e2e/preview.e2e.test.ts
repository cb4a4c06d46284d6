/**
 * Import and preview end to end: the sample text imported through 导入文本… shows its pages in the preview, as
 * many as the PDF that 导出PDF (Ctrl+E) writes through the services; 校对 results jump to their place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { readPdf } from '../helpers/pdf-readback.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, previewPageCount, SAMPLE, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('预览', () => {
  const scene = useApp();

  it('导入样例后预览显示页数，与导出的 PDF 页数一致（标准版式 5 页）', async () => {
    const dir = scene.library();
    const pdfPath = join(dir, '导出.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', pdfPath);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page } = app;

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    expect(await page.locator('.article-title').first().inputValue()).toContain('长沙市落实举措推进代表');

    const shown = await previewPageCount(page);
    expect(shown).toBe(5);
    // Every page is drawn on a canvas.
    await poll(() => page.locator('.preview-page[data-drawn="true"] canvas').count()).toBe(shown);
    const size = await page.locator('.preview-canvas').first().evaluate((c: Any) => [c.width as number, c.height as number]);
    expect(size[1]! / size[0]!).toBeCloseTo(297 / 210, 1);

    // Page navigation.
    await page.getByRole('button', { name: '下一页' }).click();
    await poll(() => page.getByTestId('preview-count').textContent()).toContain('第 2 页 / 共 5 页');
    await page.getByRole('button', { name: '上一页' }).click();
    await poll(() => page.getByTestId('preview-count').textContent()).toContain('第 1 页');

    // Export through the menu shortcut: the dialog's default name, the file, its page count.
    await page.keyboard.press('Control+e');
    await poll(() => existsSync(pdfPath), 30_000).toBe(true);
    expect(dialogs.asked.at(-1)).toEqual({ method: 'savePdf', defaultName: '联络动态2021年第8期（总第631期）（样稿）.pdf' });
    const pages = await readPdf(new Uint8Array(readFileSync(pdfPath)));
    expect(pages).toHaveLength(shown);
    expect(app.pageErrors).toEqual([]);
  });

  it('校对：问题列表点击后转到所在段落；预览随输入更新', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir });
    const { page } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await previewPageCount(page);

    // A half-width comma typed into the third paragraph is reported, and the report leads back there.
    const editor = bodyEditor(page);
    const third = editor.locator(':scope > *').nth(2);
    await third.click();
    await page.keyboard.press('End');
    await page.keyboard.type('测试,');
    await page.getByRole('tab', { name: /校对/ }).click();
    const problem = page.locator('.problem[data-path^="articles[0].body[2]"]');
    await poll(() => problem.count(), 20_000).toBeGreaterThan(0);
    await editor.locator(':scope > *').nth(0).click();
    await problem.first().click();
    const caretBlock = await page.evaluate(() => {
      const sel = (globalThis as Any).getSelection();
      let node: Any = sel?.anchorNode ?? null;
      while (node && node.parentElement && !node.parentElement.classList.contains('ProseMirror')) node = node.parentElement;
      return node?.parentElement ? ([...node.parentElement.children] as unknown[]).indexOf(node) : -1;
    });
    expect(caretBlock).toBe(2);

    // The preview follows the text.
    await page.getByRole('tab', { name: '预览' }).click();
    const before = Number(await page.evaluate(() => (globalThis as Any).document.body.dataset.previewVersion ?? '0'));
    await third.click();
    await page.keyboard.type('再加一句。');
    await poll(() => page.evaluate(() => Number((globalThis as Any).document.body.dataset.previewVersion ?? '0'))).toBeGreaterThan(before);
    expect(app.pageErrors).toEqual([]);
  });
});
