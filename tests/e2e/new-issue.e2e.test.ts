/**
 * 新建 starts from the last issue (issue 18): its 送 list and 责任编辑 carried over, the numbering continued, the
 * rest empty with placeholders saying what goes in.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { clockFrom, SAMPLE, useApp, waitSaved } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('新建：沿用上一期的送发范围和责任编辑', () => {
  const scene = useApp();

  it('导入第8期、改送发范围后新建：第9期带上一期的送发范围和责任编辑', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, now: clockFrom('2021-06-20T09:00:00+08:00') });
    const { page, services } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('button', { name: '添加一行' }).click();
    const rows = page.locator('[data-testid="distribution"] .list-row');
    const n = await rows.count();
    await page.getByLabel(`第${n}组受文单位`).fill('省直有关单位');
    await page.getByLabel(`第${n}组份数`).fill('4');
    await waitSaved(page);
    const eighth = services.library.list().issues[0]!;
    const previous = services.library.read(eighth.id).document.issue;
    expect(previous.distribution.at(-1)).toEqual({ text: '省直有关单位', copies: 4 });
    expect(previous.editors.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: '← 期刊库' }).click();
    await page.keyboard.press('Control+n');
    await poll(() => page.getByTestId('issue-title').textContent()).toContain('2021年第9期');
    const id = await page.getByTestId('issue-screen').getAttribute('data-issue-id');
    expect(id).not.toBe(eighth.id);
    // On screen: the same 送 list rows and 责任编辑.
    expect(await rows.count()).toBe(n);
    expect(await page.getByLabel(`第${n}组受文单位`).inputValue()).toBe('省直有关单位');
    expect(await page.getByLabel(`第${n}组份数`).inputValue()).toBe('4');
    const ninth = services.library.read(id!).document.issue;
    expect(ninth.distribution).toEqual(previous.distribution);
    expect(ninth.editors).toEqual(previous.editors);
    expect(ninth.articles).toEqual([{ title: '', body: [], contributor: '' }]);
    expect(app.pageErrors).toEqual([]);
  });
});
