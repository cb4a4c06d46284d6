/**
 * Saving end to end: after typing, a page reload finds everything as it was (title, body, numbers, 送 list);
 * Ctrl+S saves at once; a change made elsewhere while editing raises the conflict dialog; unsaved typing is
 * offered back from the journal after a crash.
 */
import { describe, expect, it } from 'vitest';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, headingLabels, noteEditor, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('保存', () => {
  const scene = useApp();

  it('重新载入页面后一切如故（标题、正文、期号、送发范围）', async () => {
    const { page } = (await scene.newIssue()).app;
    await page.getByLabel('期号', { exact: true }).fill('12');
    await page.getByLabel('总期号', { exact: true }).fill('700');
    await page.locator('.article-title').first().fill('关于代表联络站建设的情况报告');
    await page.locator('.article-contributor').first().fill('岳阳市人大常委会');
    await noteEditor(page).click();
    await page.keyboard.type('现将有关情况刊发，供参考。');
    await bodyEditor(page).click();
    await page.keyboard.type('全市共建成代表联络站一百余个。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('（一）');
    await page.keyboard.type('统一建设标准');
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.getByLabel('第1组受文单位').fill('省人大常委会办公厅');
    await page.getByLabel('第1组份数').fill('3');
    await waitSaved(page);
    const status = page.getByTestId('save-state');
    expect(await status.textContent()).toBe('已保存');

    await scene.app.reload();
    await page.getByTestId('issue-screen').waitFor();
    expect(await page.getByLabel('期号', { exact: true }).inputValue()).toBe('12');
    expect(await page.getByLabel('总期号', { exact: true }).inputValue()).toBe('700');
    expect(await page.locator('.article-title').first().inputValue()).toBe('关于代表联络站建设的情况报告');
    expect(await page.locator('.article-contributor').first().inputValue()).toBe('岳阳市人大常委会');
    expect(await noteEditor(page).textContent()).toBe('现将有关情况刊发，供参考。');
    expect(await bodyEditor(page).locator(':scope > *').first().textContent()).toBe('全市共建成代表联络站一百余个。');
    expect(await headingLabels(page)).toEqual(['（一）']);
    expect(await page.getByLabel('第1组受文单位').inputValue()).toBe('省人大常委会办公厅');
    expect(await page.getByLabel('第1组份数').inputValue()).toBe('3');
    expect(await page.getByTestId('issue-title').textContent()).toContain('第12期（总第700期）');
    expect(scene.app.pageErrors).toEqual([]);
  });

  it('关闭窗口时（app:flush）立即保存刚输入的内容', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    await waitSaved(page);
    await bodyEditor(page).click();
    await page.keyboard.type('关闭前最后输入的一句。');
    // The main process asks before closing and waits for the answer ('app:flushed').
    const outcome = await services.flush.request((request) => void scene.app.emit('app:flush', request), 'close', 5000);
    expect(outcome).toBe('flushed');
    const body = services.library.read(id).document.issue.articles[0]!.body;
    expect(JSON.stringify(body)).toContain('关闭前最后输入的一句。');
  });

  it('保存失败时说明原因、保留输入并自动重试', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    await waitSaved(page);
    const library = services.library as { save: typeof services.library.save };
    const save = library.save;
    library.save = () => {
      throw new Error('磁盘空间不足，文件未写入');
    };
    await page.locator('.article-title').first().fill('磁盘满时输入的标题');
    const status = page.getByTestId('save-state');
    await poll(() => status.textContent(), 10_000).toBe('未保存（磁盘空间不足，文件未写入）');
    // The journal keeps the typing meanwhile.
    await poll(() => services.library.readJournal(id).document?.issue.articles[0]!.title).toBe('磁盘满时输入的标题');
    library.save = save;
    await waitSaved(page, 20_000);
    expect(services.library.read(id).document.issue.articles[0]!.title).toBe('磁盘满时输入的标题');
    expect(await page.locator('.article-title').first().inputValue()).toBe('磁盘满时输入的标题');
  });

  it('Ctrl+S 立即保存；文件在别处被修改时提示冲突，可重新载入', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    await waitSaved(page);

    // Someone else (another window, the command line) saves the same issue.
    const stored = services.library.read(id);
    const theirs = { ...stored.document, issue: { ...stored.document.issue, articles: [{ ...stored.document.issue.articles[0]!, title: '别处修改的标题' }] } };
    const result = services.library.save(id, theirs, stored.revision);
    expect(result.status).toBe('saved');

    await page.locator('.article-title').first().fill('本窗口的标题');
    await page.keyboard.press('Control+s');
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('conflict');
    await dialog.getByRole('button', { name: '重新载入' }).click();
    await poll(() => page.locator('.article-title').first().inputValue()).toBe('别处修改的标题');
    expect(await page.getByTestId('save-state').textContent()).toBe('已保存');

    // And 覆盖: ours wins.
    const again = services.library.read(id);
    services.library.save(id, { ...again.document, issue: { ...again.document.issue, number: 99 } }, again.revision);
    await page.locator('.article-title').first().fill('坚持本窗口');
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: '覆盖' }).click();
    await waitSaved(page);
    expect(services.library.read(id).document.issue.articles[0]!.title).toBe('坚持本窗口');
  });

  it('未保存的内容在异常退出后可恢复', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    await waitSaved(page);
    // A journal newer than the file, as the app leaves it when it dies between journal and save.
    const stored = services.library.read(id);
    await new Promise((r) => setTimeout(r, 20));
    services.library.writeJournal(id, {
      ...stored.document,
      issue: { ...stored.document.issue, articles: [{ ...stored.document.issue.articles[0]!, title: '崩溃前输入的标题' }] },
    });
    await scene.app.reload();
    await page.getByTestId('recovery').waitFor();
    await page.getByRole('button', { name: '恢复未保存的内容' }).click();
    await poll(() => page.locator('.article-title').first().inputValue()).toBe('崩溃前输入的标题');
    await waitSaved(page);
    expect(services.library.read(id).document.issue.articles[0]!.title).toBe('崩溃前输入的标题');
    expect(services.library.readJournal(id).document).toBeUndefined();
  });
});
