/**
 * The issue date end to end: one Chinese field (not the browser's <input type="date">, which shows 06/02/2021)
 * that takes 2021年6月3日, 2021-06-02, 2021.6.2 or 2021/6/2, shows 2021年6月3日, stores ISO, and refuses a date
 * that cannot exist with a Chinese message, keeping the last valid one. The masthead of the exported PDF
 * (pdftotext) and of the preview's PDF carries the date.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { clockFrom, openIssueId, recordPreviews, screenshot, waitSaved, useApp } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('日期', () => {
  const scene = useApp();

  it('输入“2021年6月3日”：保存为 2021-06-03，导出的 PDF 和预览的刊头显示 2021年6月3日', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-02T09:00:00+08:00') });
    const { page, services } = app;
    const previews = recordPreviews(services);
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    const date = page.getByLabel('日期', { exact: true });

    // A text field in the Chinese form, not the browser's date picker.
    expect(await date.getAttribute('type')).toBeNull();
    expect(await date.inputValue()).toBe('2021年6月2日');

    await date.fill('2021年6月3日');
    await page.keyboard.press('Tab');
    expect(await date.inputValue()).toBe('2021年6月3日');
    await waitSaved(page);
    expect(services.library.read(id).document.issue.date).toBe('2021-06-03');
    await screenshot(page, 'date-field');

    // The exported PDF's masthead (pdftotext), and the PDF the preview draws.
    const exported = await services.exporter.exportIssue(id, { final: false });
    const pdfPath = join(dir, '日期.pdf');
    writeFileSync(pdfPath, exported.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-l', '1', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('2021年6月3日');
    expect(text).not.toContain('2021年6月2日');
    await poll(() => previews.lastText(), 30_000).toContain('2021年6月3日');
    expect(app.pageErrors).toEqual([]);
  });

  it('接受 2021-06-05、2021.6.7、2021/6/8 和全角数字；不存在的日期给出中文说明并保留原日期', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-02T09:00:00+08:00') });
    const { page, services } = app;
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    const date = page.getByLabel('日期', { exact: true });
    const error = page.getByTestId('date-error');

    const accepted: [string, string, string][] = [
      ['2021-06-05', '2021-06-05', '2021年6月5日'],
      ['2021.6.7', '2021-06-07', '2021年6月7日'],
      ['2021/6/8', '2021-06-08', '2021年6月8日'],
      ['２０２１年６月９日', '2021-06-09', '2021年6月9日'],
      [' 2021 年 6 月 10 日 ', '2021-06-10', '2021年6月10日'],
      ['2024年2月29日', '2024-02-29', '2024年2月29日'],
      ['2021年6月3日', '2021-06-03', '2021年6月3日'],
    ];
    for (const [typed, iso, shown] of accepted) {
      await date.fill(typed);
      await page.keyboard.press('Tab');
      expect(await date.inputValue()).toBe(shown);
      expect(await error.count()).toBe(0);
      await waitSaved(page);
      expect(services.library.read(id).document.issue.date).toBe(iso);
    }

    // An impossible date: said in Chinese at once; the field returns to the last valid date when left.
    await date.fill('2021年2月30日');
    await poll(() => error.textContent()).toContain('2021年2月只有28天，没有30日');
    expect(await error.textContent()).toContain('仍为2021年6月3日');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'date-impossible');
    await page.keyboard.press('Tab');
    expect(await date.inputValue()).toBe('2021年6月3日');
    expect(await error.count()).toBe(1);
    await waitSaved(page);
    expect(services.library.read(id).document.issue.date).toBe('2021-06-03');

    // Other impossible or unreadable input.
    for (const [typed, said] of [
      ['2023年2月29日', '2023年2月只有28天，没有29日（2023年不是闰年）'],
      ['2021-13-01', '没有13月'],
      ['2021年4月31日', '2021年4月只有30天，没有31日'],
    ] as const) {
      await date.fill(typed);
      await poll(() => error.textContent()).toContain(said);
      await page.keyboard.press('Tab');
      expect(await date.inputValue()).toBe('2021年6月3日');
    }
    await date.fill('六月三日');
    await page.keyboard.press('Tab');
    await poll(() => error.textContent()).toContain('无法识别“六月三日”');
    expect(await date.inputValue()).toBe('2021年6月3日');
    await date.fill('');
    await page.keyboard.press('Tab');
    await poll(() => error.textContent()).toContain('日期不能为空');
    expect(await date.inputValue()).toBe('2021年6月3日');

    // A valid date clears the message; the choice survives a reload.
    await date.fill('2021年6月12日');
    await poll(() => error.count()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await date.inputValue()).toBe('2021年6月12日');
    await waitSaved(page);
    expect(services.library.read(id).document.issue.date).toBe('2021-06-12');
    await app.reload();
    await page.getByTestId('issue-screen').waitFor();
    expect(await page.getByLabel('日期', { exact: true }).inputValue()).toBe('2021年6月12日');
    expect(app.pageErrors).toEqual([]);
  });
});
