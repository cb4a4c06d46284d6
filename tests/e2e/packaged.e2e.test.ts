/**
 * The renderer as the packaged app loads it: `file://…/index.html` (Electron's `loadFile`) from out/renderer and
 * from the renderer inside the real app.asar (built by electron-builder, extracted: tests/helpers/package-build.ts),
 * in Chromium with the file-scheme privileges Electron grants (harness.ts, 'file' scheme). Open, type, preview
 * (pdf.js's module worker created from a file: URL), export, sign-off; the page's <meta> CSP is the one enforced;
 * every asset the page loads comes from the renderer folder. Without Electron's privileges the window is blank,
 * which is why electron-builder.yml must not turn the GrantFileProtocolExtraPrivileges fuse off.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../services/dialogs.js';
import { addSigner, pdfsig } from '../helpers/signing.js';
import { ensurePackageBuilt } from '../helpers/package-build.js';
import { readPdf } from '../helpers/pdf-readback.js';
import { poll } from './poll.js';
import { hasChromium, OUT_DIR, SKIP_MESSAGE } from './harness.js';
import { bodyEditor, clockFrom, previewPageCount, SAMPLE, useApp, type Any } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

let extractedRenderer: string | undefined;
let packageSkip: string | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  const outcome = await ensurePackageBuilt();
  if (outcome.ok) extractedRenderer = join(outcome.built.extracted, 'out', 'renderer');
  else packageSkip = outcome.skip;
}, 600_000);

const SOURCES = [
  { name: 'out/renderer', dir: () => OUT_DIR },
  { name: 'app.asar（解包）', dir: () => extractedRenderer },
] as const;

describe.skipIf(!hasChromium)('按打包方式从 file:// 加载', () => {
  const scene = useApp();

  for (const source of SOURCES) {
    it(`${source.name}：打开、输入、预览、导出；CSP 生效；资源都来自渲染目录`, async (ctx) => {
      const rendererDir = source.dir();
      if (!rendererDir) ctx.skip(packageSkip ?? 'package not built');
      const dir = scene.library();
      const exportDir = join(dir, '导出 文件夹');
      mkdirSync(exportDir);
      const pdfPath = join(exportDir, '联络动态 2021年第8期.pdf');
      const dialogs = scriptedDialogs();
      dialogs.answer('savePdf', pdfPath);
      const app = await scene.launch({ libraryDir: dir, dialogs, scheme: 'file', rendererDir: rendererDir! });
      const { page } = app;
      const base = pathToFileURL(rendererDir!).href;
      expect(page.url()).toBe(`${base}/index.html`);

      // Open: import the sample; the live preview draws its pages.
      await page.getByTestId('import-input').setInputFiles(SAMPLE);
      await page.getByTestId('issue-screen').waitFor();
      expect(await previewPageCount(page)).toBe(5);
      await poll(() => page.locator('.preview-page[data-drawn="true"] canvas').count()).toBe(5);
      // 「PDF 校样」 draws the exported PDF through pdf.js's module worker, started from a file: URL.
      await page.getByRole('button', { name: 'PDF 校样' }).click();
      await poll(() => page.locator('.preview-page[data-drawn="true"] canvas[data-kind="pdf"]').count(), 30_000).toBe(5);
      const workers = page.workers().map((w) => w.url());
      expect(workers.some((u) => u.startsWith(`${base}/assets/pdf.worker`) && u.endsWith('.mjs')), workers.join(', ')).toBe(true);

      // Type: the text reaches the preview.
      const version = Number(await page.evaluate(() => (globalThis as Any).document.body.dataset.previewVersion));
      const editor = bodyEditor(page);
      await editor.locator(':scope > *').first().click();
      await page.keyboard.press('End');
      await page.keyboard.type('（文件协议）');
      await poll(() => page.evaluate(() => Number((globalThis as Any).document.body.dataset.previewVersion)), 30_000).toBeGreaterThan(version);

      // Export to a folder whose name has Chinese characters and a space.
      await page.keyboard.press('Control+e');
      await poll(() => existsSync(pdfPath), 30_000).toBe(true);
      const pages = await readPdf(new Uint8Array(readFileSync(pdfPath)));
      expect(pages).toHaveLength(5);
      expect(pages.map((p) => p.items.map((i) => i.str).join('')).join('')).toContain('文件协议');

      // Every asset came from the renderer folder over file: (scripts, styles, the worker), nothing else.
      const loaded = app.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
      const kinds = loaded.map((u) => u.slice(u.lastIndexOf('.')));
      expect(new Set(kinds)).toEqual(new Set(['.html', '.js', '.css', '.mjs']));
      for (const url of loaded) expect(url.startsWith(`${base}/`), url).toBe(true);
      const styled = await page.evaluate(() => (globalThis as Any).document.styleSheets.length);
      expect(styled).toBeGreaterThan(0);

      // The <meta> CSP is in force: an injected inline script does not run and is reported.
      const blocked = await page.evaluate(async () => {
        const g = globalThis as Any;
        const violation = new Promise<string>((resolve) => g.document.addEventListener('securitypolicyviolation', (e: Any) => resolve(e.violatedDirective), { once: true }));
        const script = g.document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        g.document.body.append(script);
        return { ran: g.__inlineRan === true, directive: await violation };
      });
      expect(blocked).toEqual({ ran: false, directive: 'script-src-elem' });
      expect(app.pageErrors.filter((e) => !e.includes('Executing inline script violates'))).toEqual([]);
    });
  }

  it('app.asar（解包）：送审、签发（PIN），正式版带数字签名', async (ctx) => {
    if (!extractedRenderer) ctx.skip(packageSkip ?? 'package not built');
    const dir = scene.library();
    const finalPath = join(dir, '正式 版.pdf');
    const dialogs = scriptedDialogs();
    dialogs.answer('savePdf', finalPath);
    const app = await scene.launch({
      libraryDir: dir,
      dialogs,
      now: clockFrom('2021-06-02T09:00:00+08:00'),
      scheme: 'file',
      rendererDir: extractedRenderer!,
    });
    const { page, services } = app;
    await addSigner(services.approval, '张主任', '246810');
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    await page.getByRole('tab', { name: '签发与印发' }).click();
    await page.getByRole('button', { name: '送审' }).click();
    await poll(() => page.getByTestId('issue-status').textContent()).toBe('送审');
    await page.getByRole('button', { name: '签发…' }).click();
    const form = page.getByTestId('signoff-form');
    await form.getByLabel('PIN 码').fill('246810');
    await form.getByRole('button', { name: '确认签发' }).click();
    await poll(() => page.getByTestId('issue-status').textContent(), 60_000).toBe('已签发');
    await page.getByRole('button', { name: '导出正式版' }).first().click();
    await poll(() => existsSync(finalPath), 30_000).toBe(true);
    const report = pdfsig(finalPath);
    expect(report).toContain('Signer Certificate Common Name: 张主任');
    expect(report).toContain('Signature is Valid');
    expect(app.pageErrors).toEqual([]);
  });

  it('没有 Electron 授予 file: 的权限时（浏览器默认）窗口是空白的：模块脚本被当作跨源请求拦截', async () => {
    const app = await scene.launch({ libraryDir: scene.library(), scheme: 'file', plainFileScheme: true });
    await app.page.waitForTimeout(500);
    expect(await app.page.evaluate(() => (globalThis as Any).document.getElementById('root').childElementCount)).toBe(0);
    expect(app.pageErrors.join('\n')).toMatch(/CORS|请求失败/);
  });
});
