/**
 * 历史版本 end to end: three saves leave the earlier versions as backups; the dialog lists them with Chinese
 * times and sizes; restoring the first (after a confirmation that says the current version is kept) brings its
 * text back into the editor and the preview, and the version it replaced is itself listed as a backup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, openIssueId, recordPreviews, screenshot, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const CHINESE_TIME = /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/;

describe.skipIf(!hasChromium)('历史版本', () => {
  const scene = useApp();

  it('保存三次后恢复第一版：编辑器和预览显示第一版，恢复前的版本留在历史版本中', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir });
    const { page, services } = app;
    const previews = recordPreviews(services);
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    const editor = bodyEditor(page);

    // Three versions, each saved (Ctrl+S) before the next edit.
    const versions = ['第一版：代表联络站建设情况。', '第二版：代表联络站建设成效。', '第三版：代表联络站建设经验。'];
    await editor.click();
    for (const [i, text] of versions.entries()) {
      if (i > 0) {
        await page.keyboard.press('Control+a');
        await page.keyboard.press('Delete');
      }
      await page.keyboard.type(text);
      await page.keyboard.press('Control+s');
      await waitSaved(page);
      expect(JSON.stringify(services.library.read(id).document.issue.articles[0]!.body)).toContain(text);
    }

    /** The backup (by the library's own listing) whose file holds `text`. */
    const backupWith = (text: string) =>
      services.library
        .backups(id)
        .find((b) => readFileSync(join(dir, 'backups', id, `${b.id}.json`), 'utf8').includes(text));

    await page.getByRole('button', { name: '历史版本', exact: true }).click();
    const dialog = page.getByTestId('backups-dialog');
    await dialog.waitFor();
    const rows = dialog.locator('.backup-row');
    await poll(() => rows.count()).toBe(services.library.backups(id).length);
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    for (const time of await rows.locator('.backup-time').allTextContents()) expect(time).toMatch(CHINESE_TIME);
    for (const size of await rows.locator('.col-size').allTextContents()) expect(size).toMatch(/^\d+(\.\d)? (KB|字节)$/);
    expect(await dialog.locator('.backup-current').textContent()).toContain('当前版本');
    await screenshot(page, 'backups-list');

    // 恢复此版本 on the first version: a confirmation that says nothing is lost.
    const first = backupWith(versions[0]!);
    expect(first).toBeDefined();
    await dialog.locator(`.backup-row[data-backup-id="${first!.id}"]`).getByRole('button', { name: '恢复此版本' }).click();
    const confirm = page.getByTestId('restore-confirm');
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? '';
    expect(said).toMatch(/将本期恢复为 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2} 备份的版本/);
    expect(said).toContain('当前版本会先自动备份');
    expect(said).toContain('不会丢失');
    await screenshot(page, 'backups-confirm');
    await confirm.getByRole('button', { name: '恢复', exact: true }).click();

    // The editor shows the first version again, the file holds it, and so does the preview's PDF.
    await poll(() => editor.textContent()).toBe(versions[0]);
    await poll(() => page.getByTestId('backups-dialog').count()).toBe(0);
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    const stored = JSON.stringify(services.library.read(id).document.issue.articles[0]!.body);
    expect(stored).toContain(versions[0]);
    expect(stored).not.toContain(versions[2]);
    await poll(() => previews.lastText(), 30_000).toContain(versions[0]!.replace(/\s/g, ''));
    expect(await previews.lastText()).not.toContain(versions[2]);
    await screenshot(page, 'backups-restored');

    // The version that was current before the restore is now the newest backup, in the list too.
    const before = backupWith(versions[2]!);
    expect(before).toBeDefined();
    expect(services.library.backups(id)[0]!.id).toBe(before!.id);
    await page.getByRole('button', { name: '历史版本', exact: true }).click();
    await dialog.waitFor();
    await poll(() => rows.first().getAttribute('data-backup-id')).toBe(before!.id);
    expect(await rows.count()).toBe(services.library.backups(id).length);

    // …and restoring it undoes the restore.
    await rows.first().getByRole('button', { name: '恢复此版本' }).click();
    await confirm.getByRole('button', { name: '恢复', exact: true }).click();
    await poll(() => editor.textContent()).toBe(versions[2]);
    await poll(() => previews.lastText(), 30_000).toContain(versions[2]!.replace(/\s/g, ''));

    // The history records the restores; typing afterwards saves normally (the revision was taken over).
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await poll(() => page.getByTestId('history').textContent()).toMatch(/恢复为 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2} 备份的版本/);
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type('恢复后续写。');
    await waitSaved(page);
    expect(JSON.stringify(services.library.read(id).document.issue.articles[0]!.body)).toContain('恢复后续写。');
    expect(await page.getByTestId('conflict-dialog').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
