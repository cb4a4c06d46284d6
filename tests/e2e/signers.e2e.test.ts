/**
 * Signers in 期刊设置 (issue 18, point 9; the services are issue 14's): 修改 PIN needs the old PIN (a wrong one is
 * refused), the new PIN signs and the old no longer does; 删除 needs the 管理口令; both are in the 签发人记录; an
 * issue signed before the removal still shows its signer, and its signed final PDF still verifies (pdfsig).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { ADMIN, addSigner, pdfsig } from '../helpers/signing.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { openIssueId, SAMPLE, useApp } from './scenario.js';
import { existsSync } from 'node:fs';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('签发人：修改 PIN、删除', () => {
  const scene = useApp();

  it('修改 PIN（须原 PIN）→ 新 PIN 签发；删除签发人（须管理口令）→ 以往签发仍显示签发人并可验证', async () => {
    const dir = scene.library();
    const finalPath = join(dir, '正式版.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', finalPath);
    const app = await scene.launch({ libraryDir: dir, dialogs });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '246810');

    await page.getByRole('button', { name: '期刊设置' }).click();
    const entry = page.locator('[data-signer="张主任"]');
    await entry.getByRole('button', { name: '修改 PIN…' }).click();
    const dialog = page.getByTestId('signer-pin');
    await dialog.getByLabel('原 PIN 码').fill('000000');
    await dialog.getByLabel('新 PIN 码', { exact: true }).fill('135799');
    await dialog.getByLabel('再次输入新 PIN 码').fill('135799');
    await dialog.getByRole('button', { name: '修改' }).click();
    await poll(() => page.getByTestId('signer-refusal').textContent()).toMatch(/PIN/);
    await dialog.getByLabel('原 PIN 码').fill('246810');
    await dialog.getByRole('button', { name: '修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('signer-events').textContent()).toContain('修改 PIN');
    await page.getByRole('button', { name: '← 返回' }).click();

    // The old PIN no longer signs; the new one does.
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '送审', exact: true }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('送审');
    await page.getByRole('button', { name: '签发…' }).click();
    const form = page.getByTestId('signoff-form');
    await form.getByLabel('PIN 码').fill('246810');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('signoff-refusal').textContent()).toMatch(/PIN 不正确/);
    await form.getByLabel('PIN 码').fill('135799');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');

    // 删除 needs the 管理口令.
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await entry.getByRole('button', { name: '删除…' }).click();
    const remove = page.getByTestId('signer-remove');
    await remove.getByLabel('管理口令').fill('wrong-admin');
    await remove.getByRole('button', { name: '删除' }).click();
    await poll(() => page.getByTestId('signer-refusal').textContent()).toBe('管理口令不正确');
    await remove.getByLabel('管理口令').fill(ADMIN);
    await remove.getByRole('button', { name: '删除' }).click();
    await remove.waitFor({ state: 'detached' });
    await poll(() => entry.count()).toBe(0);
    expect(await page.getByTestId('signer-events').textContent()).toContain('删除签发人');
    await page.getByRole('button', { name: '← 返回' }).click();

    // The issue signed before, opened afresh, still shows its signer, and its final PDF still verifies.
    await app.reload();
    await page.getByTestId('issue-screen').waitFor();
    expect(await openIssueId(page)).toBe(id);
    await page.getByRole('tab', { name: '签发与印发' }).click();
    expect(await page.getByTestId('issue-status').textContent()).toBe('已签发');
    expect(await page.getByTestId('signoff').textContent()).toContain('张主任');
    await page.getByRole('button', { name: '导出正式版' }).first().click();
    await poll(() => existsSync(finalPath), 30_000).toBe(true);
    const report = pdfsig(finalPath);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signature is Valid');
    expect(app.pageErrors).toEqual([]);
  });
});
