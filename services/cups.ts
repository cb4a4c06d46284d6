import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import type { PrinterInfo } from './printing-types.js';

/**
 * The operating system's print spooler, behind one small interface. On Linux and macOS that is CUPS, driven
 * through its command line tools (`lpstat`, `lp`) with execFile — never a shell, so no user text is ever
 * interpreted. On Windows the maintained package pdf-to-printer (SumatraPDF) does the printing.
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
export function createSpooler(
  options: { platform?: NodeJS.Platform; exec?: Exec; windows?: () => Promise<WindowsPrintLib> } = {},
): Spooler {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return windowsSpooler(options.windows);
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

/** The part of pdf-to-printer (a maintained package that drives SumatraPDF) the Windows spooler uses. */
export interface WindowsPrintLib {
  getPrinters(): Promise<{ readonly name: string }[]>;
  getDefaultPrinter(): Promise<{ readonly name: string } | null>;
  print(
    file: string,
    options: { printer: string; copies: number; side: 'duplexlong' | 'simplex'; pages?: string; sumatraPdfPath?: string },
  ): Promise<void>;
}

/**
 * Windows: pdf-to-printer, loaded only there. It reports no job id, so one is made up from the printer and a
 * counter. In the packaged app SumatraPDF.exe is unpacked beside app.asar (electron-builder asarUnpack), and
 * its path is given explicitly.
 */
export function windowsSpooler(load: () => Promise<WindowsPrintLib> = loadPdfToPrinter): Spooler {
  let jobs = 0;
  const lib = async () => {
    try {
      return await load();
    } catch (e) {
      throw new PrintError('无法加载 Windows 打印组件（pdf-to-printer）', { cause: e });
    }
  };
  return {
    async printers() {
      const l = await lib();
      const [list, def] = await Promise.all([l.getPrinters(), l.getDefaultPrinter().catch(() => null)]);
      return list.map((p) => ({ name: p.name, displayName: p.name, isDefault: p.name === def?.name }));
    },
    async submit(job) {
      if (job.pageRange && !PAGE_RANGE.test(job.pageRange)) throw new PrintError(`页码范围格式不正确：${job.pageRange}`);
      const l = await lib();
      try {
        await l.print(job.file, {
          printer: job.printer,
          copies: job.copies,
          side: job.duplex ? 'duplexlong' : 'simplex',
          ...(job.pageRange ? { pages: job.pageRange } : {}),
          ...sumatraPath(),
        });
      } catch (e) {
        throw new PrintError(`打印失败（${job.printer}）：${(e as Error)?.message ?? String(e)}`, { cause: e });
      }
      return `${job.printer}-${++jobs}`;
    },
  };
}

async function loadPdfToPrinter(): Promise<WindowsPrintLib> {
  const mod = (await import('pdf-to-printer')) as unknown as WindowsPrintLib & { default?: WindowsPrintLib };
  return mod.default ?? mod;
}

/** SumatraPDF inside a packaged app lives in app.asar.unpacked; elsewhere pdf-to-printer finds its own. */
function sumatraPath(): { sumatraPdfPath?: string } {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (!resources) return {};
  return { sumatraPdfPath: `${resources}\\app.asar.unpacked\\node_modules\\pdf-to-printer\\dist\\SumatraPDF-3.4.6-32.exe` };
}
