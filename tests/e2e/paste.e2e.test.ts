/**
 * Pasting big and hostile content end to end (issue #5, item 6): a 1 MB paste keeps the page responsive, saves
 * and still exports; pasted HTML with scripts, event handlers, frames and javascript: links runs nothing and
 * leaves none of them in the editor, and control characters and lone surrogates never reach the saved issue.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Longer than this, the page is taken as hung (a loaded two-core machine stays well below it). */
const HANG_MS = 8000;
import { poll } from './poll.js';
import { hasChromium, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, openIssueId, SAMPLE, screenshot, waitSaved, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

/** The sample's article body: the lines between its title and the 供稿 line. */
function sampleBody(): string {
  const lines = readFileSync(SAMPLE, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('今年3月中旬'));
  const end = lines.findIndex((l) => l.includes('供稿'));
  return lines
    .slice(start, end)
    .filter((l) => l.trim())
    .join('\n');
}

/**
 * A hostile web page on the clipboard: a script, event handlers, javascript: URLs in a link, a frame, an object
 * and a form, an SVG script, a mutation-XSS trick, and control characters and lone surrogates in the text
 * ({LONE} and {LOW} become U+D800 and U+DFFF in the page: a lone surrogate cannot cross the test protocol).
 */
const HOSTILE_HTML = `<html><head><meta http-equiv="refresh" content="0;url=javascript:window.__pwned=9">
<base href="javascript:window.__pwned=16//"><style>body{display:none}</style></head><body>
<p>恶意网页的第一段\u0007文字{LONE}。</p>
<script>window.__pwned=1</script>
<p>图片<img src=x onerror="window.__pwned=2">之后</p>
<iframe src="javascript:parent.__pwned=4"></iframe>
<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>
<p><a href="javascript:window.__pwned=3">链接</a>文字</p>
<svg><script>window.__pwned=6</script><image href=x onerror="window.__pwned=7"/></svg>
<object data="javascript:window.__pwned=8"></object><embed src="javascript:window.__pwned=8">
<p onmouseover="window.__pwned=10" style="background:url(javascript:window.__pwned=11)">悬停\u001b段落{LOW}</p>
<details open ontoggle="window.__pwned=12"><summary>摘要</summary>细节</details>
<input autofocus onfocus="window.__pwned=13">
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=14"></style></mglyph></table></mtext></math>
<form action="javascript:window.__pwned=15"><button formaction="javascript:window.__pwned=15">提交</button></form>
<p>最后一段\u0000\u0008\u007f\u0085\u200b。</p>
</body></html>`;

/** Control characters (C0 but tab and line feed, DEL, C1) and lone surrogates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Dispatches a paste on article 0's body editor; resolves with how long the page spent in the dispatch. */
async function paste(page: import('playwright-core').Page, data: { text?: string; html?: string }): Promise<number> {
  return page.evaluate(({ text, html }) => {
    const g = globalThis as Any;
    const target = g.document.querySelector('[data-article="0"] .rich-body .ProseMirror');
    const transfer = new g.DataTransfer();
    const lone = (v: string) => v.replaceAll('{LONE}', String.fromCharCode(0xd800)).replaceAll('{LOW}', String.fromCharCode(0xdfff));
    if (html !== undefined) transfer.setData('text/html', lone(html));
    if (text !== undefined) transfer.setData('text/plain', lone(text));
    const t0 = g.performance.now();
    target.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    return g.performance.now() - t0;
  }, data);
}

describe.skipIf(!hasChromium)('粘贴', () => {
  const scene = useApp();

  it('粘贴约 1 MB 文本：页面仍能响应，可继续输入，能保存，也能导出', async () => {
    const { app, dir } = await scene.newIssue();
    const { page, services } = app;
    const id = await openIssueId(page);
    const body = sampleBody();
    const copies = Math.ceil((1024 * 1024) / Buffer.byteLength(body + '\n'));
    // Each copy ends with a marker, so the last one can be found in the editor and the file.
    const text = Array.from({ length: copies }, (_, i) => `${body}\n第${i + 1}份复本结束。`).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);

    const editor = bodyEditor(page);
    const count = page.getByTestId('preview-count');
    const latencies: number[] = [];
    /** Round trips into the page every 200 ms until `done` (at most 90 s): the page must keep answering. */
    const whileWorking = async (what: string, done: () => Promise<boolean>) => {
      const since = Date.now();
      for (;;) {
        const s0 = Date.now();
        await page.evaluate(() => 1 + 1);
        latencies.push(Date.now() - s0);
        if (await done()) return Date.now() - since;
        expect(Date.now() - since, `${what}：90 秒内未完成`).toBeLessThan(90_000);
        await page.waitForTimeout(200);
      }
    };
    const previewDone = async () => {
      const shown = /共 (\d+) 页/.exec((await count.textContent()) ?? '');
      return !!shown && Number(shown[1]) > 100 && (await page.getByTestId('preview').getAttribute('data-busy')) === 'false';
    };
    const saved = async () => (await page.getByTestId('save-state').getAttribute('data-state')) === 'saved';

    await editor.click();
    // The page's own main thread, measured in the page: the longest gap between animation frames and the longest
    // task (long-task observer) from the paste to the end of the preview (logged; speed targets live in the benchmarks).
    await page.evaluate(`(() => {
      const g = globalThis;
      g.__longest = { task: 0, frameGap: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) g.__longest.task = Math.max(g.__longest.task, e.duration);
      }).observe({ entryTypes: ['longtask'] });
      let last = performance.now();
      function frame() {
        const now = performance.now();
        g.__longest.frameGap = Math.max(g.__longest.frameGap, now - last);
        last = now;
        if (!g.__stopFrames) requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    })()`);
    const t0 = Date.now();
    const inDispatch = await paste(page, { text });
    // Responsive: a trivial round trip into the page answers within seconds of the paste.
    await page.evaluate(() => 1 + 1);
    const roundTrip = Date.now() - t0;
    // A hang detector, not a speed target (those belong in the benchmarks). Measured 2026-12-02: first round trip
    // 2.5 s, the longest during the 625-page preview 5.6 s alone (a regression since the live preview lost its
    // debounce, recorded on issue 13) — hence 8 s. Since the preview sends drawing data only for the pages near
    // the view (load ≈ 12, same run conditions): longest round trip 15.1 → 2.8 s, the page's longest task
    // 9.9 → 3.9 s (now the paste itself: ProseMirror building and laying out 1 MB of text), preview done 42 → 17 s.
    expect(roundTrip).toBeLessThan(HANG_MS);
    await poll(() => editor.locator(':scope > *').last().textContent()).toBe(`第${copies}份复本结束。`);
    // …and through the saving, typesetting and drawing of hundreds of pages that follow.
    const previewMs = await whileWorking('预览', previewDone);
    await whileWorking('保存', saved);
    const longest = (await page.evaluate(`(() => { globalThis.__stopFrames = true; return globalThis.__longest; })()`)) as {
      task: number;
      frameGap: number;
    };

    // One more character, typed at the end: it shows at once, and is saved and typeset too.
    await page.keyboard.press('Control+End');
    const t1 = Date.now();
    await page.keyboard.type('完');
    await poll(() => editor.locator(':scope > *').last().textContent(), 10_000).toBe(`第${copies}份复本结束。完`);
    const typedMs = Date.now() - t1;
    await page.waitForTimeout(300);
    await whileWorking('输入后预览', previewDone);
    await whileWorking('输入后保存', saved);
    console.log(
      `1 MB 粘贴：粘贴处理 ${Math.round(inDispatch)} 毫秒，首次往返 ${roundTrip} 毫秒；预览 ${await count.textContent()}，` +
        `${previewMs} 毫秒后完成；再输入一字 ${typedMs} 毫秒后显示；其间最长往返 ${Math.max(...latencies)} 毫秒；` +
        `粘贴至预览完成期间页面主线程最长任务 ${Math.round(longest.task)} 毫秒，最长帧间隔 ${Math.round(longest.frameGap)} 毫秒`,
    );
    expect(longest.frameGap).toBeLessThan(HANG_MS);
    expect(typedMs).toBeLessThan(HANG_MS);
    expect(Math.max(...latencies)).toBeLessThan(HANG_MS);

    const file = readFileSync(join(dir, 'issues', `${id}.json`), 'utf8');
    expect(file.length).toBeGreaterThan(300_000);
    expect(file).toContain(`第${copies}份复本结束。完`);
    expect(file).toContain('第1份复本结束。');
    await screenshot(page, 'paste-1mb');

    // Only the pages near the view are drawn (DRAWN_PAGES in PreviewPane.tsx), not hundreds of canvases.
    const canvases = page.locator('.preview-page canvas');
    expect(await canvases.count()).toBeLessThanOrEqual(24);
    // The page in view is drawn (the preview follows the caret, here at the end of the text).
    const inView = Number(/第 (\d+) 页/.exec((await count.textContent()) ?? '')?.[1]);
    await poll(() => page.locator(`.preview-page[data-page="${inView}"][data-drawn="true"] canvas`).count()).toBe(1);
    // Scrolled far down, the pages there are drawn and the far ones let go.
    await page.locator('.preview-scroll').evaluate((el: Any) => {
      const target = el.querySelector('.preview-page[data-page="400"]');
      el.scrollTop = target.offsetTop - el.offsetTop;
    });
    await poll(() => page.locator('.preview-page[data-page="400"][data-drawn="true"] canvas').count()).toBe(1);
    await poll(() => count.textContent()).toMatch(/第 400 页/);
    await poll(() => page.locator('.preview-page[data-page="1"] canvas').count()).toBe(0);
    expect(await canvases.count()).toBeLessThanOrEqual(24);
    await screenshot(page, 'paste-1mb-preview');

    // The issue still exports: many pages.
    const exported = await services.exporter.exportIssue(id, { final: false });
    const pdfPath = join(dir, '大段粘贴.pdf');
    writeFileSync(pdfPath, exported.bytes);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    console.log(`导出 ${pages} 页`);
    expect(pages).toBeGreaterThan(100);
    expect(exported.pages).toBe(pages);
    expect(app.pageErrors).toEqual([]);
  });
  it('粘贴恶意网页：脚本、事件处理器、框架和 javascript: 链接都不执行也不留下，控制字符和孤立代理项不进入保存的文件', async () => {
    const { app, dir } = await scene.newIssue();
    const { page, services } = app;
    const id = await openIssueId(page);
    const editor = bodyEditor(page);
    await editor.click();
    await paste(page, {
      html: HOSTILE_HTML,
      text: '恶意网页的第一段\u0007文字{LONE}。\n链接文字\n悬停\u001b段落{LOW}',
    });
    await poll(() => editor.textContent()).toContain('链接文字');
    // Give anything that could fire (onerror of a loading image, a frame's script, autofocus) the time to.
    await page.mouse.move(300, 500);
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => (globalThis as Any).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (globalThis as Any).parent.__pwned)).toBeUndefined();

    // Only text and structure in the editor; nothing of the page's markup in the live document either.
    const text = (await editor.textContent()) ?? '';
    expect(text).toContain('恶意网页的第一段文字。');
    expect(text).toContain('悬停段落');
    expect(text).toContain('最后一段。');
    expect(text).not.toMatch(CONTROL);
    expect(await editor.locator('img, iframe, script, object, embed, svg, a, form, input, button, style, details, math').count()).toBe(0);
    expect(await editor.locator('[style], [href], [src], [onerror], [onclick], [onmouseover], [ontoggle]').count()).toBe(0);
    expect(await page.locator('iframe, object, embed, img[src="x"], a[href^="javascript"], form[action^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as Any).document.querySelector('base'))).toBeNull();
    expect(await page.getByTestId('issue-screen').isVisible()).toBe(true);

    // The same characters typed into a one-line field (a title) are dropped there too.
    await page.locator('.article-title').first().evaluate((input: Any) => {
      const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
      set.call(input, `标题\u0007一${String.fromCharCode(0xd800)}二\u200b三\t四`);
      input.dispatchEvent(new (globalThis as Any).Event('input', { bubbles: true }));
    });
    await poll(() => page.locator('.article-title').first().inputValue()).toBe('标题一二三 四');
    await screenshot(page, 'paste-hostile');

    // Saved (the library refuses control characters: a save that failed would say 未保存), and clean.
    await waitSaved(page);
    const file = readFileSync(join(dir, 'issues', `${id}.json`), 'utf8');
    const saved = services.library.read(id).document;
    const all = JSON.stringify(saved);
    expect(all).toContain('恶意网页的第一段文字。');
    expect(saved.issue.articles[0]!.title).toBe('标题一二三 四');
    const strings: string[] = [];
    JSON.parse(file, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    for (const s of strings) expect(s, JSON.stringify(s)).not.toMatch(CONTROL);
    expect(file).not.toMatch(/\\u00[01][0-9a-f]|\\ud[89a-f]|javascript:|onerror|<script|__pwned/i);
    // Chromium reports the pasted on* attributes to the CSP as the HTML is parsed (in an inert document): those
    // reports say they were blocked. Anything else would be a real error.
    const blocked = /violates the following Content Security Policy/;
    expect(app.pageErrors.filter((e) => !blocked.test(e))).toEqual([]);
  });
});
