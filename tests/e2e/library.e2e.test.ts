/**
 * 期刊库 end to end: a new issue takes 第N期 and 总期号 from the last one; the list, search, 复制, 删除 to the
 * 回收站 and 还原.
 */
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, sampleBytes, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('期刊库', () => {
  const scene = useApp();

  it('新建：第N期与总期号接续上一期（第8期/总631 → 第9期、总期号 632）', async () => {
    const dir = scene.library();
    // The library with one issue: the sample, 2021年第8期（总第631期）. The app's clock is in 2021 too.
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const imported = createLibrary({ dir: dir, now }).importBytes(sampleBytes(), 'lianluo-2021-08.txt');
    const app = await scene.launch({ libraryDir: dir, now });
    const { page } = app;

    const row = page.locator(`.issue-row[data-id="${imported.id}"]`);
    await poll(() => row.textContent()).toContain('第8期');
    expect(await row.textContent()).toContain('总第631期');
    expect(await row.textContent()).toContain('草稿');

    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    expect(await page.getByLabel('期号', { exact: true }).inputValue()).toBe('9');
    expect(await page.getByLabel('总期号', { exact: true }).inputValue()).toBe('632');
    expect(await page.getByTestId('issue-title').textContent()).toContain('2021年第9期（总第632期）');
    await poll(() => page.getByTestId('numbering-warnings').count()).toBe(0);

    // A duplicate number is warned about, and the warning goes when it is fixed.
    await page.getByLabel('期号', { exact: true }).fill('8');
    await poll(() => page.getByTestId('numbering-warnings').textContent()).toContain('期号重复');
    await page.getByLabel('期号', { exact: true }).fill('9');
    await poll(() => page.getByTestId('numbering-warnings').count()).toBe(0);
    await waitSaved(page);

    // Back in the library: both issues, newest first, under 2021年.
    await page.getByRole('button', { name: '← 期刊库' }).click();
    const rows = page.locator('.issue-row');
    await poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('第9期');
    expect(await page.locator('.year-row').first().textContent()).toContain('2021年');
    expect(app.pageErrors).toEqual([]);
  });

  it('搜索、复制、删除到回收站、还原', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const imported = createLibrary({ dir: dir, now }).importBytes(sampleBytes(), 'lianluo-2021-08.txt');
    const app = await scene.launch({ libraryDir: dir, now });
    const { page } = app;
    const rows = page.locator('.issue-row');
    await poll(() => rows.count()).toBe(1);

    // Search over the text: a phrase from the body, then one that is nowhere.
    await page.getByLabel('搜索').fill('金丝楠木');
    await poll(() => rows.count()).toBe(1);
    await page.getByLabel('搜索').fill('没有这样的句子');
    await poll(() => rows.count()).toBe(0);
    await page.getByLabel('搜索').fill('');
    await poll(() => rows.count()).toBe(1);

    await page.locator(`.issue-row[data-id="${imported.id}"]`).click();
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await poll(() => rows.count()).toBe(2);

    await page.locator(`.issue-row[data-id="${imported.id}"]`).click();
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await page.getByRole('button', { name: '移到回收站' }).click();
    await poll(() => rows.count()).toBe(1);
    expect(await page.locator(`.issue-row[data-id="${imported.id}"]`).count()).toBe(0);

    await page.getByRole('button', { name: '回收站', exact: true }).click();
    await poll(() => page.locator(`.issue-row[data-id="${imported.id}"]`).count()).toBe(1);
    await page.getByRole('button', { name: '还原' }).click();
    await poll(() => rows.count()).toBe(0);
    await page.getByRole('button', { name: '← 返回期刊库' }).click();
    await poll(() => rows.count()).toBe(2);

    // Menu commands (as the main process sends them) and the page's own shortcuts.
    await app.sendMenu('settings');
    await page.getByTestId('settings').waitFor();
    await app.sendMenu('library');
    await page.getByTestId('library').waitFor();
    await page.keyboard.press('Control+n');
    await page.getByTestId('issue-screen').waitFor();
    await app.sendMenu('library');
    await poll(() => rows.count()).toBe(3);
    expect(app.pageErrors).toEqual([]);
  });
});
