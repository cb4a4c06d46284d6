/**
 * Counts, text ↔ preview and zoom (issue 18): the status bar shows the characters of the article the caret is in
 * and of the issue, and the page count; the caret's page is shown and the preview scrolls to it; a click on a
 * preview line puts the caret in that paragraph; 缩放 offers 适合宽度, 整页 and percentages. Pages are read back
 * from the PDF export of the issue with pdf.js (tests/helpers/pdf-readback.ts), counts from the saved issue.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../core/model/issue.js';
import { groupLines, lineText, readPdf, type PdfPage } from '../helpers/pdf-readback.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, openIssueId, previewPageCount, SAMPLE, useApp, type Any } from './scenario.js';
import { blockInlines } from '../../core/model/block-text.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** Non-blank characters (an independent count: Array.from splits by code point). */
const chars = (text: string) => Array.from(text).filter((c) => !/\s/u.test(c)).length;
const articleChars = (issue: Issue, i: number) => {
  const a = issue.articles[i]!;
  const inl = (l: readonly { text: string }[] = []) => chars(l.map((x) => x.text).join(''));
  return chars(a.title) + a.body.reduce((n, b) => n + inl(blockInlines(b)) + inl(b.type === 'heading' ? b.body : []), 0);
};
const pageText = (p: PdfPage) => p.items.map((i) => i.str).join('').replace(/\s+/g, '');

/** The page (1-based) whose text holds `phrase`. */
const pageWith = (pages: readonly PdfPage[], phrase: string) => pages.findIndex((p) => pageText(p).includes(phrase)) + 1;

/** Whether preview page `n` is (at least partly) in the preview's scroll area. */
const pageInView = (page: Page, n: number) =>
  page.evaluate((n) => {
    const d = (globalThis as Any).document;
    const slot = d.querySelector(`.preview-page[data-page="${n}"]`)?.getBoundingClientRect();
    const area = d.querySelector('.preview-scroll')?.getBoundingClientRect();
    return !!slot && !!area && slot.bottom > area.top + 20 && slot.top < area.bottom - 20;
  }, n);

describe.skipIf(!hasChromium)('字数、光标所在页、预览点击定位、缩放', () => {
  const scene = useApp();

  it('状态栏字数与页数；光标所在页，预览跟随；点击预览定位到段落；缩放', async () => {
    const dir = scene.library();
    const app = await scene.launch({ libraryDir: dir, viewport: { width: 1400, height: 900 } });
    const { page, services } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const id = await openIssueId(page);
    const total = await previewPageCount(page);
    const issue = services.library.read(id).document.issue;
    const noteChars = issue.editorNote.reduce((n, p) => n + chars(p.map((x) => x.text).join('')), 0);
    const expectedIssue = noteChars + issue.articles.reduce((n, _, i) => n + articleChars(issue, i), 0);

    const bar = page.getByTestId('status-bar');
    await poll(() => bar.getByTestId('page-count').textContent()).toBe(`共 ${total} 页`);
    expect(await bar.getByTestId('issue-count').textContent()).toBe(`全期 ${expectedIssue.toLocaleString('zh-CN')} 字`);

    // The caret in the article's last paragraph: its count, its page, the preview there.
    // The truth: the PDF export of the same issue, read with pdf.js.
    const proof = await services.preview.render(services.library.read(id).document, { draft: true, mode: 'pdf' });
    if (proof.kind !== 'pdf') throw new Error('expected a PDF');
    const pdfPages = await readPdf(proof.pdf);
    const paragraphs = bodyEditor(page, 0).locator(':scope > *');
    const last = paragraphs.nth((await paragraphs.count()) - 1);
    const lastText = ((await last.innerText()) ?? '').replace(/\s+/g, '');
    const expectedPage = pageWith(pdfPages, lastText.slice(-12));
    expect(expectedPage).toBeGreaterThan(1);
    await last.click();
    await page.keyboard.press('Control+End');
    await poll(() => bar.getByTestId('article-count').textContent()).toBe(`第1篇 ${articleChars(issue, 0).toLocaleString('zh-CN')} 字`);
    await poll(() => bar.getByTestId('caret-page').textContent()).toBe(`光标在第 ${expectedPage} 页`);
    await poll(() => pageInView(page, expectedPage)).toBe(true);

    // Back at the top of the article: its page, and the preview follows.
    const firstText = ((await paragraphs.first().innerText()) ?? '').replace(/\s+/g, '');
    const firstPage = pageWith(pdfPages, firstText.slice(0, 12));
    expect(firstPage).toBeLessThan(expectedPage);
    await paragraphs.first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await poll(() => bar.getByTestId('caret-page').textContent()).toBe(`光标在第 ${firstPage} 页`);
    await poll(() => pageInView(page, firstPage)).toBe(true);

    // A click on a body line of page 3 of the preview: the caret goes to that line's paragraph.
    expect(firstPage).not.toBe(3);
    const page3 = pdfPages[2]!;
    const lines = groupLines(page3.items).filter((l) => lineText(l).replace(/\s+/g, '').length > 20);
    const target = lines[Math.floor(lines.length / 2)]!;
    const targetText = lineText(target).replace(/\s+/g, '');
    const slot = page.locator('.preview-page[data-page="3"]');
    await slot.scrollIntoViewIfNeeded();
    const box = (await slot.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + (box.height * (target.y - 4)) / page3.height);
    await poll(() => bar.getByTestId('caret-page').textContent()).toBe('光标在第 3 页');
    const caretBlock = await page.evaluate(() => {
      const sel = (globalThis as Any).getSelection();
      const node = sel?.anchorNode;
      const el = node?.nodeType === 1 ? node : node?.parentElement;
      return (el?.closest('.ProseMirror > *')?.textContent ?? '').replace(/\s+/g, '');
    });
    expect(caretBlock).toContain(targetText.slice(2, 12));

    // 缩放: 整页 fits a page in the pane's height; 200% is twice the printed size; 适合宽度 the pane's width.
    const zoom = page.getByLabel('缩放');
    expect(await zoom.locator('option').allTextContents()).toEqual(['适合宽度', '整页', '50%', '75%', '100%', '125%', '150%', '200%']);
    const size = () => page.locator('.preview-page[data-page="1"]').evaluate((el: Any) => ({ w: el.clientWidth, h: el.clientHeight }));
    const area = await page.locator('.preview-scroll').evaluate((el: Any) => ({ w: el.clientWidth, h: el.clientHeight }));
    await zoom.selectOption({ label: '整页' });
    await poll(async () => (await size()).h).toBeLessThanOrEqual(area.h);
    await zoom.selectOption({ label: '200%' });
    await poll(async () => (await size()).w).toBe(Math.round((210 / 25.4) * 96 * 2));
    await zoom.selectOption({ label: '适合宽度' });
    await poll(async () => (await size()).w).toBe(area.w - 40);
    expect(app.pageErrors).toEqual([]);
  });
});
