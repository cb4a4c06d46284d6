/**
 * 新建 starts from the last issue (issue 18): its 送 list and 责任编辑 carried over, the numbering continued, the
 * rest empty with placeholders saying what goes in.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, clockFrom, noteEditor, previewPageCount, SAMPLE, useApp, waitSaved, type Any } from './scenario.js';
import type { Locator } from 'playwright-core';

/** The text an empty editor shows (its empty paragraph's ::before), '' when none. */
const shownPlaceholder = (editor: Locator) =>
  editor.locator(':scope > p').first().evaluate((p: Any) => {
    const content = (globalThis as Any).getComputedStyle(p, '::before').content as string;
    return content === 'none' || content === 'normal' ? '' : JSON.parse(content);
  });

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('新建：沿用上一期的送发范围和责任编辑', () => {
  const scene = useApp();

  it('导入第8期、改送发范围后新建：第9期带上一期的送发范围和责任编辑', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-20T09:00:00+08:00') });
    const { page, services } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('button', { name: '添加一行' }).click();
    const rows = page.locator('[data-testid="distribution"] .list-row');
    const n = await rows.count();
    await page.getByLabel(`第${n}组受文单位`).fill('省直有关单位');
    await page.getByLabel(`第${n}组份数`).fill('4');
    await waitSaved(page);
    const eighth = services.library.list().issues[0]!;
    const previous = services.library.read(eighth.id).document.issue;
    expect(previous.distribution.at(-1)).toEqual({ text: '省直有关单位', copies: 4 });
    expect(previous.editors.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: '← 期刊库' }).click();
    await page.keyboard.press('Control+n');
    await poll(() => page.getByTestId('issue-title').textContent()).toContain('2021年第9期');
    const id = await page.getByTestId('issue-screen').getAttribute('data-issue-id');
    expect(id).not.toBe(eighth.id);
    // On screen: the same 送 list rows and 责任编辑.
    expect(await rows.count()).toBe(n);
    expect(await page.getByLabel(`第${n}组受文单位`).inputValue()).toBe('省直有关单位');
    expect(await page.getByLabel(`第${n}组份数`).inputValue()).toBe('4');
    const ninth = services.library.read(id!).document.issue;
    expect(ninth.distribution).toEqual(previous.distribution);
    expect(ninth.editors).toEqual(previous.editors);
    expect(ninth.articles).toEqual([{ title: '', body: [], contributor: '' }]);
    expect(app.pageErrors).toEqual([]);
  });

  it('空白处提示应填内容（标题、正文、编者按、供稿单位、送发范围）；排版用时只记入日志', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    expect(await page.getByLabel('第1篇文章标题').getAttribute('placeholder')).toBe('文章标题');
    expect(await page.getByLabel('第1篇文章供稿单位').getAttribute('placeholder')).toBe('供稿单位');
    expect(await shownPlaceholder(bodyEditor(page, 0))).toContain('正文');
    expect(await shownPlaceholder(noteEditor(page))).toContain('编者按');
    await page.getByRole('button', { name: '添加一行' }).click();
    expect(await page.getByLabel('第1组受文单位').getAttribute('placeholder')).toMatch(/^受文单位/);
    // Typing replaces the hint.
    await bodyEditor(page, 0).click();
    await page.keyboard.type('正文第一句。');
    expect(await shownPlaceholder(bodyEditor(page, 0))).toBe('');
    // Timings are for the log: the preview says pages, not milliseconds.
    await previewPageCount(page);
    expect(await page.getByTestId('preview').textContent()).not.toMatch(/毫秒|ms/);
    await poll(() => app.consoleLines.some((l) => /预览排版 \d+ 毫秒/.test(l))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
