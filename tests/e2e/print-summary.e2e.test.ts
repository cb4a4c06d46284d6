/**
 * Printing says what it will do before it does it — copies, pages, sheets — and what it did after, the 分发登记表
 * counted apart from the copies ("8 份 + 分发登记表"); job ids stay out of the notice (issue 18).
 */
import { describe, expect, it } from 'vitest';
import type { SpoolJob } from '../../services/cups.js';
import { addSigner } from '../helpers/signing.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { clockFrom, previewPageCount, sampleBytes, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('打印前说明、打印后报告', () => {
  const scene = useApp();

  it('印发 8 份：先说“将印制 8 份（每份 N 页）+ 分发登记表”，后报“已印发：8 份 + 分发登记表”', async () => {
    const dir = scene.library();
    const submitted: SpoolJob[] = [];
    const app = await scene.launch({
      libraryDir: dir,
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
    // A signed issue with a 送 list of 5 + 3 copies, made through the services as another desk would.
    await addSigner(services.approval, '张主任', '246810');
    const { id } = services.library.importBytes(sampleBytes(), 'sample.txt');
    const stored = services.library.read(id);
    const distribution = [
      { text: '省人大常委会办公厅', copies: 5 },
      { text: '各市州人大常委会', copies: 3 },
    ];
    services.library.save(id, { ...stored.document, issue: { ...stored.document.issue, distribution } }, stored.revision);
    expect((await services.approval.signOff(id, { signer: '张主任', pin: '246810' })).ok).toBe(true);

    await page.reload();
    await page.locator(`.issue-row[data-id="${id}"]`).dblclick();
    await page.getByTestId('issue-screen').waitFor();
    const pages = await previewPageCount(page);

    // A plain print of 2 copies of pages 1-2, two-sided: 2 sheets.
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('份数').fill('2');
    await dialog.getByLabel('页码范围').fill('1-2');
    await poll(() => dialog.getByTestId('print-plan').textContent()).toBe('将打印 2 份，每份 2 页，双面，共 2 张纸');
    await dialog.getByRole('button', { name: '取消' }).click();

    // 印发: the distribution run is chosen; the plan counts the register apart.
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '印发…' }).click();
    await dialog.waitFor();
    expect(await dialog.getByLabel(/印发分发/).isChecked()).toBe(true);
    const sheets = 8 * Math.ceil(pages / 2) + 1;
    expect(await dialog.getByTestId('print-plan').textContent()).toBe(`将印制 8 份（每份 ${pages} 页，份号 1—8）+ 分发登记表，双面，约 ${sheets} 张纸`);
    await dialog.getByRole('button', { name: '打印', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 90_000 });
    const notice = page.getByText(/^已印发：/);
    await poll(() => notice.first().textContent()).toBe('已印发：8 份 + 分发登记表（打印机 PDF）');
    expect(submitted).toHaveLength(9);
    // Job ids are for the log and the history's record, not the notice.
    expect(await notice.first().textContent()).not.toMatch(/PDF-\d/);
    expect(app.pageErrors).toEqual([]);
  });
});
