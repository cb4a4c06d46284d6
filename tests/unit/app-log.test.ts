import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * electron/app-log.ts in a process of its own (its handlers are process-wide): the main process's uncaught
 * errors and unhandled rejections end in <userData>/logs/bulletin.log, and the process goes on.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), '主进程 日志-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('startAppLog', () => {
  it('records uncaught errors and unhandled rejections of the main process in <userData>/logs', () => {
    const script = path.join(tmp, 'main.mts');
    writeFileSync(
      script,
      `import { startAppLog } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'electron/app-log.ts')).href)};
       const log = startAppLog(${JSON.stringify(tmp)});
       log.logger.info('启动');
       setTimeout(() => { throw new Error('主进程里未捕获的错误'); });
       void Promise.reject(new Error('没人处理的拒绝'));
       setTimeout(() => { process.stdout.write('still running'); }, 50);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('still running');
    const log = readFileSync(path.join(tmp, 'logs', 'bulletin.log'), 'utf8');
    expect(log).toMatch(/INFO  \[main\] 启动\n/);
    expect(log).toMatch(/ERROR \[main\] 主进程未捕获的错误\n    Error: 主进程里未捕获的错误\n\s+at /);
    expect(log).toMatch(/ERROR \[main\] 主进程未处理的 Promise 拒绝\n    Error: 没人处理的拒绝/);
  });
});
