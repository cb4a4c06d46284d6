/**
 * Word in the app, end to end (the renderer in Chromium over the real services, scripted file dialogs):
 * 导入 Word 文件… in the library makes a new issue and shows the 导入报告; 插入 Word 文件为文章 (the menu) and a
 * .docx dropped onto the article editor add articles; 导出 Word… writes the .docx; a bad file dropped onto the library
 * gives a notice and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { contributionDocx, makeDocx, p } from '../helpers/docx-fixtures.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, openIssueId, useApp, waitSaved, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const files = mkdtempSync(join(tmpdir(), 'word-e2e-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

/** Drops a file with these bytes onto the element matching `selector`, as the operating system would. */
async function dropFile(page: Page, selector: string, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ([sel, fileName, data]) => {
      const g = globalThis as Any;
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([new Uint8Array(data as number[])], fileName as string));
      const target = g.document.querySelector(sel as string);
      target.dispatchEvent(new g.DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new g.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [selector, name, [...bytes]] as const,
  );
}

describe.skipIf(!hasChromium)('Word in the app', () => {
  const scene = useApp();

  it('导入 Word 文件… makes a new issue, shows the 导入报告, and 导出 Word… writes the .docx', async () => {
    const docx = join(files, '岳阳来稿.docx');
    writeFileSync(docx, contributionDocx());
    const dialogs = scriptedDialogs();
    dialogs.answer('openWordFile', docx);
    const app = await scene.launch({ libraryDir: scene.library(), dialogs });
    const { page } = app;

    await page.getByRole('button', { name: '导入 Word 文件…' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('已将 5 个 Word 自动编号转为文字');
    await page.getByRole('button', { name: '知道了' }).click();
    await page.getByTestId('issue-screen').waitFor();
    expect(await page.getByLabel('第1篇文章标题').inputValue()).toBe('岳阳市推进代表联络站提质增效');
    await poll(() => bodyEditor(page, 0).locator('[data-level]').count()).toBe(5);

    const out = join(files, '导出');
    dialogs.answer('saveDocx', out);
    await waitSaved(page);
    await app.sendMenu('exportWord');
    await poll(() => page.locator('.notice').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('已导出 Word 文件')]));
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(`${out}.docx`)))['word/document.xml']);
    expect(xml).toContain('岳阳市推进代表联络站提质增效');
    expect(app.pageErrors).toEqual([]);
  });

  it('a .docx dropped onto the article editor becomes the last article, with the 导入报告', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    const id = await openIssueId(page);

    const dropped = makeDocx({ body: p('株洲市开展“微实事”活动', { center: true }) + p('一、建立清单。各站逐户走访.') + p('（株洲市人大常委会供稿）') });
    await dropFile(page, '[data-article="0"] .rich-body .ProseMirror', '株洲来稿.docx', dropped);
    await poll(() => page.locator('.article-card').count()).toBe(2);
    expect(await page.getByLabel('第2篇文章标题').inputValue()).toBe('株洲市开展“微实事”活动');
    await poll(() => bodyEditor(page, 1).textContent()).toContain('各站逐户走访。');
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: '知道了' }).click();
    await waitSaved(page);
    const stored = app.services.library.read(id).document.issue.articles;
    expect(stored[1]!.contributor).toBe('株洲市人大常委会');
    // The editor the file was dropped on did not take it as content.
    expect(JSON.stringify(stored[0]!.body)).not.toContain('株洲');
    expect(stored[1]!.body[0]).toMatchObject({ type: 'heading', level: 1 });
    expect(app.pageErrors).toEqual([]);
  });

  it('插入 Word 文件为文章 from the menu asks for the file', async () => {
    const docx = join(files, '来稿三.docx');
    writeFileSync(docx, contributionDocx());
    const dialogs = scriptedDialogs();
    const app = await scene.launch({ libraryDir: scene.library(), dialogs });
    const { page } = app;
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    dialogs.answer('openWordFile', docx);
    await app.sendMenu('insertWordArticle');
    await poll(() => page.locator('.article-card').count()).toBe(2);
    expect(await page.getByLabel('第2篇文章标题').inputValue()).toBe('岳阳市推进代表联络站提质增效');
    expect(dialogs.asked.map((a) => a.method)).toContain('openWordFile');
  });

  it('a damaged Word file dropped onto the library: a notice, nothing imported', async () => {
    const app = await scene.launch({ libraryDir: scene.library() });
    const { page } = app;
    await page.getByTestId('library').waitFor();
    await dropFile(page, '.app', '坏.docx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    await poll(() => page.locator('.notice').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('文件已损坏，无法解压')]),
    );
    expect(app.services.library.list().issues).toHaveLength(0);
  });
});
