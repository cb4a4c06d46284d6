/**
 * Errors stop a release, and a draft export with errors asks once (issue 18): 导出样稿 / 查看问题, before any file is
 * written — 查看问题 writes nothing and opens the 校对 list; 导出样稿 writes the 样稿 (read back with pdf.js).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, pdfText, useApp, waitSaved } from './scenario.js';
import { readFileSync } from 'node:fs';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('样稿导出前的校对', () => {
  const scene = useApp();

  it('有错误：先问“导出样稿 / 查看问题”，查看问题不写文件；导出样稿写出带水印的样稿', async () => {
    const dir = scene.library();
    const target = join(dir, '样稿.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', target);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page } = app;
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    await bodyEditor(page, 0).click();
    await page.keyboard.type('本期正文一段。');
    await waitSaved(page);

    // No title: Ctrl+E asks first, naming the error; 查看问题 writes nothing and shows the 校对 list.
    await page.keyboard.press('Control+e');
    const ask = page.getByTestId('draft-errors');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('第1篇文章没有标题');
    await ask.getByRole('button', { name: '查看问题' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(dialogs.asked.filter((a) => a.method === 'savePdf')).toHaveLength(0);
    expect(existsSync(target)).toBe(false);
    await poll(() => page.getByRole('tab', { name: /校对/ }).getAttribute('aria-selected')).toBe('true');

    // Asked again, 导出样稿 goes on: the file is the draft, with its watermark.
    await page.keyboard.press('Control+e');
    await ask.waitFor();
    await ask.getByRole('button', { name: '导出样稿' }).click();
    await poll(() => existsSync(target), 30_000).toBe(true);
    const text = await pdfText(new Uint8Array(readFileSync(target)));
    expect(text).toContain('本期正文一段。');
    expect(text).toContain('样稿');

    // Without errors nothing is asked.
    await page.getByLabel('第1篇文章标题').fill('代表联络工作简讯');
    await waitSaved(page);
    const before = dialogs.asked.length;
    await page.keyboard.press('Control+e');
    await poll(() => dialogs.asked.length).toBe(before + 1);
    expect(await ask.count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
