/**
 * The programs from system packages that tests use to read our outputs back (poppler, mupdf, qpdf, LibreOffice,
 * openssl), to drive the renderer (Chromium) and to print (CUPS). scripts/setup-system.sh installs them all.
 *
 * A test that needs one asks {@link toolAvailable}: when the program is missing it fails under CI=true with a
 * message naming the Debian package (never a silent skip), and elsewhere warns with that message and lets the test
 * skip. {@link runTool} runs one, turning "not found" into the same message. The global setup
 * (system-tools-setup.ts) checks every tool once before a CI run.
 */
import { accessSync, constants } from 'node:fs';
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { delimiter, isAbsolute, join } from 'node:path';

/** A program some tests need, and the Debian package that provides it. */
export interface SystemTool {
  /** The program: a name looked up on PATH, or an absolute path. */
  readonly command: string;
  readonly debianPackage: string;
  /** What the tests use it for. */
  readonly purpose: string;
}

const POPPLER = 'poppler-utils';

/** Every system program the tests use. */
export const SYSTEM_TOOLS = {
  pdftotext: { command: 'pdftotext', debianPackage: POPPLER, purpose: '读回 PDF 的文字' },
  pdffonts: { command: 'pdffonts', debianPackage: POPPLER, purpose: '读回 PDF 嵌入的字体' },
  pdfinfo: { command: 'pdfinfo', debianPackage: POPPLER, purpose: '读回 PDF 的页数和信息' },
  pdfimages: { command: 'pdfimages', debianPackage: POPPLER, purpose: '读回 PDF 中图片的像素、分辨率和色彩' },
  pdfsig: { command: 'pdfsig', debianPackage: POPPLER, purpose: '读回 PDF 的数字签名' },
  pdftoppm: { command: 'pdftoppm', debianPackage: POPPLER, purpose: '把 PDF 页面渲染为像素（检查颜色和位置）' },
  pdftocairo: { command: 'pdftocairo', debianPackage: POPPLER, purpose: '用 cairo 重写 PDF（另一种 PDF 写法的测试输入）' },
  mutool: { command: 'mutool', debianPackage: 'mupdf-tools', purpose: '用第二个 PDF 阅读器检查' },
  qpdf: { command: 'qpdf', debianPackage: 'qpdf', purpose: '检查 PDF 结构' },
  openssl: { command: 'openssl', debianPackage: 'openssl', purpose: '独立验证签名和证书链' },
  chromium: {
    command: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    debianPackage: 'chromium',
    purpose: '在浏览器中运行界面（端到端测试）',
  },
  soffice: { command: 'soffice', debianPackage: 'libreoffice-writer-nogui', purpose: '读回 .docx' },
  lp: { command: 'lp', debianPackage: 'cups-client', purpose: '打印测试' },
  lpstat: { command: 'lpstat', debianPackage: 'cups-client', purpose: '打印测试' },
  lpadmin: { command: 'lpadmin', debianPackage: 'cups-client', purpose: '打印测试（添加 PDF 打印机）' },
  ipptool: { command: 'ipptool', debianPackage: 'cups-ipp-utils', purpose: '打印测试（读取打印任务属性）' },
  cupsd: { command: '/usr/sbin/cupsd', debianPackage: 'cups', purpose: '打印测试' },
  unzip: { command: 'unzip', debianPackage: 'unzip', purpose: '读回 OFD 包（校验 ZIP）' },
  fcQuery: { command: 'fc-query', debianPackage: 'fontconfig', purpose: '用 FreeType 读回子集字体' },
  mount: { command: 'mount', debianPackage: 'mount', purpose: '制造写满或只读的磁盘（tmpfs，需要 root）' },
  umount: { command: 'umount', debianPackage: 'mount', purpose: '卸下测试用的 tmpfs 磁盘' },
} as const satisfies Record<string, SystemTool>;

export type ToolName = keyof typeof SYSTEM_TOOLS;

/** Whether CI=true (or any CI value but "false" and "0"): then a missing tool fails instead of skipping. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return !!ci && ci !== 'false' && ci !== '0';
}

/** Where a program is: its absolute path when executable, else the first executable match on PATH. */
export function findProgram(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = isAbsolute(command) ? [command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The message naming what is missing and the packages to install. */
export function missingMessage(names: readonly ToolName[]): string {
  const tools = names.map((n) => SYSTEM_TOOLS[n]);
  const packages = [...new Set(tools.map((t) => t.debianPackage))];
  const what = tools.map((t) => `${t.command}（${t.purpose}）`).join('、');
  return `缺少测试所需的系统程序：${what}。请安装 Debian 软件包 ${packages.join(' ')}（scripts/setup-system.sh 安装全部）`;
}

/** The tools of `names` that are not installed. */
export function missingTools(names: readonly ToolName[]): ToolName[] {
  return names.filter((n) => !findProgram(SYSTEM_TOOLS[n].command));
}

/**
 * Whether every tool of `names` is installed. When one is missing: under CI throws an Error naming the packages
 * (the test file fails with it); elsewhere warns with that message and returns false (the caller skips).
 */
export function toolAvailable(...names: ToolName[]): boolean {
  const missing = missingTools(names);
  if (missing.length === 0) return true;
  const message = missingMessage(missing);
  if (isCi()) throw new Error(message);
  console.warn(`跳过：${message}`);
  return false;
}

/**
 * Whether a data file from a system package is there (an ICC profile, a font), with the same rule as
 * {@link toolAvailable}: missing under CI throws an Error naming the package; elsewhere warns and returns false.
 */
export function fileAvailable(path: string, debianPackage: string, purpose: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    const message = `缺少测试所需的文件：${path}（${purpose}）。请安装 Debian 软件包 ${debianPackage}（scripts/setup-system.sh 安装全部）`;
    if (isCi()) throw new Error(message);
    console.warn(`跳过：${message}`);
    return false;
  }
}

/** Runs a tool (execFileSync); a missing program becomes an Error naming its package. */
export function runTool(name: ToolName, args: readonly string[], options: ExecFileSyncOptions & { encoding: BufferEncoding }): string {
  try {
    return execFileSync(SYSTEM_TOOLS[name].command, args, options) as string;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(missingMessage([name]), { cause: error });
    throw error;
  }
}
