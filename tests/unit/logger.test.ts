import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFile, type LogFs } from '../../services/log-file.js';
import { createLogger, describeError, formatRecord, memoryLogger } from '../../services/logger.js';
import { mountsAvailable, mountTmpfs, MOUNT_SKIP } from '../helpers/mounts.js';

/** The logger (services/logger.ts) and its rotating file (services/log-file.ts), on real and broken disks. */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), '日志 测试-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const at = new Date('2026-12-02T07:00:00.000Z');

describe('createLogger', () => {
  it('keeps levels at or above the minimum, with scope, fields and the error stack', () => {
    const records: unknown[] = [];
    const logger = createLogger({ sink: (r) => records.push(r), level: 'info', scope: 'main', now: () => at });
    logger.debug('不记录');
    logger.info('export', { ms: 412, pages: 4 });
    logger.child('worker').error('排版线程意外退出', new Error('boom'), { code: 1 });
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({ time: at, level: 'info', scope: 'main', message: 'export', fields: { ms: 412, pages: 4 } });
    const second = records[1] as { scope: string; error: string; fields: object };
    expect(second.scope).toBe('main/worker');
    expect(second.error).toMatch(/^Error: boom\n\s+at /);
    expect(second.fields).toEqual({ code: 1 });
  });

  it('never throws when the sink throws', () => {
    const logger = createLogger({
      sink: () => {
        throw new Error('sink broken');
      },
    });
    expect(() => logger.error('x', new Error('y'))).not.toThrow();
  });

  it('formats one record per line, escaping newlines in the message and indenting the stack', () => {
    const text = formatRecord({ time: at, level: 'warn', scope: 'renderer', message: '第一行\n第二行', fields: { id: 'a' }, error: 'E: x\n  at f' });
    expect(text).toBe('2026-12-02T07:00:00.000Z WARN  [renderer] 第一行\\n第二行 {"id":"a"}\n    E: x\n      at f\n');
  });

  it('describes errors with their code, strings as they are, other values as JSON', () => {
    const e = Object.assign(new Error('disk'), { code: 'ENOSPC' });
    expect(describeError(e)).toMatch(/Error: disk[\s\S]*\(code ENOSPC\)$/);
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ a: 1 })).toBe('{"a":1}');
  });

  it('memoryLogger records everything, debug included', () => {
    const logger = memoryLogger();
    logger.debug('d');
    expect(logger.records.map((r) => r.message)).toEqual(['d']);
  });
});

describe('createLogFile', () => {
  it('makes the folder and appends whole lines in UTF-8', () => {
    const logs = path.join(dir, '数据 目录', 'logs');
    const file = createLogFile({ dir: logs });
    const logger = createLogger({ sink: file.sink, scope: 'main', now: () => at });
    logger.info('启动', { version: '0.1.0' });
    logger.error('预览线程无法启动', new Error('找不到文件'));
    const text = fs.readFileSync(path.join(logs, 'bulletin.log'), 'utf8');
    expect(text.split('\n')[0]).toBe('2026-12-02T07:00:00.000Z INFO  [main] 启动 {"version":"0.1.0"}');
    expect(text).toContain('ERROR [main] 预览线程无法启动\n    Error: 找不到文件');
    expect(file.dropped()).toBe(0);
  });

  it('rotates past maxBytes, keeping `keep` older files and removing the oldest', () => {
    const file = createLogFile({ dir, maxBytes: 200, keep: 2 });
    const logger = createLogger({ sink: file.sink, now: () => at });
    for (let i = 0; i < 20; i++) logger.info(`第${i}条 ${'x'.repeat(60)}`);
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['bulletin.1.log', 'bulletin.2.log', 'bulletin.log']);
    for (const name of names) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(200);
    // The newest line is in the current file, the ones just before in .1, older in .2; the oldest are gone.
    expect(fs.readFileSync(path.join(dir, 'bulletin.log'), 'utf8')).toContain('第19条');
    expect(fs.readFileSync(path.join(dir, 'bulletin.1.log'), 'utf8')).toMatch(/第1[5-8]条/);
    const all = names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8')).join('');
    expect(all).not.toContain('第0条');
  });

  it('drops records on an injected full disk, says so once in Chinese, and recovers', () => {
    let full = true;
    const troubles: string[] = [];
    const faulty: LogFs = {
      ...fs,
      appendFileSync: ((...args: Parameters<typeof fs.appendFileSync>) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fs.appendFileSync(...args);
      }) as typeof fs.appendFileSync,
    };
    const file = createLogFile({ dir, fs: faulty, onTrouble: (m) => troubles.push(m) });
    const logger = createLogger({ sink: file.sink });
    expect(() => {
      logger.error('一');
      logger.error('二');
    }).not.toThrow();
    expect(file.dropped()).toBe(2);
    expect(file.trouble()).toMatch(/^无法写入日志文件（磁盘空间不足），日志暂停记录，程序照常工作：/);
    expect(troubles).toHaveLength(1);
    full = false;
    logger.info('三');
    expect(file.trouble()).toBeUndefined();
    expect(troubles[1]).toMatch(/日志文件恢复写入（其间有 2 条记录未能写入）/);
    expect(fs.readFileSync(file.path, 'utf8')).toContain('三');
  });

  it('on a real full disk (tmpfs) keeps going without throwing', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({ sizeKb: 16, name: '满的 磁盘' });
    try {
      const troubles: string[] = [];
      const file = createLogFile({ dir: path.join(disk.dir, 'logs'), maxBytes: 1024 * 1024, onTrouble: (m) => troubles.push(m) });
      const logger = createLogger({ sink: file.sink });
      for (let i = 0; i < 400; i++) logger.info(`第${i}条 ${'记'.repeat(40)}`);
      expect(file.dropped()).toBeGreaterThan(0);
      expect(troubles[0]).toContain('磁盘空间不足');
      expect(fs.readFileSync(file.path, 'utf8')).toContain('第0条');
    } finally {
      disk.release();
    }
  });

  it('on a real read-only disk (tmpfs, ro) drops records and never throws', (ctx) => {
    if (!mountsAvailable()) ctx.skip(MOUNT_SKIP);
    const disk = mountTmpfs({ sizeKb: 64, readOnly: true, name: '只读' });
    try {
      const troubles: string[] = [];
      const file = createLogFile({ dir: path.join(disk.dir, 'logs'), onTrouble: (m) => troubles.push(m) });
      createLogger({ sink: file.sink }).error('x', new Error('y'));
      expect(file.dropped()).toBe(1);
      expect(troubles).toEqual([expect.stringContaining('无法写入日志文件（磁盘是只读的）')]);
    } finally {
      disk.release();
    }
  });
});
