/**
 * The editor end to end: typing a paragraph and headings (一、 at a paragraph's start makes a heading) and the
 * numbers following a deletion; pasting Word's HTML gives clean structure and runs nothing.
 */
import { describe, expect, it } from 'vitest';
import { bodySelector, pasteInto } from '../helpers/editor-paste.js';
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, headingLabels, waitSaved, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** What Word 2016 (Chinese) puts on the clipboard for two paragraphs and a numbered list item, plus two traps. */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style>
<!--
 /* Font Definitions */
 @font-face {font-family:仿宋_GB2312; panose-1:2 1 6 9 3 1 1 1 1 1; mso-font-charset:134;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-unhide:no; margin:0cm; text-align:justify;
  text-justify:inter-ideograph; font-size:16.0pt; font-family:仿宋_GB2312; mso-bidi-font-family:"Times New Roman";}
p.MsoListParagraph {mso-style-priority:34; margin-left:21.0pt; text-indent:21.0pt; mso-char-indent-count:2.0;}
@list l0 {mso-list-id:1544319426; mso-list-type:hybrid;}
@list l0:level1 {mso-level-text:"%1\\.";mso-level-tab-stop:none;mso-level-number-position:left;}
-->
</style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment-->
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-size:16.0pt;
font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>为深入贯彻落实有关精神,现将情况报告如下<span
lang=EN-US>:</span><o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-char-indent-count:0;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>加强组织领导。<b><span>各级人大常委会</span></b>高度重视<o:p></o:p></span></p>
<script>window.__pastedScriptRan = true;</script>
<p class=MsoNormal style='text-indent:32.0pt' onclick="window.__pastedHandlerRan = true"><img src=x onerror="window.__pastedHandlerRan = true"><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>第二段正文。<o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<!--EndFragment-->
</body>
</html>`;

describe.skipIf(!hasChromium)('编辑', () => {
  const scene = useApp();

  it('输入段落和标题：段首输入“一、”成为标题，删除第一个标题后重新编号', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const editor = bodyEditor(page);
    await editor.click();
    await page.keyboard.type('今年以来，各地围绕主题开展活动。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('一、');
    await page.keyboard.type('深化活动主题');
    await page.keyboard.press('Enter');
    await page.keyboard.type('这次活动把各项要求紧密融合。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('一、');
    await page.keyboard.type('突出组织引领');
    await page.keyboard.press('Enter');
    await page.keyboard.type('领导带头，层层示范。');

    await poll(() => headingLabels(page)).toEqual(['一、', '二、']);
    // The label is drawn, not typed: the heading's text is just the words.
    const headings = editor.locator('[data-level="1"]');
    expect(await headings.nth(0).textContent()).toBe('深化活动主题');
    expect(await headings.nth(1).textContent()).toBe('突出组织引领');

    // Delete the first heading: select its text, delete it, then join the empty line into the paragraph above.
    await headings.nth(0).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Backspace');
    await poll(() => headingLabels(page)).toEqual(['一、']);
    expect(await editor.locator('[data-level="1"]').first().textContent()).toBe('突出组织引领');

    // Saved as structure: one heading, level 1, no number in its text.
    await waitSaved(page);
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    const body = services.library.read(id).document.issue.articles[0]!.body;
    const saved = body.filter((b) => b.type === 'heading');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ type: 'heading', level: 1 });
    expect(saved[0]!.content.map((i) => i.text).join('')).toBe('突出组织引领');

    // Undo (Ctrl+Z) brings the deleted heading back, renumbered.
    await page.keyboard.press('Control+z');
    await poll(() => headingLabels(page)).toEqual(['一、', '二、']);
    expect(scene.app.pageErrors).toEqual([]);
  });

  it('从 Word 粘贴：样式清除，编号行成为三级标题，加粗保留，脚本不执行', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const editor = bodyEditor(page);
    await editor.click();
    await pasteInto(page, bodySelector(0), {
      html: WORD_HTML,
      text: '为深入贯彻落实有关精神,现将情况报告如下:\n1.\t加强组织领导。各级人大常委会高度重视\n第二段正文。',
    });

    const level3 = editor.locator('[data-level="3"]');
    await poll(() => level3.count()).toBe(1);
    expect(await level3.textContent()).toContain('加强组织领导');
    expect(await level3.getAttribute('data-label')).toBe('1.');
    expect(await editor.locator('strong').first().textContent()).toBe('各级人大常委会');
    const text = (await editor.textContent()) ?? '';
    expect(text).toContain('为深入贯彻落实有关精神，现将情况报告如下：');
    expect(text).toContain('第二段正文。');
    // No trace of Word: no style or class from the clipboard, no images, no <o:p>.
    expect(await editor.locator('[style]').count()).toBe(0);
    expect(await editor.locator('img, script, o\\:p, span[lang]').count()).toBe(0);
    expect(await editor.locator('[onclick]').count()).toBe(0);
    // Nothing of it ran.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as Any).__pastedScriptRan)).toBeUndefined();
    expect(await page.evaluate(() => (globalThis as Any).__pastedHandlerRan)).toBeUndefined();

    await waitSaved(page);
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    const body = services.library.read(id).document.issue.articles[0]!.body;
    const heading = body.find((b) => b.type === 'heading');
    expect(heading).toMatchObject({ type: 'heading', level: 3 });
    expect(JSON.stringify(body)).toContain('"bold":true');
    expect(JSON.stringify(body)).not.toMatch(/mso|font-family|仿宋/);
    // Chromium reports the pasted on* attributes to the CSP when the HTML is parsed (even in an inert
    // document): those reports say the handlers were blocked. Anything else would be a real error.
    const blocked = /Executing inline event handler violates the following Content Security Policy/;
    expect(scene.app.pageErrors.filter((e) => !blocked.test(e))).toEqual([]);
  });

  it('多篇文章：添加、上移、删除；编者按只有段落', async () => {
    const { page, services } = (await scene.newIssue()).app;
    const id = (await page.getByTestId('issue-screen').getAttribute('data-issue-id'))!;
    await page.locator('.article-title').first().fill('第一篇');
    await bodyEditor(page, 0).click();
    await page.keyboard.type('第一篇的正文。');
    await page.getByRole('button', { name: '＋ 在此后添加文章' }).click();
    await page.locator('.article-title').nth(1).fill('第二篇');
    await bodyEditor(page, 1).click();
    await page.keyboard.type('第二篇的正文。');
    await page.locator('[data-article="1"]').getByRole('button', { name: '上移' }).click();
    await poll(() => page.locator('.article-title').first().inputValue()).toBe('第二篇');
    expect(await bodyEditor(page, 0).textContent()).toBe('第二篇的正文。');
    await waitSaved(page);
    expect(services.library.read(id).document.issue.articles.map((a) => a.title)).toEqual(['第二篇', '第一篇']);

    await page.locator('[data-article="0"]').getByRole('button', { name: '删除文章' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await poll(() => page.locator('.article-title').count()).toBe(1);
    expect(await bodyEditor(page, 0).textContent()).toBe('第一篇的正文。');
    await waitSaved(page);
    expect(services.library.read(id).document.issue.articles.map((a) => a.title)).toEqual(['第一篇']);

    // In the 编者按, a typed label stays text: the note has no headings.
    await page.locator('.note-card .ProseMirror').click();
    await page.keyboard.type('一、这不是标题');
    await poll(() => page.locator('.note-card .ProseMirror').textContent()).toBe('一、这不是标题');
    expect(await page.locator('.note-card .ProseMirror [data-level]').count()).toBe(0);
    await waitSaved(page);
    expect(services.library.read(id).document.issue.editorNote).toEqual([[{ text: '一、这不是标题' }]]);
    expect(scene.app.pageErrors).toEqual([]);
  });
});
