/**
 * Status discipline (issue 18): 草稿 → 送审 → 已签发 → 已印发 as an OA 简报 flow. 校对 errors stop 送审 (listed,
 * each a click from its place); the primary action follows the status; a signed issue opens read-only — typing and
 * Ctrl+Z change nothing — until 撤回签发 with a reason; a printed one until 修订, which keeps the printed version
 * (its signed final PDF, read back with pdfsig) in revisions/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SpoolJob } from '../../services/cups.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { addSigner, pdfsig } from '../helpers/signing.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, clockFrom, openIssueId, SAMPLE, useApp, waitSaved, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const bodyText = (page: Page) => bodyEditor(page, 0).innerText();

describe.skipIf(!hasChromium)('签发后只读：送审、签发、撤回签发、修订', () => {
  const scene = useApp();

  it('校对有错误时不能送审：列出错误，点击转到该处；改正后送审', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    await page.getByRole('tab', { name: '签发与印发' }).click();
    expect(await page.getByTestId('toolbar-next').textContent()).toBe('送审');
    await page.getByRole('button', { name: '送审', exact: true }).click();
    const blocked = page.getByTestId('blocking-errors');
    await poll(() => blocked.textContent()).toContain('改正后才能送审');
    expect(await blocked.textContent()).toContain('第1篇文章没有标题');
    expect(await blocked.textContent()).toContain('第1篇文章没有正文');
    expect(await page.getByTestId('issue-status').textContent()).toBe('草稿');

    // One click from its place: the title field gets the caret.
    await blocked.getByRole('button', { name: '第1篇文章没有标题' }).click();
    await poll(() => page.evaluate(() => (globalThis as Any).document.activeElement?.getAttribute('aria-label') ?? '')).toContain('标题');
    await page.keyboard.type('关于加强代表联络工作的通知');
    await bodyEditor(page, 0).click();
    await page.keyboard.type('各市州人大常委会联络工作扎实推进。');
    await waitSaved(page);
    await page.getByRole('button', { name: '送审', exact: true }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('送审');
    expect(await blocked.count()).toBe(0);
    // Now the step is 签发, and 送审 is gone.
    expect(await page.getByTestId('toolbar-next').textContent()).toBe('签发');
    expect(await page.getByRole('button', { name: '送审', exact: true }).count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('已签发：只读（输入与 Ctrl+Z 均无效），撤回签发须填原因并记入处理记录，撤销不跨越状态变化', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-02T09:00:00+08:00') });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '246810');
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    // Typing before the sign-off: its undo history must not survive the status changes.
    await bodyEditor(page, 0).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('（补记）');
    await waitSaved(page);

    // Straight from 草稿: 送审并签发, one explicit act, both steps in the history.
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '送审并签发…' }).click();
    await page.getByTestId('signoff-form').getByLabel('PIN 码').fill('246810');
    await page.getByTestId('signoff-form').getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');
    const actions = services.library.read(id).meta.history.map((h) => h.action);
    expect(actions.slice(-2)).toEqual(['submitted', 'approved']);
    expect(await page.getByTestId('toolbar-next').textContent()).toBe('印发');

    // Read-only, said in one line.
    const bar = page.getByTestId('record-bar');
    expect(await bar.textContent()).toContain('本期已由张主任签发，内容只读');
    expect(await bodyEditor(page, 0).getAttribute('contenteditable')).toBe('false');
    expect(await page.locator('.article-contributor').first().isDisabled()).toBe(true);
    const before = await bodyText(page);
    expect(before).toContain('（补记）');
    const revision = services.library.read(id).revision;
    await bodyEditor(page, 0).click();
    await page.keyboard.type('误触');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(1500); // longer than the autosave's pause
    expect(await bodyText(page)).toBe(before);
    expect(services.library.read(id).revision).toBe(revision);
    expect(services.library.read(id).meta.status).toBe('approved');
    expect(await page.getByTestId('history').textContent()).not.toContain('签发作废');

    // 撤回签发 needs a reason (recorded); the issue is a draft again.
    await bar.getByRole('button', { name: '撤回签发…' }).click();
    const confirm = bar.getByRole('button', { name: '确定撤回签发' });
    expect(await confirm.isDisabled()).toBe(true);
    await bar.getByLabel('撤回签发原因').fill('第二篇标题需要调整');
    await confirm.click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('草稿');
    expect(await page.getByTestId('history').textContent()).toContain('撤回签发：第二篇标题需要调整');
    expect(await bar.count()).toBe(0);
    await poll(() => bodyEditor(page, 0).getAttribute('contenteditable')).toBe('true');

    // Undo never crosses the status change: Ctrl+Z in the reopened text has nothing to undo.
    await bodyEditor(page, 0).click();
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(300);
    expect(await bodyText(page)).toBe(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('已印发：修订须填原因；原印发版本（签名正式版）存档，可从处理记录再导出；修订稿重新送审', async () => {
    const dir = scene.library();
    const submitted: SpoolJob[] = [];
    const archived = join(dir, '原印发版.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', archived);
    const app = await scene.launch({
      libraryDir: dir,
      dialogs,
      now: clockFrom('2021-06-02T09:00:00+08:00'),
      spooler: {
        printers: async () => [{ name: 'PDF', displayName: 'PDF 打印机', isDefault: true }],
        submit: async (job) => {
          submitted.push(job);
          return `PDF-${submitted.length}`;
        },
      },
    });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '246810');
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '送审', exact: true }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('送审');
    await page.getByRole('button', { name: '签发…' }).click();
    await page.getByTestId('signoff-form').getByLabel('PIN 码').fill('246810');
    await page.getByTestId('signoff-form').getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已签发');

    await page.getByRole('button', { name: '印发…' }).click();
    const dialog = page.getByTestId('print-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/印发分发/).check();
    await dialog.getByRole('button', { name: '打印', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('已印发');
    expect(await page.getByTestId('record-bar').textContent()).toContain('本期已印发，内容只读');
    expect(await bodyEditor(page, 0).getAttribute('contenteditable')).toBe('false');

    const printed = services.library.read(id).document.issue;
    const printedTitle = printed.articles[0]!.title;
    const printedTitleRecipient = printed.distribution[0]!.text;
    const bar = page.getByTestId('record-bar');
    await bar.getByRole('button', { name: '修订…' }).click();
    await bar.getByLabel('修订原因').fill('联系电话有误');
    await bar.getByRole('button', { name: '确定修订' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('草稿');
    expect(await page.getByTestId('history').textContent()).toContain('修订：联系电话有误');
    expect(await page.getByTestId('toolbar-next').textContent()).toBe('送审');

    // The printed version is kept whole: its signed final PDF, exported again from the history, is still valid
    // and signed by 张主任.
    const [kept] = services.approval.revisions.list(id);
    expect(kept?.hasFinalPdf).toBe(true);
    await page.getByRole('button', { name: '导出第 1 版印发稿…' }).click();
    await poll(() => existsSync(archived), 30_000).toBe(true);
    expect(dialogs.asked.at(-1)).toEqual({ method: 'savePdf', defaultName: '联络动态2021年第8期（总第631期）（第1版印发稿）.pdf' });
    const report = pdfsig(archived);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signature is Valid');
    expect(services.library.read(id).meta.status).toBe('draft');

    // 查看第 1 版 opens the printed version read only — its content, who signed it — with the 分发登记表 of that
    // printing kept beside it (read back with pdftotext), and exportable again.
    expect(kept?.hasRegisterPdf).toBe(true);
    const keptRegister = execFileSync('pdftotext', [join(kept!.dir, 'register.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(keptRegister).toContain('分发登记表');
    // A recipient's name may wrap in its cell: its first characters, and the 份号 of the first copy.
    expect(keptRegister).toContain(printedTitleRecipient.slice(0, 10));
    expect(keptRegister).toContain('000001');
    expect(existsSync(join(dir, 'registers', `${id}.pdf`))).toBe(false);
    // The revision is edited; the archived version keeps the text as printed.
    await bodyEditor(page, 0).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('修订稿');
    await waitSaved(page);
    await page.getByRole('button', { name: '查看第 1 版' }).click();
    const view = page.getByTestId('revision-view');
    await view.waitFor();
    expect(await view.getAttribute('aria-label')).toBe('第 1 版印发稿（只读）');
    await poll(() => view.getByTestId('revision-record').textContent()).toContain('张主任 签发于');
    expect(await view.getByTestId('revision-record').textContent()).toContain('分发登记表已存档');
    expect(await view.getByTestId('revision-article').first().textContent()).toContain(printedTitle);
    expect(await view.textContent()).not.toContain('修订稿');
    expect(await view.locator('input, textarea, [contenteditable="true"]').count()).toBe(0);
    const registerOut = join(dir, '原分发登记表.pdf');
    dialogs.answer('savePdf', registerOut);
    await view.getByRole('button', { name: '导出分发登记表…' }).click();
    await poll(() => existsSync(registerOut), 30_000).toBe(true);
    expect(readFileSync(registerOut).equals(readFileSync(join(kept!.dir, 'register.pdf')))).toBe(true);
    await view.getByRole('button', { name: '关闭', exact: true }).click();
    await view.waitFor({ state: 'detached' });
    expect(services.library.read(id).document.issue.articles[0]!.title).toBe(printedTitle);
    expect(app.pageErrors).toEqual([]);
  });
});
