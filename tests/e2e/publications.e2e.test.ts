/**
 * Several publications in one library (issue 12 point 2), end to end: the library lists which publication each
 * issue is of and filters by it; 新建 asks which publication (the last used first) and numbers the new issue in
 * that publication's own series; 期刊设置 adds a publication (a duplicate name cannot be added).
 */
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../services/library.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, sampleBytes, useApp } from './scenario.js';
import { addSigner } from '../helpers/signing.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

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
});
