import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import type { PrinterInfo } from '../ipc/contract.js';

/**
 * The operating system's print spooler, behind one small interface. On Linux and macOS that is CUPS, driven
 * through its command line tools (`lpstat`, `lp`) with execFile — never a shell, so no user text is ever
 * interpreted. On Windows a maintained package (pdf-to-printer) is the intended path; it is not a dependency
 * yet, so the Windows spooler throws a clear Chinese error (TODO below).
 */

export interface SpoolJob {
  readonly printer: string;
  readonly file: string;
  readonly copies: number;
  /** Two-sided, long edge (sides=two-sided-long-edge). */
  readonly duplex: boolean;
  /** e.g. "1-3,5"; empty for all pages. Must match {@link PAGE_RANGE}. */
  readonly pageRange: string;
  /** The job's name (shown in the queue; cups-pdf uses it for the output file name). */
  readonly title: string;
}

export interface Spooler {
  printers(): Promise<PrinterInfo[]>;
  /** Submits a job; returns the spooler's job id (e.g. "PDF-12"). */
  submit(job: SpoolJob): Promise<string>;
}

/** A page range as lp takes it: 1-3,5,7-9. */
export const PAGE_RANGE = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** Runs a program without a shell. */
export type Exec = (file: string, args: readonly string[]) => Promise<{ stdout: string; stderr: string }>;

/** An error of the spooler whose message is one Chinese sentence. */
export class PrintError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrintError';
  }
}

/** execFile with the C locale (so messages parse the same everywhere) and a time limit. */
export const execFileC: Exec = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, timeout: 60_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stdout, stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });

/** The spooler of this platform. */
export function createSpooler(options: { platform?: NodeJS.Platform; exec?: Exec } = {}): Spooler {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return windowsSpooler();
  return cupsSpooler(options.exec ?? execFileC);
}

/** CUPS through lpstat and lp (Linux, macOS). */
export function cupsSpooler(exec: Exec = execFileC): Spooler {
  return {
    async printers() {
      const names = await run(exec, 'lpstat', ['-e']);
      const list = names.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
      // lpstat -e prints nothing, successfully, both when there is no printer and when CUPS is not running.
      if (!list.length) await ensureScheduler(exec);
      let defaultName = '';
      try {
        // "system default destination: PDF", or "no system default destination".
        const d = await run(exec, 'lpstat', ['-d']);
        defaultName = /destination:\s*(\S+)/.exec(d.stdout)?.[1] ?? '';
      } catch {
        // no default: fine
      }
      const descriptions = new Map<string, string>();
      if (list.length) {
        try {
          const l = await run(exec, 'lpstat', ['-l', '-p']);
          let current = '';
          for (const line of l.stdout.split('\n')) {
            const p = /^printer (\S+)/.exec(line);
            if (p) current = p[1]!;
            const desc = /^\s+Description:\s*(.*)$/.exec(line);
            if (desc && current && desc[1]!.trim()) descriptions.set(current, desc[1]!.trim());
          }
        } catch {
          // descriptions are a nicety
        }
      }
      return list.map((name) => ({ name, displayName: descriptions.get(name) ?? name, isDefault: name === defaultName }));
    },

    async submit(job) {
      const args = lpArguments(job);
      try {
        const { stdout } = await run(exec, 'lp', args);
        return parseJobId(stdout);
      } catch (e) {
        // An unreachable scheduler makes lp say the printer does not exist: tell the real cause.
        await ensureScheduler(exec);
        throw e;
      }
    },
  };
}

/** The arguments of `lp` for a job (validated). */
export function lpArguments(job: SpoolJob): string[] {
  if (!Number.isInteger(job.copies) || job.copies < 1 || job.copies > 9999) throw new PrintError(`份数应为 1 到 9999 之间的整数：${job.copies}`);
  if (job.pageRange && !PAGE_RANGE.test(job.pageRange)) throw new PrintError(`页码范围格式不正确：${job.pageRange}（例如 1-3,5）`);
  if (!job.printer || job.printer.startsWith('-')) throw new PrintError(`打印机名称无效：${job.printer}`);
  const args = ['-d', job.printer, '-n', String(job.copies)];
  if (job.duplex) args.push('-o', 'sides=two-sided-long-edge');
  if (job.pageRange) args.push('-P', job.pageRange);
  // A title cannot start an option; control characters are dropped.
  const title = job.title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || '简报';
  // The file is always an absolute path the service made (so it can never read as an option); no "--", which
  // older lp versions (macOS) do not take.
  if (!isAbsolute(job.file)) throw new PrintError(`打印文件路径应为绝对路径：${job.file}`);
  args.push('-t', title, job.file);
  return args;
}

/** The job id from lp's answer: "request id is PDF-12 (1 file(s))" → "PDF-12". */
export function parseJobId(stdout: string): string {
  const m = /request id is (\S+)/.exec(stdout);
  if (!m) throw new PrintError(`打印任务已提交，但无法识别任务编号：${stdout.trim() || '（无输出）'}`);
  return m[1]!;
}

/** The numeric part of a CUPS job id: "PDF-12" → 12. */
export function jobNumber(jobId: string): number {
  const m = /-(\d+)$/.exec(jobId);
  if (!m) throw new PrintError(`无法识别任务编号：${jobId}`);
  return Number(m[1]);
}

/** Throws 'CUPS 打印服务没有运行' unless `lpstat -r` says the scheduler is running. */
async function ensureScheduler(exec: Exec): Promise<void> {
  const r = await run(exec, 'lpstat', ['-r']);
  if (!/scheduler is running/.test(r.stdout)) throw new PrintError('CUPS 打印服务没有运行：请启动打印服务（cupsd）后再试');
}

async function run(exec: Exec, file: string, args: readonly string[]) {
  try {
    return await exec(file, args);
  } catch (e) {
    throw cupsError(e, file);
  }
}

/** A failed lpstat or lp as one Chinese sentence. */
export function cupsError(e: unknown, file: string): PrintError {
  const err = e as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
  if (err?.code === 'ENOENT') {
    return new PrintError(`找不到 CUPS 打印系统（没有 ${file} 命令）：请安装 CUPS（Debian/Ubuntu：apt-get install cups cups-client）`, { cause: e });
  }
  const text = `${err?.stderr ?? ''}\n${err?.stdout ?? ''}`.trim();
  if (/Unable to connect|scheduler is not running|Connection refused|No such file or directory/i.test(text)) {
    return new PrintError('CUPS 打印服务没有运行：请启动打印服务（cupsd）后再试', { cause: e });
  }
  if (/does not exist|Unknown destination|not found/i.test(text)) {
    return new PrintError(`打印机不存在：${text.split('\n')[0]}`, { cause: e });
  }
  if (/not accepting jobs/i.test(text)) return new PrintError('打印机暂停接收任务，请在系统打印设置中启用后再试', { cause: e });
  return new PrintError(`打印系统出错（${file}）：${text.split('\n')[0] || err?.message || String(e)}`, { cause: e });
}

/**
 * Windows. TODO: print through pdf-to-printer (a maintained npm package that drives SumatraPDF):
 * `getPrinters()` → PrinterInfo[], `print(file, { printer, copies, side: 'duplexlong', pages })` → no job id
 * (use a generated one). It is not installed yet and must not be added without agreement, so for now both
 * calls throw a clear error; the app's window can still print through Electron's webContents.print.
 */
export function windowsSpooler(): Spooler {
  const refuse = (): never => {
    throw new PrintError('Windows 上暂不支持从本程序直接打印（需要安装 pdf-to-printer 组件）：请先导出正式版 PDF，再用 PDF 阅读器打印');
  };
  return { printers: async () => refuse(), submit: async () => refuse() };
}
