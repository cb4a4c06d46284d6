/**
 * Pictures in the app, end to end (the renderer in Chromium over the real services): 插图 on the format bar inserts
 * a JPEG chosen in the file picker into the article body, the 图注 is typed under it, the issue file stores the
 * re-encoded picture with its caption, the preview draws it (its page carries the image and the caption; the PDF
 * export of pictures is read back in tests/integration/pictures-pdf.test.ts); a pasted PNG is inserted too; a GIF dropped into the body is refused with the reason and
 * changes nothing.
 */
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpeg, makePng } from '../helpers/picture-files.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { poll } from './poll.js';
import { bodyEditor, openIssueId, recordPreviews, useApp, waitSaved, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

const files = mkdtempSync(join(tmpdir(), 'pictures-e2e-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

describe.skipIf(!hasChromium)('pictures in the app', () => {
  const scene = useApp();

  it('插图 inserts a photo with its 图注; it is saved and previewed; a pasted PNG too; a GIF is refused', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    const previews = recordPreviews(app.services);
    const id = await openIssueId(page);
    const body = bodyEditor(page, 0);
    await body.click();
    await page.keyboard.type('联络站开展接待活动情况如下。');

    const photo = join(files, '现场.jpg');
    writeFileSync(photo, makeJpeg(1600, 1200));
    await page.getByLabel('选择要插入的图片').setInputFiles(photo);
    await poll(() => body.locator('figure.bulletin-picture img').count(), 60_000).toBe(1);
    await page.keyboard.type('图为接待现场');
    await waitSaved(page);
    let stored = app.services.library.read(id).document.issue.articles[0]!.body;
    expect(stored.map((b) => b.type)).toEqual(['paragraph', 'picture']);
    expect(stored[1]).toMatchObject({ type: 'picture', image: { format: 'jpeg', width: 1600, height: 1200 }, content: [{ text: '图为接待现场' }] });

    // The preview's page carries the picture and its caption.
    await poll(async () => {
      const last = previews.results.at(-1) as Any;
      return last?.kind === 'layout' && last.layout.pages.some((p: Any) => p.images?.length);
    }, 30_000).toBe(true);
    await poll(() => previews.lastText(), 30_000).toContain('图为接待现场');

    // A PNG pasted at the end of the caption's next paragraph.
    await page.keyboard.press('Enter');
    await page.keyboard.type('下一段。');
    const png = [...makePng(300, 200)];
    await page.evaluate((data) => {
      const g = globalThis as Any;
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([new Uint8Array(data)], '统计.png', { type: 'image/png' }));
      const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror');
      target.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, png);
    await poll(() => body.locator('figure.bulletin-picture').count(), 60_000).toBe(2);
    await waitSaved(page);
    stored = app.services.library.read(id).document.issue.articles[0]!.body;
    expect(stored.map((b) => b.type)).toEqual(['paragraph', 'picture', 'paragraph', 'picture']);

    // A GIF dropped into the body: refused with the reason, nothing changed.
    const gif = [...new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;')];
    await page.evaluate((data) => {
      const g = globalThis as Any;
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([new Uint8Array(data)], '动图.gif', { type: 'image/gif' }));
      const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror p');
      const r = target.getBoundingClientRect();
      const init = { dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.left + 5, clientY: r.top + 5 };
      target.dispatchEvent(new g.DragEvent('dragover', init));
      target.dispatchEvent(new g.DragEvent('drop', init));
    }, gif);
    await poll(() => page.locator('.notice').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('不支持 GIF 格式')]));
    await waitSaved(page);
    expect(app.services.library.read(id).document.issue.articles[0]!.body).toHaveLength(4);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('a picture copied and pasted inside the editor comes back with the same image and its 图注', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    const id = await openIssueId(page);
    const body = bodyEditor(page, 0);
    await body.click();
    await page.keyboard.type('第一段。');
    const photo = join(files, '复制.jpg');
    writeFileSync(photo, makeJpeg(800, 600));
    await page.getByLabel('选择要插入的图片').setInputFiles(photo);
    await poll(() => body.locator('figure.bulletin-picture img').count(), 60_000).toBe(1);
    await page.keyboard.type('图为复制前的现场');
    await page.keyboard.press('Enter');
    await page.keyboard.type('末段。');
    await waitSaved(page);
    const original = app.services.library.read(id).document.issue.articles[0]!.body.find((b) => b.type === 'picture');
    expect(original).toBeDefined();

    // Select the whole body, copy (ProseMirror writes its own HTML to the clipboard event), put the caret at the
    // end and paste that HTML back: the picture goes through the paste cleaner.
    await page.keyboard.press('Control+a');
    const html = await page.evaluate(() => {
      const g = globalThis as Any;
      const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror');
      const dt = new g.DataTransfer();
      target.dispatchEvent(new g.ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return { html: dt.getData('text/html') as string, text: dt.getData('text/plain') as string };
    });
    expect(html.html).toContain('data-picture');
    await page.keyboard.press('Control+End');
    await page.evaluate((data) => {
      const g = globalThis as Any;
      const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror');
      const dt = new g.DataTransfer();
      dt.setData('text/html', data.html);
      dt.setData('text/plain', data.text);
      target.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, html);
    await poll(() => body.locator('figure.bulletin-picture').count(), 30_000).toBe(2);
    await waitSaved(page);
    const pictures = app.services.library.read(id).document.issue.articles[0]!.body.filter((b) => b.type === 'picture');
    expect(pictures).toEqual([original, original]);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
