import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { diskReason, errnoCode } from './disk-errors.js';
import { formatRecord, type LogSink } from './logger.js';
import { makeDirs } from './make-dir.js';

/** The file-system functions the log uses (node:fs by default; tests inject a full or read-only disk). */
export type LogFs = Pick<typeof nodeFs, 'appendFileSync' | 'mkdirSync' | 'statSync' | 'renameSync' | 'rmSync'>;

export interface LogFileOptions {
  /** The log folder (the app: `<userData>/logs`). Made when the first line is written. */
  readonly dir: string;
  /** The current file's name (default `bulletin.log`); older ones are `bulletin.1.log` … `bulletin.<keep>.log`. */
  readonly name?: string;
  /** Rotate when the current file would grow past this (default 1 MiB). */
  readonly maxBytes?: number;
  /** How many older files are kept (default 5): at most (keep + 1) × maxBytes of logs. */
  readonly keep?: number;
  readonly fs?: LogFs;
  /**
   * Told once, in Chinese, when the log cannot be written (disk full, folder read-only…), and once when it can
   * again. Default: a line on stderr. Must not throw.
   */
  readonly onTrouble?: (message: string) => void;
}

export interface LogFile {
  readonly dir: string;
  /** The current file's path. */
  readonly path: string;
  /** The sink for createLogger: appends one record, rotating first when the file is full. Never throws. */
  readonly sink: LogSink;
  /** How many records could not be written so far. */
  dropped(): number;
  /** The last write failure, in Chinese, while the log is failing; undefined when writing works. */
  trouble(): string | undefined;
}

export const DEFAULT_LOG_NAME = 'bulletin.log';
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;

/**
 * A rotating log file. Each record is appended with one write (appendFileSync: the line is on disk before a
 * crash that follows it, and several threads appending to the same file interleave whole lines). Before a write
 * that would pass `maxBytes`, `bulletin.log` becomes `bulletin.1.log`, `.1` becomes `.2`, … and the oldest is
 * removed. Every failure — the folder cannot be made, the disk is full, the folder is read-only — is caught: the
 * record is dropped and counted, `onTrouble` hears about it once, and the next record tries again.
 */
export function createLogFile(options: LogFileOptions): LogFile {
  const fs = options.fs ?? nodeFs;
  const name = options.name ?? DEFAULT_LOG_NAME;
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = Math.max(0, options.keep ?? DEFAULT_LOG_KEEP);
  const path = join(options.dir, name);
  const stem = name.replace(/\.log$/, '');
  const older = (n: number) => join(options.dir, `${stem}.${n}.log`);
  const tell = options.onTrouble ?? stderrLine;
  let dropped = 0;
  let trouble: string | undefined;

  const rotate = () => {
    fs.rmSync(older(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      try {
        fs.renameSync(older(n), older(n + 1));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    if (keep === 0) fs.rmSync(path, { force: true });
    else fs.renameSync(path, older(1));
  };

  const sink: LogSink = (record) => {
    const text = formatRecord(record);
    try {
      const write = () => {
        const size = currentSize(fs, path);
        if (size > 0 && size + Buffer.byteLength(text) > maxBytes) rotate();
        fs.appendFileSync(path, text, { encoding: 'utf8', mode: 0o644 });
      };
      try {
        write();
      } catch (e) {
        if (errnoCode(e) !== 'ENOENT') throw e;
        makeDirs(options.dir, fs);
        write();
      }
      if (trouble) {
        trouble = undefined;
        safely(() => tell(`日志文件恢复写入（其间有 ${dropped} 条记录未能写入）：${path}`));
      }
    } catch (e) {
      dropped++;
      const first = trouble === undefined;
      trouble = `无法写入日志文件（${reasonOf(e)}），日志暂停记录，程序照常工作：${path}`;
      if (first) safely(() => tell(trouble!));
    }
  };

  return { dir: options.dir, path, sink, dropped: () => dropped, trouble: () => trouble };
}

/** Why the log could not be written. */
function reasonOf(error: unknown): string {
  return diskReason(error) ?? errnoCode(error) ?? (error instanceof Error ? error.message : String(error));
}

function currentSize(fs: LogFs, path: string): number {
  try {
    return fs.statSync(path).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}

function stderrLine(message: string): void {
  process.stderr.write(`${message}\n`);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    /* stderr closed (a GUI app on Windows): nothing more to do */
  }
}
