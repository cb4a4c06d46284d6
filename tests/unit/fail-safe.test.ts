import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInput } from '../../core/io/read-input.js';
import type { BulletinDocument } from '../../core/model/document.js';
import { createHandlers, dispatch } from '../../electron/handlers.js';
import { createServices } from '../../services/container.js';
import { scriptedDialogs } from '../../services/dialogs.js';
import { createExportWorker } from '../../services/export-worker.js';
import { memoryLogger } from '../../services/logger.js';
import { logDir } from '../../services/paths.js';
import { SAMPLE_FILE } from '../helpers/sample.js';

/**
 * Fail safe: each part broken on purpose — the export thread's file missing, the thread crashing, the bundled
 * fonts unreadable, a user font damaged — gives a Chinese message saying what to do, leaves the library working,
 * and writes the technical details to the log. The log folder opens through the services (帮助 › 打开日志文件夹).
 */

const doc = readInput(readFileSync(SAMPLE_FILE), { name: 'sample.txt' }).document;

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), '失效 保护-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('the export thread cannot start', () => {
  it('a missing thread file: every request is refused in Chinese with what to do, and the cause is logged', async () => {
    const logger = memoryLogger();
    const missing = pathToFileURL(path.join(tmp, 'out', 'main', 'export-worker-thread.cjs'));
    const worker = createExportWorker({ threadUrl: missing, logger });
    try {
      const first = worker.render(doc, { draft: false });
      await expect(first).rejects.toThrow(/^排版组件未能启动（Cannot find module .*export-worker-thread\.cjs.*），无法预览、导出和打印；编辑和保存不受影响。请重新安装本程序/);
      // The next request tries again (and fails the same way): no hang, no loop.
      await expect(worker.check(doc)).rejects.toThrow(/排版组件未能启动/);
      const errors = logger.records.filter((r) => r.level === 'error');
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors[0]).toMatchObject({ scope: 'export-worker', message: '排版线程无法启动' });
      expect(errors[0]!.error).toContain('MODULE_NOT_FOUND');
      expect(errors[0]!.fields?.thread).toBe(missing.href);
    } finally {
      await worker.close();
    }
  });

  it('the library keeps working (save, read) while the thread cannot start', async () => {
    const logger = memoryLogger();
    const services = createServices({
      libraryDir: path.join(tmp, '期刊 库'),
      dialogs: scriptedDialogs(),
      logger,
      preview: createExportWorker({ threadUrl: pathToFileURL(path.join(tmp, 'gone.cjs')), logger }),
    });
    const handlers = createHandlers(services);
    try {
      const preview = await dispatch(handlers, 'preview:render', { document: strip(doc), draft: false });
      expect(preview.ok).toBe(false);
      expect(!preview.ok && preview.error).toMatch(/^排版组件未能启动/);
      const created = await dispatch(handlers, 'library:create', {});
      expect(created.ok).toBe(true);
      const { id } = (created as { value: { id: string } }).value;
      const opened = await dispatch(handlers, 'library:read', { id });
      const { revision } = (opened as { value: { revision: string } }).value;
      const saved = await dispatch(handlers, 'library:save', { id, document: strip(doc), revision });
      expect(saved).toMatchObject({ ok: true, value: { status: 'saved' } });
      const read = await dispatch(handlers, 'library:read', { id });
      expect(read.ok && (read.value as { document: BulletinDocument }).document.issue.number).toBe(doc.issue.number);
    } finally {
      await services.close();
    }
  });
});

describe('the export thread crashes', () => {
  it('a thread that dies mid-request: a Chinese message, logged, and the next request gets a new thread', async () => {
    const thread = path.join(tmp, 'crashing-thread.cjs');
    writeFileSync(
      thread,
      `const { parentPort, threadId } = require('node:worker_threads');
       parentPort.on('message', (r) => {
         if (r.payload.document.issue.number === 13) throw new Error('线程里的未捕获错误');
         parentPort.postMessage({ id: r.id, ok: true, result: { pdf: new Uint8Array([37]), pages: threadId, ms: 1, missing: [] } });
       });`,
    );
    const logger = memoryLogger();
    const worker = createExportWorker({ threadUrl: pathToFileURL(thread), logger });
    try {
      const before = await worker.render(doc, { draft: false });
      await expect(worker.render({ ...doc, issue: { ...doc.issue, number: 13 } }, { draft: false })).rejects.toThrow(
        /^预览排版线程意外退出：线程里的未捕获错误/,
      );
      const crash = logger.records.find((r) => r.message === '排版线程意外退出');
      expect(crash?.error).toMatch(/Error: 线程里的未捕获错误\n\s+at /);
      const after = await worker.render(doc, { draft: false });
      expect(after.pages).not.toBe(before.pages);
    } finally {
      await worker.close();
    }
  });
});

describe('fonts cannot be read', () => {
  it('the bundled fonts unreadable (no manifest): the preview is refused in Chinese naming the file, and logged', async () => {
    const logger = memoryLogger();
    const fontsDir = path.join(tmp, '字体 目录');
    mkdirSync(fontsDir);
    const worker = createExportWorker({ fonts: { fontsDir }, logger });
    try {
      await expect(worker.render(doc, { draft: false })).rejects.toThrow(`无法读取内置字体清单 ${path.join(fontsDir, 'manifest.json')}`);
      expect(logger.records.find((r) => r.message === '排版请求失败')?.fields?.error).toContain('无法读取内置字体清单');
      // The thread itself is fine: a request that needs no font is answered.
      await expect(worker.checkFont(path.join(fontsDir, 'none.ttf'))).rejects.toThrow(/字体/);
    } finally {
      await worker.close();
    }
  });

  it('a damaged user font: the preview says which file and why', async () => {
    const logger = memoryLogger();
    const bad = path.join(tmp, '仿宋 GB2312.ttf');
    writeFileSync(bad, Buffer.from('not a font at all, just text'));
    const worker = createExportWorker({ logger });
    const withFont: BulletinDocument = {
      ...doc,
      publication: { ...doc.publication, fonts: { ...doc.publication.fonts, body: { kind: 'file', path: bad } } },
    };
    try {
      await expect(worker.render(withFont, { draft: false })).rejects.toThrow(bad);
      expect(logger.records.some((r) => r.level === 'warn' && String(r.fields?.error).includes(bad))).toBe(true);
    } finally {
      await worker.close();
    }
  });
});

describe('the log folder', () => {
  it('is <userData>/logs', () => {
    expect(logDir({ platform: 'linux', env: {}, home: '/home/编辑' })).toBe('/home/编辑/.config/简报编辑台/logs');
    expect(logDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\编辑 甲\\AppData\\Roaming' }, home: 'C:\\Users\\编辑 甲' })).toBe(
      'C:\\Users\\编辑 甲\\AppData\\Roaming\\简报编辑台\\logs',
    );
  });

  it('app:openLogFolder makes the folder and opens it; a failure to open is a Chinese error', async () => {
    const dir = path.join(tmp, '用户 数据', 'logs');
    const opened: string[] = [];
    let answer = '';
    const services = createServices({
      libraryDir: path.join(tmp, 'library'),
      dialogs: scriptedDialogs(),
      logDir: dir,
      openFolder: async (d) => {
        opened.push(d);
        return answer;
      },
    });
    const handlers = createHandlers(services);
    try {
      expect(await dispatch(handlers, 'app:openLogFolder', {})).toEqual({ ok: true, value: { path: dir } });
      expect(opened).toEqual([dir]);
      answer = 'Failed to open path';
      expect(await dispatch(handlers, 'app:openLogFolder', {})).toEqual({ ok: false, error: `无法打开日志文件夹（Failed to open path）：${dir}` });
    } finally {
      await services.close();
    }
    const none = createServices({ libraryDir: path.join(tmp, 'library'), dialogs: scriptedDialogs() });
    expect(await dispatch(createHandlers(none), 'app:openLogFolder', {})).toEqual({ ok: false, error: '本程序没有设置日志文件夹' });
    await none.close();
  });

  it('app:log writes the renderer’s failures to the log, bounded in size', async () => {
    const logger = memoryLogger();
    const services = createServices({ libraryDir: path.join(tmp, 'library'), dialogs: scriptedDialogs(), logger });
    const handlers = createHandlers(services);
    try {
      expect(await dispatch(handlers, 'app:log', { level: 'error', message: '预览无法显示', detail: 'Error: x\n  at y' })).toEqual({ ok: true, value: { ok: true } });
      expect(logger.records.at(-1)).toMatchObject({ level: 'error', scope: 'renderer', message: '预览无法显示', error: 'Error: x\n  at y' });
      const tooLong = await dispatch(handlers, 'app:log', { level: 'warn', message: '长'.repeat(2001) });
      expect(tooLong.ok).toBe(false);
      expect(!tooLong.ok && tooLong.error).toContain('太长（2001 个字符，最多 2000 个）');
      expect((await dispatch(handlers, 'app:log', { level: 'fatal', message: 'x' })).ok).toBe(false);
    } finally {
      await services.close();
    }
  });
});

/** The document as it crosses IPC (without the file envelope). */
function strip(d: BulletinDocument): unknown {
  const { format: _f, version: _v, ...rest } = d as BulletinDocument & { format?: string; version?: number };
  return rest;
}
