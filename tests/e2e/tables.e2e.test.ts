/**
 * Tables end to end (issue 12 point 4 and the table part of point 5): 插入表格 3 × 3 in a new issue, text typed
 * into the cells with Tab between them, a column widened by dragging its border (saved as width fractions), the
 * preview typesetting the table, and a pasted table with merged cells refused with a Chinese notice, the text
 * left as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodySelector, pasteInto } from '../helpers/editor-paste.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, openIssueId, recordPreviews, screenshot, useApp, waitSaved, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const MERGED_HTML = `<html><body><p>合并表格前的文字</p><table border="1">
<tr><td rowspan="2">县市区</td><td colspan="2">上半年</td></tr>
<tr><td>站数</td><td>次数</td></tr>
<tr><td>芙蓉区</td><td>12</td><td>36</td></tr></table></body></html>`;

describe.skipIf(!hasChromium)('表格', () => {
  const scene = useApp();

  it('插入表格、在单元格中输入并用 Tab 换格、拖动列宽、预览显示；粘贴含合并单元格的表格被拒绝', async () => {
    const { app, dir } = await scene.newIssue();
    const { page, services } = app;
    const previews = recordPreviews(services);
    const id = await openIssueId(page);
    const editor = bodyEditor(page);
    await editor.click();
    await page.keyboard.type('各区联络站情况如下。');

    await page.getByRole('button', { name: '插入表格' }).click();
    await page.getByLabel('行数').fill('3');
    await page.getByLabel('列数').fill('3');
    await page.getByRole('button', { name: '插入', exact: true }).click();
    const table = editor.locator('table');
    await table.waitFor();
    for (const [i, text] of ['县市区', '站数', '次数', '芙蓉区', '12', '36', '天心区', '9', '27'].entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    await poll(() => table.locator('th').allTextContents()).toEqual(['县市区', '站数', '次数']);
    await poll(() => table.locator('tr').nth(2).locator('td').allTextContents()).toEqual(['天心区', '9', '27']);

    // Widen the first column: drag its right border 80 px to the right (prosemirror-tables' column resizing).
    const cell = table.locator('th').first();
    const box = (await cell.boundingBox())!;
    const edgeX = box.x + box.width - 1;
    const y = box.y + box.height / 2;
    await page.mouse.move(edgeX - 20, y);
    await page.mouse.move(edgeX, y, { steps: 4 });
    await poll(() => page.locator('.column-resize-handle').count()).toBeGreaterThan(0);
    await page.mouse.down();
    await page.mouse.move(edgeX + 40, y, { steps: 4 });
    await page.mouse.move(edgeX + 80, y, { steps: 4 });
    await page.mouse.up();
    const wider = (await cell.boundingBox())!.width;
    expect(wider).toBeGreaterThan(box.width + 40);

    await waitSaved(page);
    const saved = () => JSON.parse(readFileSync(join(dir, 'issues', `${id}.json`), 'utf8')) as Any;
    await poll(() => saved().issue.articles[0].body.find((b: Any) => b.type === 'table')?.widths?.length ?? 0, 15_000).toBe(3);
    const block = saved().issue.articles[0].body.find((b: Any) => b.type === 'table');
    expect(block.rows.map((r: Any) => r.cells.map((c: Any) => c.content.map((i: Any) => i.text).join('')))).toEqual([
      ['县市区', '站数', '次数'],
      ['芙蓉区', '12', '36'],
      ['天心区', '9', '27'],
    ]);
    const widths: number[] = block.widths;
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(widths[0]).toBeGreaterThan(widths[1]!);

    // The preview typesets the table: its cells are in the layout the preview draws.
    await poll(() => previews.lastText(), 30_000).toContain('县市区站数次数');
    expect(await previews.lastText()).toContain('天心区927');
    await poll(() => page.locator('.preview-page[data-drawn="true"] canvas').count(), 30_000).toBeGreaterThan(0);
    await screenshot(page, 'table-inserted');

    // A pasted table with merged cells: refused with the reason, nothing changed.
    await editor.locator('p').first().click();
    const before = await editor.innerHTML();
    await pasteInto(page, bodySelector(0), { html: MERGED_HTML, text: '县市区\t上半年' });
    const notice = page.locator('.notice-warning .notice-text', { hasText: '合并单元格' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/粘贴的表格含有合并单元格.*未做任何改动/);
    expect(await editor.innerHTML()).toBe(before);
    expect(await editor.textContent()).not.toContain('合并表格前的文字');
  }, 180_000);
});
