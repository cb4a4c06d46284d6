/**
 * Fail safe, end to end, loaded from file:// as the packaged app is: a part broken on purpose — pdf.js's worker
 * file missing from the renderer folder, the export thread's file missing — and the preview area says so in
 * Chinese with what to do and a button that opens the log folder, editing and saving go on, and the technical
 * details are in the log file (services/log-file.ts, as the app writes it). An uncaught error in the page ends
 * in the log too.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportWorker } from '../../services/export-worker.js';
import { createLogFile } from '../../services/log-file.js';
import { createLogger } from '../../services/logger.js';
import { poll } from './poll.js';
import { ensureRendererBuilt, hasChromium, OUT_DIR, SKIP_MESSAGE, type LaunchOptions } from './harness.js';
import { bodyEditor, openIssueId, SAMPLE, useApp, waitSaved, type AppScene } from './scenario.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), '失效 保护-e2e-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Launches over file:// with a real log file in a fresh folder and a recorder for 打开日志文件夹. */
async function launchLogged(scene: AppScene, options: Partial<LaunchOptions> & { logName: string }) {
  const logs = join(scratch, options.logName, 'logs');
  const file = createLogFile({ dir: logs });
  const logger = createLogger({ sink: file.sink, scope: 'main' });
  const opened: string[] = [];
  const app = await scene.launch({
    libraryDir: scene.library(),
    scheme: 'file',
    ...options,
    services: {
      logger,
      logDir: logs,
      openFolder: async (dir) => {
        opened.push(dir);
        return '';
      },
      ...options.services,
    },
  });
  return { app, opened, logText: () => (existsSync(file.path) ? readFileSync(file.path, 'utf8') : ''), logs };
}

describe.skipIf(!hasChromium)('出错时不空白、不丢稿', () => {
  const scene = useApp();

  it('预览组件（pdf.js 线程文件缺失）：预览区说明原因和办法，可打开日志文件夹；编辑、保存照常；日志有详情', async () => {
    await ensureRendererBuilt();
    const broken = join(scratch, '渲染 目录');
    cpSync(OUT_DIR, broken, { recursive: true });
    const workerFile = readdirSync(join(broken, 'assets')).find((f) => f.startsWith('pdf.worker'))!;
    rmSync(join(broken, 'assets', workerFile));
    const { app, opened, logText, logs } = await launchLogged(scene, { rendererDir: broken, logName: 'pdfjs' });
    const { page } = app;

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    // The live preview needs no pdf.js; 「PDF 校样」 does.
    await page.getByRole('button', { name: 'PDF 校样' }).click();
    const message = page.getByTestId('preview-error');
    await poll(() => message.textContent(), 30_000).toContain('预览组件（PDF 绘制）未能启动');
    expect(await message.textContent()).toContain('编辑、保存、导出和打印不受影响');
    await message.getByRole('button', { name: '打开日志文件夹' }).click();
    await poll(() => page.getByTestId('open-logs-note').textContent()).toBe(` 已打开：${logs}`);
    expect(opened).toEqual([logs]);

    // Editing and saving go on.
    await bodyEditor(page).locator(':scope > *').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('仍可编辑');
    await page.keyboard.press('Control+s');
    await waitSaved(page);
    const id = await openIssueId(page);
    expect(JSON.stringify(app.services.library.read(id).document)).toContain('仍可编辑');

    // The details are in the log: the failure as the page reported it, with the worker's URL.
    await poll(() => logText()).toContain('[main/renderer] 预览失败：预览组件（PDF 绘制）未能启动');
    expect(logText()).toContain(pathToFileURL(join(broken, 'assets', workerFile)).href);
  });

  it('排版线程（文件缺失）无法启动：预览区说明原因和办法；编辑、保存照常；日志有详情', async () => {
    const logName = 'thread';
    const missing = pathToFileURL(join(scratch, logName, 'out', 'main', 'export-worker-thread.cjs'));
    const logs = join(scratch, logName, 'logs');
    const threadLogger = createLogger({ sink: createLogFile({ dir: logs }).sink, scope: 'main' });
    const { app, logText } = await launchLogged(scene, {
      logName,
      services: { preview: createExportWorker({ threadUrl: missing, logger: threadLogger }) },
    });
    const { page } = app;

    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const message = page.getByTestId('preview-error');
    await poll(() => message.textContent(), 30_000).toContain('排版组件未能启动');
    expect(await message.textContent()).toContain('编辑和保存不受影响');
    expect(await message.textContent()).toContain('请重新安装本程序');

    await bodyEditor(page).locator(':scope > *').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('线程坏了也能存');
    await page.keyboard.press('Control+s');
    await waitSaved(page);
    const id = await openIssueId(page);
    expect(JSON.stringify(app.services.library.read(id).document)).toContain('线程坏了也能存');

    const log = logText();
    expect(log).toContain('ERROR [main/export-worker] 排版线程无法启动');
    expect(log).toContain('MODULE_NOT_FOUND');
    expect(log).toContain('[main/renderer] 预览失败：排版组件未能启动');
  });

  it('内置字体读不到（字体清单缺失）：预览区说明是字体的问题和办法；编辑、保存照常', async () => {
    const fontsDir = join(scratch, '字体 目录（空）');
    mkdirSync(fontsDir);
    const { app, logText } = await launchLogged(scene, { logName: 'fonts', services: { fonts: { fontsDir } } });
    const { page } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const message = page.getByTestId('preview-error');
    await poll(() => message.textContent(), 30_000).toContain(`无法读取内置字体清单 ${join(fontsDir, 'manifest.json')}`);
    expect(await message.textContent()).toContain('若是内置字体，请重新安装本程序');
    expect(await message.textContent()).toContain('编辑和保存不受影响');
    await bodyEditor(page).locator(':scope > *').first().click();
    await page.keyboard.type('字体坏了也能存');
    await page.keyboard.press('Control+s');
    await waitSaved(page);
    expect(JSON.stringify(app.services.library.read(await openIssueId(page)).document)).toContain('字体坏了也能存');
    expect(logText()).toContain('WARN  [main/export-worker] 排版请求失败');
    expect(logText()).toContain('无法读取内置字体清单');
  });

  it('排版线程每次预览都崩溃：预览区说明，线程自动重启；编辑、保存照常；日志有崩溃原因', async () => {
    const thread = join(scratch, 'crash-thread.cjs');
    writeFileSync(
      thread,
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (r) => {
         if (r.kind === 'preview') throw new Error('预览时线程崩溃（测试）');
         parentPort.postMessage({ id: r.id, ok: true, result: r.kind === 'check' ? [] : null });
       });`,
    );
    const logs = join(scratch, 'crash', 'logs');
    const threadLogger = createLogger({ sink: createLogFile({ dir: logs }).sink, scope: 'main' });
    const { app, logText } = await launchLogged(scene, {
      logName: 'crash',
      services: { preview: createExportWorker({ threadUrl: pathToFileURL(thread), logger: threadLogger }) },
    });
    const { page } = app;
    await page.getByTestId('import-input').setInputFiles(SAMPLE);
    await page.getByTestId('issue-screen').waitFor();
    const message = page.getByTestId('preview-error');
    await poll(() => message.textContent(), 30_000).toContain('预览排版线程意外退出：预览时线程崩溃（测试）');
    await bodyEditor(page).locator(':scope > *').first().click();
    await page.keyboard.type('崩溃后继续');
    await page.keyboard.press('Control+s');
    await waitSaved(page);
    expect(JSON.stringify(app.services.library.read(await openIssueId(page)).document)).toContain('崩溃后继续');
    // The typing asked for another preview: a new thread was started (and crashed again): logged each time.
    await poll(() => logText().split('排版线程意外退出').length - 1, 30_000).toBeGreaterThanOrEqual(2);
    expect(logText()).toContain('Error: 预览时线程崩溃（测试）');
  });

  it('页面里未捕获的错误写入日志', async () => {
    const { app, logText } = await launchLogged(scene, { logName: 'uncaught' });
    await app.page.getByRole('button', { name: '新建', exact: true }).waitFor();
    await app.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('故意抛出的错误');
      });
      void Promise.reject(new Error('故意拒绝的 Promise'));
    });
    await poll(() => logText()).toContain('页面未捕获的错误');
    await poll(() => logText()).toContain('故意拒绝的 Promise');
    expect(logText()).toContain('Error: 故意抛出的错误');
    app.pageErrors.length = 0;
  });
});
