/**
 * 校对 as you type (issue 18): the list follows the text without a save or a pause of seconds, and each finding is
 * marked in the text itself with a wavy underline (red errors, blue warnings) that goes when the text is put
 * right; the half-width mark after a closing quote ('…是"连心桥".') is reported with the others, and pasting
 * converts a half-width mark after a closing bracket or quote ("（含社区站6个）.").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const problemTexts = (page: Page) => page.locator('[data-testid="check-panel"] .problem-text').allTextContents();

/** The underlined text of an editor: [text, class] of each mark. */
const underlines = (page: Page) =>
  bodyEditor(page, 0)
    .locator('.bulletin-proof')
    .evaluateAll((els) => els.map((el) => [el.textContent ?? '', el.className, el.getAttribute('title') ?? '']));

describe.skipIf(!hasChromium)('校对随打随查', () => {
  const scene = useApp();

  it('打字后列表即时更新；问题在正文中以波浪线标出，改正后消失', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    await page.getByRole('tab', { name: /校对/ }).click();
    await poll(() => problemTexts(page)).toContain('第1篇文章没有标题');

    await page.getByLabel('第1篇文章标题').fill('代表联络站建设');
    await bodyEditor(page, 0).click();
    await page.keyboard.type('代表联络站是“连心桥”.群众说,好');
    // The empty issue's problems are gone, the two half-width marks are listed — the one after the quote too.
    await poll(() => problemTexts(page)).not.toContain('第1篇文章没有标题');
    await poll(async () => (await problemTexts(page)).filter((t) => t.includes('半角')).length).toBe(2);
    const texts = await problemTexts(page);
    expect(texts).not.toContain('第1篇文章没有正文');
    expect(texts.some((t) => t.includes('“.”'))).toBe(true);
    expect(texts.some((t) => t.includes('“,”'))).toBe(true);

    // Marked in the text: wavy underlines on the two marks, the message as their title.
    await poll(async () => (await underlines(page)).map(([text]) => text)).toEqual(['.', ',']);
    const [first] = await underlines(page);
    expect(first![1]).toContain('bulletin-proof-warning');
    expect(first![2]).toContain('半角');
    const style = await bodyEditor(page, 0)
      .locator('.bulletin-proof')
      .first()
      .evaluate((el) => {
        const s = (globalThis as Any).getComputedStyle(el);
        return `${s.textDecorationLine} ${s.textDecorationStyle}`;
      });
    expect(style).toBe('underline wavy');

    // Put right: the underline and the entry go.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('，');
    await poll(async () => (await underlines(page)).map(([text]) => text)).toEqual(['.']);
    await poll(async () => (await problemTexts(page)).filter((t) => t.includes('半角')).length).toBe(1);

    // An error (an unpaired bracket) is red.
    await page.keyboard.press('End');
    await page.keyboard.type('（未完');
    await poll(async () => (await underlines(page)).some(([text, cls]) => text === '（' && cls!.includes('bulletin-proof-error'))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('半角标点在右括号、右引号之后：粘贴（Word 的 HTML）时转为全角', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    await bodyEditor(page, 0).click();
    await page.evaluate(() => {
      const g = globalThis as Any;
      const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror');
      const transfer = new g.DataTransfer();
      transfer.setData('text/html', '<p class=MsoNormal>全市建成联络站（含社区站6个）.联络站是“连心桥”,群众满意</p>');
      transfer.setData('text/plain', '全市建成联络站（含社区站6个）.联络站是“连心桥”,群众满意');
      target.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await poll(() => bodyEditor(page, 0).innerText()).toBe('全市建成联络站（含社区站6个）。联络站是“连心桥”，群众满意');
    await page.getByRole('tab', { name: /校对/ }).click();
    await poll(async () => (await problemTexts(page)).some((t) => t.includes('半角'))).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });
});
