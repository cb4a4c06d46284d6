import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { LayoutPreset } from '../core/typeset/preset.js';
import type { Approval } from '../services/approval.js';
import { outputFormat } from './output-format.js';
import { approverCommand, verifyCommand } from './signer-commands.js';
import { readStdinLines } from './stdin-lines.js';
import { writeFileAtomic } from '../services/atomic-file.js';
import { createSpooler, PrintError } from '../services/cups.js';
import type { FinalExportRefused, IssueExporter } from '../services/issue-export.js';
import { createLibrary } from '../services/library.js';
import { LibraryError } from '../services/library-fs.js';
import { assertIssueId } from '../services/library-ids.js';
import { HISTORY_NAMES, STATUS_NAMES, type Library } from '../services/library-types.js';
import { defaultLibraryDir, userCacheDir } from '../services/paths.js';

/**
 * The sign-off and printing commands of `bulletin` (签发与印发): signers, 送审, 签发 with a PIN read from standard
 * input (never from the command line, where it would show in the process list and the shell history), the
 * history of an issue, the printers, and printing through CUPS. cli/main.ts hands every command here first;
 * undefined means "not mine". Exit codes: 0 done; 1 refused (wrong PIN, not signed off, changed since, printing
 * failed); 2 bad usage or bad input (thrown to cli/main.ts).
 */

/** The options these commands add to parseArgs (spread into its options). */
export const APPROVAL_OPTIONS = {
  approver: { type: 'string' },
  replace: { type: 'boolean' },
  trust: { type: 'string' },
  authority: { type: 'boolean' },
  opinion: { type: 'string' },
  final: { type: 'boolean' },
  printer: { type: 'string' },
  copies: { type: 'string' },
  duplex: { type: 'boolean' },
  pages: { type: 'string' },
  distribution: { type: 'boolean' },
  'first-copy': { type: 'string' },
  // `--pdfa` is cli/main.ts's (also `check --pdfa`); approve reads it with this one.
  'no-pdfa': { type: 'boolean' },
} as const;

export const APPROVAL_USAGE = `签发与印发（PIN 和管理口令一律从标准输入读取，每行一个，不写在命令行上）：
  bulletin --library <库> approver init                 建立本库的签发机构（标准输入：管理口令，至少 8 位）
  bulletin --library <库> approver add <姓名> [--replace]
                                                      添加签发人，生成其密钥与证书（标准输入：管理口令、PIN（至少 6 位））；
                                                      --replace 为忘记 PIN 的签发人重新生成密钥（旧证书保留，以往签发仍可验证）
  bulletin --library <库> approver pin <姓名>           修改 PIN（标准输入：原 PIN、新 PIN）
  bulletin --library <库> approver remove <姓名>        删除签发人（标准输入：管理口令）
  bulletin --library <库> approver list | log           列出签发人及证书指纹 | 签发人变更记录
  bulletin --library <库> approver export-cert <姓名> -o <x.cer>
                                                      导出签发人证书（另写 x-签发机构.cer）；--authority -o <x.cer> 只导出签发机构证书
  bulletin [--library <库>] verify <正式版.pdf> [--trust <签发机构.cer>]
                                                      验证正式版的数字签名：谁签发、何时、文件是否未被改动、证书是否由签发机构签发
  bulletin --library <库> submit <编号>                 送审（草稿 → 送审）
  bulletin --library <库> approve <编号> --approver <姓名> [--opinion 签发意见] [--pdfa | --no-pdfa]
                                                      签发（默认意见“同意印发”）；PIN 不正确则退出码 1；正式版默认存为
                                                      PDF/A-2u（带标签结构），--no-pdfa 本次不用，默认值见设置中的“正式版存为 PDF/A”
  bulletin --library <库> export <编号> -o <输出.pdf|输出.ofd> [--final]
                                                      不加 --final 导出带“样稿”水印的 PDF；--final 只对已签发且未改动的期刊导出正式版；
                                                      输出文件以 .ofd 结尾则导出 OFD（正式版 OFD 带签发信息，同样只限已签发的期刊）
  bulletin --library <库> print <编号> --printer <打印机> [--copies N] [--duplex] [--pages 1-3,5]
                                                      打印正式版（--duplex 双面长边翻页）
  bulletin --library <库> print <编号> --printer <打印机> --distribution [--duplex] [--first-copy N]
                                                      分发印制：按送 名单每份单独打印并加印份号，另打印分发登记表，期刊标为已印发
  bulletin --library <库> history <编号>                该期的状态与历史（谁在何时做了什么）
  bulletin printers                                     列出打印机（CUPS）`;

export interface ApprovalCliValues {
  readonly library?: string;
  readonly output?: string;
  readonly approver?: string;
  readonly replace?: boolean;
  readonly trust?: string;
  readonly authority?: boolean;
  readonly opinion?: string;
  readonly final?: boolean;
  readonly printer?: string;
  readonly copies?: string;
  readonly duplex?: boolean;
  readonly pages?: string;
  readonly distribution?: boolean;
  readonly 'first-copy'?: string;
  readonly pdfa?: boolean;
  readonly 'no-pdfa'?: boolean;
}

export interface ApprovalCommandContext {
  readonly command: string;
  readonly args: readonly string[];
  readonly values: ApprovalCliValues;
  readonly io: {
    readonly out: (line: string) => void;
    readonly err: (line: string) => void;
    /** Lines of standard input, one per prompt (tests pass them); process.stdin by default. */
    readonly stdinLines?: (prompts: readonly string[]) => Promise<string[]>;
  };
  readonly usageError: (message: string) => Error;
}

/** Runs a sign-off or printing command; undefined when the command is not one of them. */
export async function runApprovalCommand(ctx: ApprovalCommandContext): Promise<number | undefined> {
  try {
    switch (ctx.command) {
      case 'approver':
        return await approverCommand({ ...ctx, openLibrary: () => openLibrary(ctx) });
      case 'verify':
        return await verifyCommand({ ...ctx, openLibrary: () => openLibrary(ctx) });
      case 'submit':
        return await submitCommand(ctx);
      case 'approve':
        return await approveCommand(ctx);
      case 'history':
        return historyCommand(ctx);
      case 'print':
        return await printCommand(ctx);
      case 'printers':
        return await printersCommand(ctx);
      default:
        return undefined;
    }
  } catch (e) {
    return refused(e, ctx);
  }
}

/** Refusals that are the issue's state, not the user's typing: one line, exit 1. Anything else goes up. */
function refused(e: unknown, ctx: ApprovalCommandContext): number {
  if (isFinalExportRefused(e)) {
    ctx.io.err(`错误：${e.message}`);
    return 1;
  }
  if (e instanceof PrintError) {
    ctx.io.err(`无法打印：${e.message}`);
    return 1;
  }
  throw e;
}

/**
 * `export <id> [--final]` from the library (called by cli/library-commands.ts): a 样稿 unless --final; the
 * final PDF only for a signed-off issue whose content still matches. Returns the exit code.
 */
export async function exportFromLibrary(
  library: Library,
  id: string,
  options: { output: string; final: boolean; preset?: LayoutPreset; io: ApprovalCommandContext['io'] },
): Promise<number> {
  const { exporter } = await services(library);
  try {
    const format = outputFormat(options.output);
    const result = await exporter.exportIssue(id, { final: options.final, by: operator(), target: path.resolve(options.output), preset: options.preset, format });
    writeFileAtomic(options.output, result.bytes);
    const kind = `${format === 'ofd' ? 'OFD ' : ''}${options.final ? `正式版，签发人 ${result.meta.signOff?.signer ?? ''}` : '样稿'}`;
    options.io.out(`已导出：${options.output}（${result.pages} 页，${Math.round(result.bytes.length / 1024)} KB，${kind}；建议文件名：${result.fileName}）`);
    return 0;
  } catch (e) {
    if (isFinalExportRefused(e)) {
      options.io.err(`错误：${e.message}`);
      return 1;
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The approval and export services over a library, composed by services/local-services.ts as the app's
 * in-process services are (the same 校对 stops a release). Loaded on demand, so commands that never typeset
 * (--help, list, history …) do not pay for the fonts and the PDF backend.
 */
async function services(library: Library): Promise<{ approval: Approval; exporter: IssueExporter }> {
  const { createLocalServices } = await import('../services/local-services.js');
  const local = createLocalServices({ library });
  return { approval: local.approval, exporter: local.exporter() };
}

/** services/issue-export.ts's refusal, recognised without loading that module (it loads the PDF backend). */
function isFinalExportRefused(e: unknown): e is FinalExportRefused {
  return e instanceof Error && e.name === 'FinalExportRefused';
}

function openLibrary(ctx: ApprovalCommandContext): Library {
  const given = ctx.values.library;
  if (given !== undefined && given.trim() === '') throw ctx.usageError('--library 后面需要一个文件夹');
  const dir = given !== undefined ? path.resolve(given) : defaultLibraryDir();
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new LibraryError(`找不到期刊库：${dir}${given === undefined ? '（可用 --library 指定期刊库文件夹）' : ''}`);
  }
  if (!isDir) throw new LibraryError(`这不是文件夹，不能作为期刊库：${dir}`);
  return createLibrary({ dir, listingCacheDir: userCacheDir() });
}

function idArg(ctx: ApprovalCommandContext, what = '期刊编号'): string {
  if (ctx.args.length === 0) throw ctx.usageError(`缺少参数：${what}`);
  if (ctx.args.length > 1) throw ctx.usageError(`参数过多：${ctx.args.slice(1).join(' ')}`);
  return assertIssueId(ctx.args[0]!);
}

/** Who is working, for the history: the operating-system user. */
function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

async function readPin(ctx: ApprovalCommandContext): Promise<string> {
  const [line] = await (ctx.io.stdinLines ?? readStdinLines)(['请输入 PIN']);
  if (!line) throw ctx.usageError('请在标准输入的第一行提供 PIN（例如 printf "%s\\n" "$PIN" | bulletin …）');
  return line;
}

async function submitCommand(ctx: ApprovalCommandContext): Promise<number> {
  const id = idArg(ctx);
  const library = openLibrary(ctx);
  try {
    library.read(id); // an unknown id is reported as such, before the fonts are loaded
    await (await services(library)).approval.submitChecked(id, operator());
  } catch (e) {
    if (e instanceof LibraryError) throw e;
    ctx.io.err(`错误：${(e as Error).message}`);
    return 1;
  }
  ctx.io.out(`已送审：${id}`);
  return 0;
}

async function approveCommand(ctx: ApprovalCommandContext): Promise<number> {
  const id = idArg(ctx);
  const signer = ctx.values.approver?.trim();
  if (!signer) throw ctx.usageError('请用 --approver <姓名> 指定签发人');
  if (ctx.values.pdfa && ctx.values['no-pdfa']) throw ctx.usageError('--pdfa 与 --no-pdfa 不能同时使用');
  const pdfa = ctx.values.pdfa ? { pdfa: true } : ctx.values['no-pdfa'] ? { pdfa: false } : {};
  const library = openLibrary(ctx);
  library.read(id); // an unknown id is reported before the PIN is asked for
  const pin = await readPin(ctx);
  const result = await (await services(library)).approval.signOff(id, { signer, pin, opinion: ctx.values.opinion, ...pdfa });
  if (!result.ok) {
    ctx.io.err(`签发未完成：${result.reason}`);
    return 1;
  }
  const s = result.meta.signOff!;
  ctx.io.out(`已签发：${id}（签发人 ${s.signer}，意见“${s.opinion}”，${localTime(s.at)}；内容散列 ${s.contentHash.slice(0, 16)}…；已生成数字签名的正式版）`);
  return 0;
}

function historyCommand(ctx: ApprovalCommandContext): number {
  const id = idArg(ctx);
  const { meta } = openLibrary(ctx).read(id);
  ctx.io.out(`状态：${STATUS_NAMES[meta.status]}`);
  if (meta.signOff) {
    const s = meta.signOff;
    ctx.io.out(`签发：${s.signer}，${localTime(s.at)}，意见“${s.opinion}”，内容散列 ${s.contentHash}；数字签名已验证（证书指纹 ${s.certificate ?? ''}）`);
  } else if (meta.legacySignOff) {
    const s = meta.legacySignOff;
    ctx.io.out(`旧版签发（无数字签名）：${s.signer}，${localTime(s.at)}，意见“${s.opinion}”；须重新签发后才能导出正式版`);
  }
  for (const h of meta.history) {
    ctx.io.out([localTime(h.at), HISTORY_NAMES[h.action] ?? h.action, h.by ?? '', h.detail ?? ''].join('\t'));
  }
  return 0;
}

async function printersCommand(ctx: ApprovalCommandContext): Promise<number> {
  if (ctx.args.length) throw ctx.usageError(`参数过多：${ctx.args.join(' ')}`);
  const printers = await createSpooler().printers();
  for (const p of printers) ctx.io.out(`${p.name}${p.isDefault ? '\t（默认）' : ''}${p.displayName !== p.name ? `\t${p.displayName}` : ''}`);
  if (!printers.length) ctx.io.err('系统中没有打印机');
  return 0;
}

async function printCommand(ctx: ApprovalCommandContext): Promise<number> {
  const id = idArg(ctx);
  const v = ctx.values;
  const printer = v.printer?.trim();
  if (!printer) throw ctx.usageError('请用 --printer <打印机> 指定打印机（bulletin printers 列出打印机）');
  const copies = positiveInt(ctx, v.copies ?? '1', '--copies', 9999);
  const firstCopy = v['first-copy'] === undefined ? undefined : positiveInt(ctx, v['first-copy'], '--first-copy', 999_999);
  if (v.distribution && v.copies !== undefined) throw ctx.usageError('分发印制的份数取自送 名单，不能同时指定 --copies');
  if (v.distribution && v.pages !== undefined) throw ctx.usageError('分发印制打印每份的全部页面，不能指定 --pages');
  if (!v.distribution && firstCopy !== undefined) throw ctx.usageError('--first-copy 只用于 --distribution');
  const library = openLibrary(ctx);
  const { exporter } = await services(library);
  const { createPrinting } = await import('../services/printing.js'); // loads the exporter's PDF backend
  const printing = createPrinting({ library, exporter });
  const result = await printing.print(
    { id, printer, copies, duplex: v.duplex ?? false, pageRange: v.pages ?? '', distribution: v.distribution ?? false },
    { by: operator(), ...(firstCopy !== undefined ? { firstCopyNumber: firstCopy } : {}) },
  );
  for (const job of result.jobs) ctx.io.out(`${job.jobId}\t${job.copies} 份\t${job.title}`);
  ctx.io.out(`已提交 ${result.jobs.length} 个打印任务到 ${printer}；期刊状态：${STATUS_NAMES[result.meta.status]}`);
  return 0;
}

function positiveInt(ctx: ApprovalCommandContext, text: string, option: string, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw ctx.usageError(`${option} 应为正整数：${text}`);
  const n = Number(text.trim());
  if (n < 1 || n > max) throw ctx.usageError(`${option} 应在 1 到 ${max} 之间：${text}`);
  return n;
}

/** ISO → "2021-06-02 10:00:00" in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
