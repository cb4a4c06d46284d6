/**
 * 签发与印发 end to end: 建立签发机构 and 添加签发人 in 期刊设置 (the certificate's fingerprint shown), sign off with
 * the PIN (a wrong PIN is refused), the status shows 已签发, the final PDF exports digitally signed (pdfsig); the
 * signed issue reads only until 撤回签发; five wrong PINs in a row lock the signer out for 15 minutes (in the history);
 * printing the distribution set through the print dialog marks the issue 已印发 (the spooler is a recorder here;
 * CUPS itself is tested elsewhere).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpoolJob } from '../../services/cups.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, SAMPLE, waitSaved, useApp } from './scenario.js';
import { addSigner, pdfsig } from '../helpers/signing.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('签发与印发', () => {
  const scene = useApp();

  it('签发（PIN 错误被拒）→ 已签发 → 导出正式版 → 只读，撤回签发后回到草稿', async () => {
    const dir = scene.library();
    const finalPath = join(dir, '正式版.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', finalPath);
    const app = await scene.launch({ libraryDir: dir, dialogs, now: clockFrom('2021-06-02T09:00:00+08:00') });
    const { page } = app;

    // 期刊设置 → 建立签发机构 (管理口令) → 添加签发人 (管理口令 and PIN); the fingerprint is shown.
    await page.getByRole('button', { name: '期刊设置' }).click();
    expect(await page.getByRole('button', { name: '添加签发人' }).count()).toBe(0);
    await page.getByRole('button', { name: '建立签发机构' }).click();
    const init = page.getByTestId('signer-authority');
    await init.getByLabel('设置管理口令').fill('office-admin-9');
    await init.getByLabel('再次输入管理口令').fill('office-admin-9');
    await init.getByRole('button', { name: '建立' }).click();
    await poll(() => page.getByTestId('authority').textContent()).toContain('联络动态签发机构');
    await page.getByRole('button', { name: '添加签发人' }).click();
    const add = page.getByTestId('add-signer');
    await add.getByLabel('姓名').fill('张主任');
    await add.getByLabel('PIN 码', { exact: true }).fill('2468');
    expect(await add.textContent()).toContain('PIN 码至少 6 位');
    await add.getByLabel('PIN 码', { exact: true }).fill('246810');
    await add.getByLabel('再次输入 PIN 码').fill('246810');
    await add.getByLabel('管理口令').fill('wrong-admin');
    await add.getByRole('button', { name: '添加' }).click();
    await poll(() => page.getByTestId('signer-refusal').textContent()).toBe('管理口令不正确');
    await add.getByLabel('管理口令').fill('office-admin-9');
    await add.getByRole('button', { name: '添加' }).click();
    await poll(() => page.getByTestId('signer-list').textContent()).toContain('张主任');
    const fingerprint = app.services.approval.signing.list()[0]!.fingerprint!;
    const shown = (await page.getByTestId('signer-fingerprint').textContent())!;
    expect(shown).toContain((fingerprint.toUpperCase().match(/../g) ?? []).join(':'));
    await page.getByRole('button', { name: '← 返回' }).click();

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('tab', { name: '签发与印发' }).click();
    expect(await page.getByTestId('issue-status').textContent()).toBe('草稿');

    await page.getByRole('button', { name: '送审', exact: true }).click();
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

    // The final PDF (no 样稿), named as the office expects, digitally signed by 张主任.
    await page.getByRole('button', { name: '导出正式版' }).first().click();
    await poll(() => existsSync(finalPath), 30_000).toBe(true);
    expect(dialogs.asked.at(-1)).toEqual({ method: 'savePdf', defaultName: '联络动态2021年第8期（总第631期）.pdf' });
    const report = pdfsig(finalPath);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signature is Valid');

    // A signed issue reads only; changing it is 撤回签发, with a reason (tests/e2e/record.e2e.test.ts has more).
    expect(await page.locator('.article-contributor').first().isDisabled()).toBe(true);
    await page.getByTestId('record-bar').getByRole('button', { name: '撤回签发…' }).click();
    await page.getByLabel('撤回签发原因').fill('供稿单位有误');
    await page.getByRole('button', { name: '确定撤回签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('草稿');
    expect(await page.getByTestId('history').textContent()).toContain('撤回签发：供稿单位有误');
    expect(await page.getByRole('button', { name: '导出正式版' }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('PIN 连续错误 5 次：签发人锁定 15 分钟，记入处理记录；期满后可签发', async () => {
    const dir = scene.library();
    let t = Date.parse('2021-06-02T09:00:00+08:00');
    const app = await scene.launch({ libraryDir: dir, now: () => new Date(t) });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '246810');
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '签发…' }).click();
    const form = page.getByTestId('signoff-form');
    for (let k = 1; k <= 4; k++) {
      await form.getByLabel('PIN 码').fill(`00000${k}`);
      await form.getByRole('button', { name: '确认签发' }).click();
      await poll(() => page.getByTestId('signoff-refusal').textContent()).toBe(`PIN 不正确（再错 ${5 - k} 次将锁定 15 分钟）`);
    }
    await form.getByLabel('PIN 码').fill('000005');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('signoff-refusal').textContent()).toBe('PIN 连续错误 5 次，已锁定 15 分钟：请 15 分钟后再试');
    await poll(() => page.getByTestId('history').textContent()).toContain('签发人锁定');
    expect(await page.getByTestId('history').textContent()).toContain('锁定 15 分钟');
    // The right PIN is refused while locked.
    t += 10 * 60_000;
    await form.getByLabel('PIN 码').fill('246810');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('signoff-refusal').textContent()).toBe('PIN 连续错误 5 次，已锁定 15 分钟：请 5 分钟后再试');
    expect(await page.getByTestId('issue-status').textContent()).toBe('草稿');
    // After 15 minutes the right PIN signs.
    t += 6 * 60_000;
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');
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
    await addSigner(services.approval, '张主任', '246810');

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

    await page.getByRole('button', { name: '印发…' }).click();
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
