/**
 * 查找 keeps its place, and 查找和替换 (Ctrl+H) as Word has it (issue 18): Enter → 1/N, Enter → 2/N, an edit
 * elsewhere and an autosave, Enter → 3/N; 替换 replaces the current match and moves on; 全部替换 replaces in
 * 编者按, titles, bodies, 供稿 and 送 lines, says how many, and one Ctrl+Z puts all of it back (as saved).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../core/model/issue.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { noteEditor, openIssueId, SAMPLE, useApp, waitSaved } from './scenario.js';
import { blockInlines } from '../../core/model/block-text.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const count = (page: Page) => page.getByTestId('find-count').textContent();

/** Occurrences in the text fields an editor types (an independent count over the saved issue). */
function occurrences(issue: Issue, text: string): number {
  const inlines = (list: readonly { text: string }[]) => list.map((i) => i.text).join('');
  const fields = [
    ...issue.editorNote.map(inlines),
    ...issue.articles.flatMap((a) => [a.title, a.contributor, ...a.body.flatMap((b) => [inlines(blockInlines(b)), inlines(b.type === 'heading' ? (b.body ?? []) : [])])]),
    ...issue.distribution.map((d) => d.text),
  ];
  return fields.reduce((n, f) => n + f.split(text).length - 1, 0);
}

describe.skipIf(!hasChromium)('查找和替换', () => {
  const scene = useApp();

  it('查找保持位置：保存和别处的修改之后，Enter 仍从当前处继续', async () => {
    const dir = scene.library();
    const { page } = await scene.launch({ libraryDir: dir });
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.keyboard.press('Control+f');
    const find = page.getByLabel('查找内容');
    await find.fill('代表');
    const total = Number(/共 (\d+) 处/.exec((await count(page)) ?? '')?.[1]);
    expect(total).toBeGreaterThan(5);
    await find.press('Enter');
    expect(await count(page)).toBe(`1 / ${total}`);
    await find.press('Enter');
    expect(await count(page)).toBe(`2 / ${total}`);

    // An edit elsewhere (the 编者按, before every match) and the autosave that follows.
    await noteEditor(page).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('按：');
    await waitSaved(page);
    expect(await count(page)).toBe(`2 / ${total}`);
    await find.click();
    await find.press('Enter');
    expect(await count(page)).toBe(`3 / ${total}`);
    await find.press('Shift+Enter');
    expect(await count(page)).toBe(`2 / ${total}`);
  });

  it('Ctrl+H：替换当前一处；全部替换（含标题、供稿、送发范围）报告处数，一次 Ctrl+Z 全部撤销', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir });
    const { page, services } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    // 长沙市 also in the 供稿 line and a 送 line, which are fields, not the text editors.
    await page.getByLabel('第1篇文章供稿单位').fill('长沙市人大常委会');
    await page.getByRole('button', { name: '添加一行' }).click();
    const rows = await page.locator('[data-testid="distribution"] .list-row').count();
    await page.getByLabel(`第${rows}组受文单位`).fill('长沙市各区县人大常委会');
    await waitSaved(page);
    const original = services.library.read(id).document.issue;
    const n = occurrences(original, '长沙市');
    expect(n).toBeGreaterThan(4);

    await page.keyboard.press('Control+h');
    const bar = page.getByTestId('find-bar');
    expect(await bar.getAttribute('aria-label')).toBe('查找和替换');
    await page.getByLabel('查找内容').fill('长沙市');
    await page.getByLabel('替换为').fill('株洲市');
    // 替换 as in Word: the first press finds the first match (the 编者按's), the next replaces it and moves on.
    await bar.getByRole('button', { name: '替换', exact: true }).click();
    expect(await page.getByTestId('find-count').textContent()).toMatch(/^1 \/ /);
    expect(await noteEditor(page).innerText()).not.toContain('株洲市');
    await bar.getByRole('button', { name: '替换', exact: true }).click();
    await poll(() => noteEditor(page).innerText()).toContain('现将株洲市');
    expect(await page.getByTestId('find-count').textContent()).toMatch(/^1 \/ /);
    await waitSaved(page);
    expect(occurrences(services.library.read(id).document.issue, '长沙市')).toBe(n - 1);

    await bar.getByRole('button', { name: '全部替换' }).click();
    await poll(() => page.getByText(/^已全部替换/).first().textContent()).toBe(`已全部替换 ${n - 1} 处（Ctrl+Z 撤销）`);
    await waitSaved(page);
    const replaced = services.library.read(id).document.issue;
    expect(occurrences(replaced, '长沙市')).toBe(0);
    expect(occurrences(replaced, '株洲市')).toBe(occurrences(original, '株洲市') + n);
    expect(replaced.articles[0]!.contributor).toBe('株洲市人大常委会');
    expect(replaced.distribution.at(-1)!.text).toBe('株洲市各区县人大常委会');
    expect(await page.getByLabel('第1篇文章供稿单位').inputValue()).toBe('株洲市人大常委会');

    // One Ctrl+Z undoes all of it (not the single 替换 before it).
    await page.keyboard.press('Control+z');
    await poll(() => page.getByLabel('第1篇文章供稿单位').inputValue()).toBe('长沙市人大常委会');
    await waitSaved(page);
    const back = services.library.read(id).document.issue;
    expect(occurrences(back, '长沙市')).toBe(n - 1);
    expect(back.distribution.at(-1)!.text).toBe('长沙市各区县人大常委会');
    expect(app.pageErrors).toEqual([]);
  });

  it('替换逐处走过编者按、标题和送发范围（正文之后是标题、供稿、送发范围），每处替换都保存', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir });
    const { page, services } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    // 湘江 once in the 编者按 (an editor), once in the first title and once in a new 送 line (fields).
    await noteEditor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('湘江');
    const title = page.getByLabel('第1篇文章标题');
    const oldTitle = await title.inputValue();
    await title.fill(`湘江${oldTitle}`);
    await page.getByRole('button', { name: '添加一行' }).click();
    const rows = await page.locator('[data-testid="distribution"] .list-row').count();
    await page.getByLabel(`第${rows}组受文单位`).fill('湘江流域各市人大常委会');
    await waitSaved(page);
    expect(occurrences(services.library.read(id).document.issue, '湘江')).toBe(3);

    await page.keyboard.press('Control+h');
    const bar = page.getByTestId('find-bar');
    await page.getByLabel('查找内容').fill('湘江');
    await page.getByLabel('替换为').fill('浏阳河');
    expect(await page.getByTestId('find-field-count').textContent()).toBe('标题、供稿、送发范围另有 2 处');
    const replaceButton = bar.getByRole('button', { name: '替换', exact: true });
    // First press: the 编者按's match is chosen; second: it is replaced, and the next is in the fields.
    await replaceButton.click();
    expect(await count(page)).toBe('1 / 1');
    await replaceButton.click();
    await poll(() => noteEditor(page).innerText()).toContain('浏阳河');
    expect(await page.getByTestId('find-field-count').textContent()).toBe('下一处在标题、供稿或送发范围');
    expect(await title.inputValue()).toBe(`湘江${oldTitle}`);
    // Third: the title's.
    await replaceButton.click();
    await poll(() => title.inputValue()).toBe(`浏阳河${oldTitle}`);
    expect(await page.getByLabel(`第${rows}组受文单位`).inputValue()).toBe('湘江流域各市人大常委会');
    // Fourth: the 送 line's.
    await replaceButton.click();
    await poll(() => page.getByLabel(`第${rows}组受文单位`).inputValue()).toBe('浏阳河流域各市人大常委会');
    await waitSaved(page);
    const saved = services.library.read(id).document.issue;
    expect(occurrences(saved, '湘江')).toBe(0);
    expect(occurrences(saved, '浏阳河')).toBe(3);
    expect(saved.articles[0]!.title).toBe(`浏阳河${oldTitle}`);
    expect(saved.distribution.at(-1)!.text).toBe('浏阳河流域各市人大常委会');
    expect(app.pageErrors).toEqual([]);
  });
});
