/**
 * Pictures in the app, end to end (the renderer in Chromium over the real services): 插图 on the format bar inserts
 * a JPEG chosen in the file picker into the article body, the 图注 is typed under it, the issue file stores the
 * re-encoded picture with its caption, the preview draws it (its page carries the image and the caption; the PDF
 * export of pictures is read back in tests/integration/pictures-pdf.test.ts); a pasted PNG is inserted too; a GIF dropped into the body is refused with the reason and
 * changes nothing; HTML pasted from outside brings its data: URL images as pictures (refusals and web addresses
 * said in Chinese, the text kept). Clipboard and drop events come from tests/helpers/editor-paste.ts.
 */
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodySelector, copyFrom, dropInto, pasteInto } from '../helpers/editor-paste.js';
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
    await pasteInto(page, bodySelector(0), { files: [{ name: '统计.png', type: 'image/png', bytes: makePng(300, 200) }] });
    await poll(() => body.locator('figure.bulletin-picture').count(), 60_000).toBe(2);
    await waitSaved(page);
    stored = app.services.library.read(id).document.issue.articles[0]!.body;
    expect(stored.map((b) => b.type)).toEqual(['paragraph', 'picture', 'paragraph', 'picture']);

    // A GIF dropped into the body: refused with the reason, nothing changed.
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    await dropInto(page, `${bodySelector(0)} p`, [{ name: '动图.gif', type: 'image/gif', bytes: gif }]);
    await poll(() => page.locator('.notice').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('不支持 GIF 格式')]));
    await waitSaved(page);
    expect(app.services.library.read(id).document.issue.articles[0]!.body).toHaveLength(4);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('HTML pasted from a web page or WPS: data: URL JPEG/PNG become pictures in place; GIF, corrupt and web addresses are refused in Chinese; the text stays', async () => {
    const { app } = await scene.newIssue();
    const { page } = app;
    const id = await openIssueId(page);
    const body = bodyEditor(page, 0);
    await body.click();
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const html =
      `<html><body><p>网页前文。<img src="data:image/jpeg;base64,${b64(makeJpeg(1600, 1200))}" width="400">网页后文。</p>` +
      `<p><img src="data:image/png;base64,${b64(makePng(300, 200))}"></p>` +
      `<p>动图之前。<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="data:image/jpeg;base64,/9j/AAAA"></p>` +
      `<p><img src="https://example.org/photo.jpg">末段文字。</p></body></html>`;
    await pasteInto(page, bodySelector(0), { html, text: '网页前文。网页后文。\n动图之前。\n末段文字。' });
    await poll(() => body.locator('figure.bulletin-picture img').count(), 60_000).toBe(2);
    const notices = () => page.locator('.notice').allTextContents();
    await poll(notices).toEqual(
      expect.arrayContaining([
        expect.stringContaining('不支持 GIF 格式'),
        expect.stringContaining('已损坏'),
        expect.stringContaining('1张图片是网络或本机地址，编辑器离线无法取得，已只粘贴文字'),
      ]),
    );
    await waitSaved(page);
    const stored = app.services.library.read(id).document.issue.articles[0]!.body;
    const kinds = stored.map((b) => (b.type === 'picture' ? `picture ${b.image.width}×${b.image.height}` : b.type === 'table' ? 'table' : b.content.map((i) => i.text).join('')));
    // Each picture where its <img> stood, re-encoded through the same path as a file (a JPEG of the same size).
    expect(kinds).toEqual(['网页前文。', 'picture 1600×1200', '网页后文。', 'picture 300×200', '动图之前。', '末段文字。']);
    for (const b of stored) if (b.type === 'picture') expect(b.image.data.startsWith('/9j/')).toBe(true);
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
    const copied = await copyFrom(page, bodySelector(0));
    expect(copied.html).toContain('data-picture');
    await page.keyboard.press('Control+End');
    await pasteInto(page, bodySelector(0), copied);
    await poll(() => body.locator('figure.bulletin-picture').count(), 30_000).toBe(2);
    await waitSaved(page);
    const pictures = app.services.library.read(id).document.issue.articles[0]!.body.filter((b) => b.type === 'picture');
    expect(pictures).toEqual([original, original]);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
