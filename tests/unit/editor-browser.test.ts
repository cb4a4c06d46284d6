/**
 * The editor in a real browser (Chromium through playwright-core), for what Node cannot check: HTML paste
 * cleaning with the browser's own parser, pasting through ProseMirror's clipboard handling, typing, keys,
 * CSS labels. The editor module is bundled with esbuild into a page; nothing else of the app is needed.
 * Skipped when no Chromium is installed (`apt-get install chromium`; CHROMIUM_PATH overrides the path); fails
 * instead under CI=true (tests/helpers/system-tools.ts).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/issue.js';
import { toolAvailable } from '../helpers/system-tools.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Word's clipboard HTML (Word 2016, Chinese document), trimmed to the parts that matter. */
const WORD_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {font-family:宋体; panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt; font-family:等线;}
span.bold1 {font-weight:bold;}
-->
</style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><b><span style='font-size:16.0pt;
font-family:黑体'>一、深化活动主题。</span></b><span style='font-size:16.0pt;font-family:仿宋_GB2312'>这次活动以<b>“人大代表为人民”</b>为主题,全市共<span
lang=EN-US>1200</span>余名代表参加。<span lang=EN-US><o:p></o:p></span></span></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='mso-fareast-font-family:等线'><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:仿宋_GB2312'>加强学习培训</span></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='font-family:Wingdings;mso-list:Ignore'>Ø<span
style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]><span class=bold1>重点</span>内容</p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>（二）<span lang=EN-US>&nbsp;</span>组织领导</span></p>
<!--EndFragment-->
</body>
</html>`;

/** HTML that would run code or fetch something if it reached a live document. */
const HOSTILE_HTML = `<p onclick="window.__pwned='onclick'">甲<img src="http://127.0.0.1:9/pixel.png" onerror="window.__pwned='img'"></p>
<script>window.__pwned='script'</script>
<style>@import url("http://127.0.0.1:9/evil.css"); p { background: url(http://127.0.0.1:9/bg.png) }</style>
<iframe src="javascript:parent.__pwned='iframe'"></iframe><object data="http://127.0.0.1:9/x.swf"></object>
<svg onload="window.__pwned='svg'"><text>矢量</text></svg>
<p><a href="javascript:window.__pwned='link'">乙</a><video src="http://127.0.0.1:9/v.mp4" autoplay></video></p>
<!--[if IE]><script>window.__pwned='cc'</script><![endif]--><details open ontoggle="window.__pwned='toggle'"><summary>丙</summary></details>`;

/**
 * Page-side helpers, as plain JavaScript run in the page (`t.…`): mount an editor, read its content, paste,
 * clean HTML in a detached document, read the drawn labels, run a command, move the caret.
 */
const HARNESS = `
window.t = (() => {
  const E = window.BulletinEditor;
  const t = { changes: [], view: null };
  t.mount = (content, kind = 'body') => {
    t.view?.destroy();
    t.changes = [];
    const state = kind === 'note' ? E.createEditorState({ kind, paragraphs: content }) : E.createEditorState({ kind, blocks: content });
    t.view = E.createEditorView(document.getElementById('mount'), { state, onChange: (c) => t.changes.push(c) });
    t.view.focus();
  };
  t.content = () => E.editorContent(t.view.state);
  t.paste = (html, text) => {
    const data = new DataTransfer();
    if (html !== null) data.setData('text/html', html);
    data.setData('text/plain', text);
    t.view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  };
  t.clean = (html) => E.cleanPastedHtml(html, document.implementation.createHTMLDocument(''));
  t.labels = () => [...document.querySelectorAll('.bulletin-heading')].map((h) => getComputedStyle(h, '::before').content);
  t.count = (selector) => document.querySelectorAll(selector).length;
  t.text = (selector) => document.querySelector(selector)?.textContent ?? null;
  t.attr = (selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null;
  t.run = (name, ...args) => {
    const command = args.length ? E[name](...args) : E[name];
    return command(t.view.state, t.view.dispatch);
  };
  t.caret = (pos) => {
    const { state } = t.view;
    const at = pos < 0 ? state.doc.content.size + pos : pos;
    t.view.dispatch(state.tr.setSelection(state.selection.constructor.create(state.doc, at)));
  };
  t.blockIndex = () => t.view.state.selection.$from.index(0);
  t.focus = () => t.view.focus();
  t.copyAll = () => {
    const { state } = t.view;
    t.view.dispatch(state.tr.setSelection(state.selection.constructor.create(state.doc, 1, state.doc.content.size - 1)));
    const data = new DataTransfer();
    t.view.dom.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return { html: data.getData('text/html'), text: data.getData('text/plain') };
  };
  t.hasFocus = () => t.view.hasFocus();
  return t;
})();
`;

const available = toolAvailable('chromium');

describe.skipIf(!available)('editor in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: "export * from './renderer/editor/editor.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'BulletinEditor',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body><div id="mount"></div></body></html>');
    await page.addStyleTag({ content: readFileSync(`${root}renderer/editor/editor.css`, 'utf8') });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.addScriptTag({ content: HARNESS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Calls a page-side helper `t.name(...args)` and returns its result. */
  const t = <T = unknown>(name: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([n, a]) => (globalThis as any).t[n as string](...(a as unknown[])), [name, args] as const) as Promise<T>;
  const content = () => t<Block[]>('content');
  const mount = (blocks: unknown[], kind: 'body' | 'note' = 'body') => t('mount', blocks, kind);

  it('cleanPastedHtml parses Word HTML in a detached document', async () => {
    const html = await t<string>('clean', WORD_HTML);
    expect(html).toBe(
      '<p><strong>一、深化活动主题。</strong>这次活动以<strong>“人大代表为人民”</strong>为主题,全市共1200余名代表参加。</p>' +
        '<p>1.\u00a0\u00a0\u00a0\u00a0 加强学习培训</p>' +
        '<p><strong>重点</strong>内容</p>' +
        '<p>（二）\u00a0组织领导</p>',
    );
  });

  it('pasting from Word gives headings, run-in text, bold and clean punctuation', async () => {
    await mount([]);
    await t('paste', WORD_HTML, '（纯文本）');
    expect(await content()).toEqual([
      {
        type: 'heading',
        level: 1,
        content: [{ text: '深化活动主题。', bold: true }],
        body: [{ text: '这次活动以' }, { text: '“人大代表为人民”', bold: true }, { text: '为主题，全市共1200余名代表参加。' }],
      },
      { type: 'heading', level: 3, content: [{ text: '加强学习培训' }] },
      { type: 'paragraph', content: [{ text: '重点', bold: true }, { text: '内容' }] },
      { type: 'heading', level: 2, content: [{ text: '组织领导' }] },
    ]);
    expect(await t('labels')).toEqual(['"一、"', '"1."', '"（一）"']);
  });

  it('hostile HTML neither runs nor loads anything, in the cleaner or through a paste', async () => {
    await mount([]);
    const cleaned = await t<string>('clean', HOSTILE_HTML);
    expect(cleaned).toBe('<p>甲</p><p>乙</p><p>丙</p>');
    await t('paste', HOSTILE_HTML, '');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(requests).toEqual([]);
    expect(await t('count', '#mount img, #mount script, #mount iframe, #mount svg, #mount style')).toBe(0);
    expect(await content()).toEqual([
      { type: 'paragraph', content: [{ text: '甲' }] },
      { type: 'paragraph', content: [{ text: '乙' }] },
      { type: 'paragraph', content: [{ text: '丙' }] },
    ]);
  });

  it('copy and paste inside the editor keeps the structure; plain text gets the numbers', async () => {
    const blocks = [
      { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动以' }, { text: '“人大代表为人民”', bold: true }, { text: '为主题。' }] },
      { type: 'paragraph', content: [{ text: '代表们积极参与。' }] },
      { type: 'heading', level: 2, content: [{ text: '组织领导' }], body: [] },
      { type: 'heading', level: 4, content: [{ text: '线上' }] },
    ];
    await mount(blocks);
    const copied = await t<{ html: string; text: string }>('copyAll');
    expect(copied.text).toBe('一、深化活动主题。这次活动以“人大代表为人民”为主题。\n代表们积极参与。\n（一）组织领导\n（1）线上');
    await mount([]);
    await t('paste', copied.html, copied.text);
    expect(await content()).toEqual(blocks);
  });

  it('pastes plain text line by line, and inline into a line', async () => {
    await mount([{ type: 'paragraph', content: [{ text: '前后' }] }]);
    await t('caret', 2); // between 前 and 后
    await t('paste', null, '一、中间, 文字');
    expect(await content()).toEqual([{ type: 'paragraph', content: [{ text: '前一、中间，文字后' }] }]);

    await mount([]);
    await t('paste', null, '一、总体情况\n　　全市共 12 位代表参加.\n（1）线上');
    expect(await content()).toEqual([
      { type: 'heading', level: 1, content: [{ text: '总体情况' }] },
      { type: 'paragraph', content: [{ text: '全市共12位代表参加。' }] },
      { type: 'heading', level: 4, content: [{ text: '线上' }] },
    ]);
  });

  it('typing a label makes a heading; Tab, Enter, Alt+Arrow, Ctrl+B and Ctrl+Z work', async () => {
    await mount([]);
    await page.keyboard.type('一、总体情况');
    expect(await content()).toEqual([{ type: 'heading', level: 1, content: [{ text: '总体情况' }] }]);
    await page.keyboard.press('Tab');
    expect((await content())[0]).toMatchObject({ type: 'heading', level: 2 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('正文');
    expect(await content()).toEqual([
      { type: 'heading', level: 1, content: [{ text: '总体情况' }] },
      { type: 'paragraph', content: [{ text: '正文' }] },
    ]);
    await page.keyboard.press('Tab'); // a paragraph: no level change, and Tab moves the focus on as usual
    expect((await content())[1]).toEqual({ type: 'paragraph', content: [{ text: '正文' }] });
    expect(await t('hasFocus')).toBe(false);
    await t('focus');
    await page.keyboard.press('Alt+ArrowUp');
    expect((await content()).map((b) => b.type)).toEqual(['paragraph', 'heading']);
    await page.keyboard.press('Shift+Home');
    await page.waitForTimeout(600); // a new undo step (edits within 500 ms form one)
    await page.keyboard.press('Control+b');
    expect((await content())[0]).toEqual({ type: 'paragraph', content: [{ text: '正文', bold: true }] });
    await page.keyboard.press('Control+z');
    expect((await content())[0]).toEqual({ type: 'paragraph', content: [{ text: '正文' }] });
    await page.keyboard.press('Control+y');
    expect((await content())[0]).toEqual({ type: 'paragraph', content: [{ text: '正文', bold: true }] });
  });

  it('run-in marker: Shift+Enter ends the heading sentence, typing goes after it; Backspace removes a marker the run-in rule does not need', async () => {
    await mount([{ type: 'heading', level: 1, content: [{ text: '深化活动主题。' }] }]);
    await t('caret', -1); // end of the heading
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.insertText('这次活动');
    expect(await content()).toEqual([
      { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动' }] },
    ]);
    expect(await t('count', '.bulletin-heading-end')).toBe(1);
    expect(await t('text', '.bulletin-run-in-body')).toBe('这次活动');
    expect(await t('attr', '.bulletin-heading', 'data-run-in')).toBe('true');
    await t('caret', 1 + '深化活动主题。'.length + 1); // right after the marker
    await page.keyboard.press('Backspace');
    // Text after the phrase's 。 is run in by the one rule (core/model/run-in.ts): the marker comes back.
    expect(await content()).toEqual([
      { type: 'heading', level: 1, content: [{ text: '深化活动主题。' }], body: [{ text: '这次活动' }] },
    ]);
    // A marker placed by hand where no sentence ends (after a ：) goes with Backspace.
    await mount([{ type: 'heading', level: 1, content: [{ text: '工作要求：' }], body: [{ text: '一是抓落实' }] }]);
    await t('caret', 1 + '工作要求：'.length + 1);
    await page.keyboard.press('Backspace');
    expect(await content()).toEqual([{ type: 'heading', level: 1, content: [{ text: '工作要求：一是抓落实' }] }]);

    // The toolbar's toggle with no paragraph after: an empty body, caret after the marker.
    await mount([{ type: 'heading', level: 2, content: [{ text: '组织领导。' }] }]);
    expect(await t('run', 'toggleRunIn')).toBe(true);
    await page.keyboard.insertText('成立专班');
    expect(await content()).toEqual([
      { type: 'heading', level: 2, content: [{ text: '组织领导。' }], body: [{ text: '成立专班' }] },
    ]);
  });

  it('a label committed by an input method makes a heading too', async () => {
    await mount([]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'yi', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '一、' });
    await page.waitForTimeout(50);
    await page.keyboard.insertText('组织');
    expect(await content()).toEqual([{ type: 'heading', level: 1, content: [{ text: '组织' }] }]);
    await cdp.detach();
  });

  it('the note editor keeps labels as text and reports paragraphs', async () => {
    await mount([[{ text: '编者按' }]], 'note');
    await t('caret', -1);
    await t('paste', null, '一、甲');
    const changes = await page.evaluate(() => (globalThis as any).t.changes as unknown[]);
    expect(changes.at(-1)).toEqual([[{ text: '编者按一、甲' }]]);
  });

  it('scrollToBlock and find highlight work on the real view', async () => {
    await mount(Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph', content: [{ text: `第${i + 1}段活动` }] })));
    expect(await page.evaluate(() => (globalThis as any).BulletinEditor.scrollToBlock((globalThis as any).t.view, 45))).toBe(true);
    expect(await t('blockIndex')).toBe(45);
    expect(await t('run', 'setFindQuery', '活动')).toBe(true);
    expect(await t('run', 'findNext')).toBe(true);
    expect([await t('count', '.bulletin-find-match'), await t('count', '.bulletin-find-current')]).toEqual([60, 1]);
  });
});
