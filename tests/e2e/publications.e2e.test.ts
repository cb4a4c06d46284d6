/**
 * Several publications in one library (issue 12 point 2), end to end: the library lists which publication each
 * issue is of and filters by it; 新建 asks which publication (the last used first) and numbers the new issue in
 * that publication's own series; 期刊设置 adds a publication (a duplicate name cannot be added) and deletes one
 * (refused while it has issues; not the last); a Word file dropped on the library goes into the publication listed,
 * or — with all listed — into the one chosen in the same dialog 新建 uses.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contributionDocx } from '../helpers/docx-fixtures.js';
import { createLibrary } from '../../services/library.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, sampleBytes, useApp, type Any } from './scenario.js';
import { addSigner } from '../helpers/signing.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

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

describe.skipIf(!hasChromium)('刊物：主刊与增刊', () => {
  const scene = useApp();

  it('期刊库按刊物筛选；新建时选择刊物，增刊自编期号、无总期号；再次新建默认上次的刊物', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const seed = createLibrary({ dir, now });
    const main = seed.importBytes(sampleBytes(), 'lianluo-2021-08.txt').id;
    seed.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    const supplement = seed.create({ today: '2021-06-10', publication: '联络动态增刊' }).id;
    const app = await scene.launch({ libraryDir: dir, now });
    const { page, services } = app;

    const rows = page.locator('.issue-row');
    await poll(() => rows.count()).toBe(2);
    await poll(() => page.locator(`.issue-row[data-id="${supplement}"] .col-publication`).textContent()).toBe('联络动态增刊');
    const filter = page.getByTestId('publication-filter');
    await filter.selectOption({ label: '联络动态增刊' });
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(supplement);
    await filter.selectOption({ label: '联络动态' });
    await poll(() => rows.first().getAttribute('data-id')).toBe(main);
    expect(await rows.count()).toBe(1);
    await filter.selectOption({ label: '全部刊物' });
    await poll(() => rows.count()).toBe(2);

    // 新建 asks which publication; the 增刊's next issue is its own 第2期, without 总期号.
    await page.getByRole('button', { name: '新建', exact: true }).click();
    const dialog = page.getByTestId('new-issue-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /^联络动态（/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /^联络动态增刊/ }).check();
    await dialog.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    const id = await page.getByTestId('issue-screen').getAttribute('data-issue-id');
    const stored = services.library.read(id!);
    expect(stored.meta.publication).toBe('p2');
    expect(stored.document.issue.number).toBe(2);
    expect(stored.document.issue.totalNumber).toBeUndefined();
    expect(stored.document.publication.name).toBe('联络动态增刊');
    await poll(() => page.getByTestId('issue-title').textContent()).toContain('2021年第2期');
    await poll(() => page.getByTestId('numbering-warnings').count()).toBe(0);

    // Back in the library, Ctrl+N offers the 增刊 again (last used); 取消 makes nothing.
    await page.getByRole('button', { name: '← 期刊库' }).click();
    await poll(() => rows.count()).toBe(3);
    await page.keyboard.press('Control+n');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /^联络动态增刊/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    await poll(() => dialog.count()).toBe(0);
    expect(services.library.list().issues).toHaveLength(3);
    expect(app.pageErrors).toEqual([]);
  });

  it('期刊设置：添加刊物（重名不能添加），改本刊的总期号与名称', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-20T09:00:00+08:00') });
    const { page, services } = app;
    await page.getByRole('button', { name: '期刊设置' }).click();
    const card = page.getByTestId('publication-card');
    await card.waitFor();
    await card.getByRole('button', { name: '添加刊物…' }).click();
    const add = page.getByTestId('add-publication');
    await add.locator('input[name="newPublicationName"]').fill('联络动态');
    expect(await add.getByRole('button', { name: '添加', exact: true }).isDisabled()).toBe(true);
    await add.locator('input[name="newPublicationName"]').fill('工作简报');
    await add.locator('select[name="publicationSource"]').selectOption({ label: '复制《联络动态》的设置' });
    await add.getByRole('button', { name: '添加', exact: true }).click();
    await poll(() => services.library.publications().map((p) => p.name)).toEqual(['联络动态', '工作简报']);
    await poll(() => card.getByLabel('编辑的刊物').inputValue()).toBe('p2');

    await card.locator('select[name="totalNumbering"]').selectOption('none');
    await card.locator('input[name="publicationName"]').fill('内部工作简报');
    await page.getByRole('button', { name: '保存设置' }).click();
    await poll(() => services.library.publication('p2').name).toBe('内部工作简报');
    expect(services.library.publication('p2').totalNumbering).toBe('none');
    expect(services.library.publication('main').totalNumbering).toBe('own');
    expect(app.pageErrors).toEqual([]);
  });

  it('签发：只列出本刊允许的签发人，并以其签发', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const seed = createLibrary({ dir, now });
    const sup = seed.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    seed.savePublication({ ...sup, signers: ['王主任'] });
    const id = seed.importBytes(sampleBytes(), 'lianluo-2021-08.txt', { publication: sup.id }).id;
    const app = await scene.launch({ libraryDir: dir, now });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '135790');
    await addSigner(services.approval, '王主任', '246810');
    await page.locator(`.issue-row[data-id="${id}"]`).dblclick();
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '送审并签发…' }).click();
    const form = page.getByTestId('signoff-form');
    await poll(() => form.locator('select[name="signer"] option').allTextContents()).toEqual(['王主任']);
    await form.getByLabel('PIN 码').fill('246810');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');
    expect(services.library.read(id).meta.signOff?.signer).toBe('王主任');
    expect(app.pageErrors).toEqual([]);
  });

  it('拖入期刊库的 Word 文件导入到正在列出的刊物；列出全部刊物时先问导入到哪种刊物', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const seed = createLibrary({ dir, now });
    seed.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    const app = await scene.launch({ libraryDir: dir, now });
    const { page, services } = app;
    await page.getByTestId('library').waitFor();
    const filter = page.getByTestId('publication-filter');
    await poll(() => filter.locator('option').count()).toBe(3);

    // Listing the 增刊: the dropped file becomes the 增刊's 第1期, no question asked.
    await filter.selectOption({ label: '联络动态增刊' });
    await dropFile(page, '.app', '岳阳来稿.docx', contributionDocx());
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: '知道了' }).click();
    await page.getByTestId('issue-screen').waitFor();
    const first = await page.getByTestId('issue-screen').getAttribute('data-issue-id');
    expect(services.library.read(first!).meta.publication).toBe('p2');
    expect(services.library.read(first!).document.publication.name).toBe('联络动态增刊');
    expect(await page.getByTestId('new-issue-dialog').count()).toBe(0);

    // Back in the library the 增刊 is still listed; with all listed, a drop asks which publication.
    await page.getByRole('button', { name: '← 期刊库' }).click();
    await poll(() => filter.inputValue()).toBe('p2');
    await filter.selectOption({ label: '全部刊物' });
    await dropFile(page, '.app', '株洲来稿.docx', contributionDocx());
    const ask = page.getByTestId('import-publication-dialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('“株洲来稿.docx”');
    expect(services.library.list().issues).toHaveLength(1); // nothing imported while it asks
    await ask.getByRole('radio', { name: /^联络动态（/ }).check();
    await ask.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: '知道了' }).click();
    await page.getByTestId('issue-screen').waitFor();
    const second = await page.getByTestId('issue-screen').getAttribute('data-issue-id');
    expect(second).not.toBe(first);
    expect(services.library.read(second!).meta.publication).toBe('main');

    // 取消 imports nothing.
    await page.getByRole('button', { name: '← 期刊库' }).click();
    await page.getByTestId('library').waitFor();
    await dropFile(page, '.app', '又一篇.docx', contributionDocx());
    await ask.waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    await poll(() => ask.count()).toBe(0);
    expect(services.library.list().issues).toHaveLength(2);
    expect(app.pageErrors).toEqual([]);
  });

  it('期刊设置：删除刊物（还有期刊的不能删，最后一种不能删），删除前的设置留在 backups 中', async () => {
    const dir = scene.library();
    const now = clockFrom('2021-06-20T09:00:00+08:00');
    const seed = createLibrary({ dir, now });
    seed.addPublication({ name: '联络动态增刊', source: { kind: 'supplement', of: '联络动态' } });
    seed.addPublication({ name: '工作简报', source: { kind: 'copy', of: '联络动态' } });
    const supplementIssue = seed.create({ today: '2021-06-10', publication: '联络动态增刊' }).id;
    const app = await scene.launch({ libraryDir: dir, now });
    const { page, services } = app;
    const filter = page.getByTestId('publication-filter');
    await poll(() => filter.locator('option').count()).toBe(4);
    await filter.selectOption({ label: '联络动态增刊' });

    await page.getByRole('button', { name: '期刊设置' }).click();
    const card = page.getByTestId('publication-card');
    await card.waitFor();
    const remove = card.getByRole('button', { name: '删除刊物…' });
    const confirm = page.getByTestId('remove-publication');

    // The 增刊 has an issue: refused, with the reason; nothing changed.
    await card.getByLabel('编辑的刊物').selectOption({ label: '联络动态增刊' });
    await remove.click();
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await poll(() => page.locator('.notice').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('不能删除刊物“联络动态增刊”：期刊库中还有该刊的 1 期')]),
    );
    expect(services.library.publications().map((p) => p.name)).toEqual(['联络动态', '联络动态增刊', '工作简报']);
    await poll(() => confirm.count()).toBe(0);

    // 工作简报 has none: removed, the file as it was kept in backups/.
    await card.getByLabel('编辑的刊物').selectOption({ label: '工作简报' });
    await remove.click();
    expect(await confirm.textContent()).toContain('删除刊物“工作简报”');
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await poll(() => services.library.publications().map((p) => p.name)).toEqual(['联络动态', '联络动态增刊']);
    await poll(() => confirm.count()).toBe(0);
    await poll(() => card.getByLabel('编辑的刊物').locator('option').allTextContents()).toEqual(['联络动态', '联络动态增刊']);
    expect(readdirSync(join(dir, 'backups')).filter((n) => /^profile-.*-before-remove\.json$/.test(n))).toHaveLength(1);

    // Once the 增刊's issue is deleted, it can go too; then the last one cannot.
    services.library.trash(supplementIssue);
    await card.getByLabel('编辑的刊物').selectOption({ label: '联络动态增刊' });
    await remove.click();
    await confirm.getByRole('button', { name: '删除', exact: true }).click();
    await poll(() => services.library.publications().map((p) => p.name)).toEqual(['联络动态']);
    await poll(() => remove.isDisabled()).toBe(true);
    expect(existsSync(join(dir, 'profile.json'))).toBe(true);

    // The library had the 增刊 listed: it lists all now, without an error.
    await page.getByRole('button', { name: '← 返回' }).click();
    await page.getByTestId('library').waitFor();
    // A single publication: no filter; no failed listing of the deleted one.
    await poll(() => page.getByTestId('publication-filter').count()).toBe(0);
    expect((await page.locator('.notice').allTextContents()).join()).not.toContain('读取期刊库失败');
    expect(app.pageErrors).toEqual([]);
  });
});
