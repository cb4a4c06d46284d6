/**
 * 签发与印发 end to end: add a signer in 期刊设置, sign off with the PIN (a wrong PIN is refused), the status
 * shows 已签发, the final PDF exports; a content edit voids the sign-off; printing the distribution set through
 * the print dialog marks the issue 已印发 (the spooler is a recorder here; CUPS itself is tested elsewhere).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpoolJob } from '../../services/cups.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, SAMPLE, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('签发与印发', () => {
  const scene = useApp();

  it('签发（PIN 错误被拒）→ 已签发 → 导出正式版 → 修改内容使签发作废', async () => {
    const dir = scene.library();
    const finalPath = join(dir, '正式版.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', finalPath);
    const app = await scene.launch({ libraryDir: dir, dialogs, now: clockFrom('2021-06-02T09:00:00+08:00') });
    const { page } = app;

    // 期刊设置 → 添加签发人.
    await page.getByRole('button', { name: '期刊设置' }).click();
    await page.getByRole('button', { name: '添加签发人' }).click();
    const add = page.getByTestId('add-signer');
    await add.getByLabel('姓名').fill('张主任');
    await add.getByLabel('PIN 码', { exact: true }).fill('246810');
    await add.getByLabel('再次输入 PIN 码').fill('246810');
    await add.getByRole('button', { name: '添加' }).click();
    await poll(() => page.getByTestId('signer-list').textContent()).toContain('张主任');
    await page.getByRole('button', { name: '← 返回' }).click();

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('tab', { name: '签发与印发' }).click();
    expect(await page.getByTestId('issue-status').textContent()).toBe('草稿');

    await page.getByRole('button', { name: '送审' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('送审');

    await page.getByRole('button', { name: '签发…' }).click();
    const form = page.getByTestId('signoff-form');
    await form.getByLabel('PIN 码').fill('000000');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('signoff-refusal').textContent()).toMatch(/PIN/);
    expect(await page.getByTestId('issue-status').textContent()).toBe('送审');

    await form.getByLabel('PIN 码').fill('246810');
    expect(await form.getByLabel('签发意见').inputValue()).toBe('同意印发');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');
    expect(await page.getByTestId('signoff').textContent()).toContain('张主任');
    expect(await page.getByTestId('toolbar-status').textContent()).toBe('已签发');
    expect(await page.getByTestId('history').textContent()).toContain('签发');

    // The final PDF (no 样稿), named as the office expects.
    await page.getByRole('button', { name: '导出正式版' }).first().click();
    await poll(() => existsSync(finalPath), 30_000).toBe(true);
    expect(dialogs.asked.at(-1)).toEqual({ method: 'savePdf', defaultName: '联络动态2021年第8期（总第631期）.pdf' });

    // Any change to the content voids the sign-off.
    await page.locator('.article-contributor').first().fill('长沙市人大常委会办公厅');
    await waitSaved(page);
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('草稿');
    expect(await page.getByTestId('history').textContent()).toContain('签发作废');
    expect(await page.getByRole('button', { name: '导出正式版' }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('打印对话框：印发分发按送发范围提交并标记为已印发', async () => {
    const dir = scene.library();
    const submitted: SpoolJob[] = [];
    let n = 0;
    const app = await scene.launch({
      libraryDir: dir,
      now: clockFrom('2021-06-02T09:00:00+08:00'),
      spooler: {
        printers: async () => [
          { name: 'PDF', displayName: 'PDF 打印机', isDefault: true },
          { name: 'Office', displayName: '办公室打印机', isDefault: false },
        ],
        submit: async (job) => {
          submitted.push(job);
          return `PDF-${++n}`;
        },
      },
    });
    const { page, services } = app;
    services.approval.addSigner('张主任', '246810');

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    // The 送 list: two groups, 2 + 3 copies.
    const rows = page.locator('[data-testid="distribution"] .list-row');
    while ((await rows.count()) > 0) await rows.first().getByTitle('删除此行').click();
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.getByLabel('第1组受文单位').fill('省人大常委会办公厅');
    await page.getByLabel('第1组份数').fill('2');
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.getByLabel('第2组受文单位').fill('各市州人大常委会');
    await page.getByLabel('第2组份数').fill('3');
    await waitSaved(page);

    // Not signed off: the dialog says so and will not print.
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('尚未签发');
    expect(await dialog.getByRole('button', { name: '打印', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '签发…' }).click();
    await page.getByTestId('signoff-form').getByLabel('PIN 码').fill('246810');
    await page.getByTestId('signoff-form').getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');

    await page.getByRole('button', { name: '打印…' }).click();
    await dialog.waitFor();
    await poll(() => dialog.getByLabel('打印机').locator('option').count()).toBe(2);
    expect(await dialog.getByLabel('打印机').inputValue()).toBe('PDF');
    await dialog.getByLabel(/印发分发/).check();
    expect(await page.getByTestId('print-total').textContent()).toContain('合计 5 份');
    await dialog.getByRole('button', { name: '打印', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已印发');
    // Five numbered copies and the 分发登记表, two-sided.
    expect(submitted).toHaveLength(6);
    expect(submitted.every((j) => j.printer === 'PDF' && j.duplex)).toBe(true);
    expect(submitted.at(-1)!.title).toContain('分发登记表');
    expect(services.library.read(id).meta.status).toBe('printed');
    expect(await page.getByTestId('history').textContent()).toContain('印发');
    expect(app.pageErrors).toEqual([]);
  });
});
