import { parseArgs } from 'node:util';
import { checkIssue } from '../services/layout-check.js';
import { InputError, readInput, type ReadInputResult } from '../core/io/read-input.js';
import { serializeDocument } from '../core/model/format.js';
import { MissingGlyphsError } from '../core/render/export-pdf.js';
import { presetByName } from '../core/typeset/preset.js';
import { toIsoDate } from '../core/text/dates.js';
import { readInputFile } from './input-file.js';
import { withMastheadArt } from './masthead-art-option.js';
import { outputFormat } from './output-format.js';
import { shownPath, writeFileAtomic } from '../services/atomic-file.js';
import { diskReason } from '../services/disk-errors.js';
import { BACKENDS, type BackendName } from '../core/render/layout-renderer.js';
import { APPROVAL_OPTIONS, APPROVAL_USAGE, runApprovalCommand } from './approval-commands.js';
import { LIBRARY_OPTIONS, LIBRARY_USAGE, runLibraryCommand } from './library-commands.js';
import { runWordCommand, WORD_OPTIONS, WORD_USAGE } from './word-commands.js';

/**
 * The `bulletin` command. Exit codes: 0 done; 1 the issue has errors (check) or cannot be printed as it is
 * (missing characters); 2 bad input or bad usage — always one clear line, never a stack trace.
 */

export const USAGE = `用法：
  bulletin import <简报.txt> [-o <期刊.json>]          把纯文本简报转换为结构化的期刊文件（不给 -o 则输出到屏幕）
  bulletin export <简报.txt|期刊.json> -o <输出.pdf|输出.ofd> [--draft] [--preset standard|compact] [--backend pdf|pdfmake]
                                                      排版并导出 PDF（--draft 加“样稿”水印；--backend 选 PDF 生成器，默认 pdf）；
                                                      输出文件以 .ofd 结尾则导出 OFD（GB/T 33190 版式文档）
      [--masthead-art <刊名.svg|刊名.pdf|刊名.png|none>] [--masthead-art-colour red|own]
                                                      刊头用刊名图代替排印刊名（SVG 按矢量路径印出；none 不用刊名图）；
                                                      颜色 red 为刊头红（默认），own 为图片原色。也可写在期刊文件的 publication.mastheadArt 中
  bulletin check <简报.txt|期刊.json>                  校对：缺字、半角标点、引号括号不配对、序号跳级；版面（每页行数、页末空行、紧排松排的段落、末页）
  bulletin check --pdfa <文件.pdf>                     按 PDF/A-2（ISO 19005-2）逐条检查 PDF 文件，任一条不通过则退出码 1
  bulletin --help                                      显示本说明
${LIBRARY_USAGE}
${WORD_USAGE}
${APPROVAL_USAGE}`;

export class UsageError extends Error {}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the command; returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`错误：${e.message}（运行 bulletin --help 查看用法）`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    if (e instanceof MissingGlyphsError) {
      io.err(`无法导出：${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EACCES' || err?.code === 'EPERM') io.err(`错误：没有权限写入文件（${err.path ?? ''}）`);
    else if (err?.code === 'ENOSPC') io.err('错误：磁盘空间不足，文件未写入');
    else if (err?.code === 'ENOENT') io.err(`错误：找不到文件夹（${err.path ?? ''}）`);
    else if (diskReason(err)) io.err(`错误：${diskReason(err)}，文件未写入（${err.path ? shownPath(err.path) : ''}）`);
    else io.err(`错误：${err?.message ?? String(e)}`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        draft: { type: 'boolean' },
        pdfa: { type: 'boolean' },
        preset: { type: 'string' },
        backend: { type: 'string' },
        'masthead-art': { type: 'string' },
        'masthead-art-colour': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...LIBRARY_OPTIONS,
        ...APPROVAL_OPTIONS,
        ...WORD_OPTIONS,
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const approvalCode = await runApprovalCommand({ command, args, values, io, usageError: (m) => new UsageError(m) });
  if (approvalCode !== undefined) return approvalCode;
  const wordCode = await runWordCommand({ command, args, values, io, usageError: (m) => new UsageError(m) });
  if (wordCode !== undefined) return wordCode;
  const libraryCode = await runLibraryCommand({ command, args, values, io, usageError: (m) => new UsageError(m) });
  if (libraryCode !== undefined) return libraryCode;
  switch (command) {
    case 'import': {
      const input = load(one(args, '要导入的文本文件'));
      for (const n of input.notes) io.err(`提示：${n.message}`);
      const json = serializeDocument(input.document);
      if (values.output) {
        writeFileAtomic(values.output, json);
        io.out(`已导入：${values.output}（${input.document.issue.year}年第${input.document.issue.number}期，${input.document.issue.articles.length} 篇文章）`);
      } else {
        io.out(json.trimEnd());
      }
      return 0;
    }
    case 'export': {
      const inputPath = one(args, '要导出的文件');
      const input = await withMastheadArt(load(inputPath), {
        inputPath,
        art: values['masthead-art'],
        colour: values['masthead-art-colour'],
        io,
        usageError: (m) => new UsageError(m),
      });
      if (!values.output) throw new UsageError('请用 -o 指定输出的 PDF 或 OFD 文件');
      const preset = values.preset ? presetOrUsage(values.preset) : undefined;
      const backend = values.backend ?? 'pdf';
      if (!BACKENDS.includes(backend as BackendName)) throw new UsageError(`未知的 PDF 生成器：${backend}（可选 ${BACKENDS.join('、')}）`);
      const typesetter = await loadTypesetter(backend as BackendName);
      const draft = values.draft ?? false;
      const ofd = outputFormat(values.output) === 'ofd';
      // Rendered completely in memory first: a refusal (missing characters, fonts) leaves no file behind.
      const result = ofd ? typesetter.exportOfd(input.document, { draft, preset }) : await typesetter.exportPdf(input.document, { draft, preset });
      if (result.typeset.mastheadArtProblem) io.err(`提示：刊名图未采用：${result.typeset.mastheadArtProblem}；仍使用排印的刊名`);
      writeFileAtomic(values.output, result.bytes);
      io.out(`已导出：${values.output}（${ofd ? 'OFD，' : ''}${result.typeset.layout.pages.length} 页，${Math.round(result.bytes.length / 1024)} KB${draft ? '，样稿' : ''}）`);
      return 0;
    }
    case 'check': {
      if (values.pdfa) {
        const path = one(args, '要检查的 PDF 文件');
        const { checkPdfa, formatPdfaReport } = await import('../services/pdfa-check.js');
        const report = await checkPdfa(readInputFile(path));
        for (const line of formatPdfaReport(report)) io.out(line);
        return report.pass ? 0 : 1;
      }
      const input = load(one(args, '要校对的文件'));
      const typesetter = await loadTypesetter();
      const problems = checkIssue(typesetter, input.document);
      for (const p of problems) {
        if (p.severity === 'info') io.out(p.message);
        else io.out(`${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
      }
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.filter((p) => p.severity === 'warning').length;
      io.out(`共 ${errors} 个错误，${warnings} 个提示`);
      return errors > 0 ? 1 : 0;
    }
    default:
      throw new UsageError(`未知的命令：${command}`);
  }
}

/** The typesetter, loaded on demand: fontkit and pdfmake are most of the start-up time of a command that needs them. */
async function loadTypesetter(backend?: BackendName) {
  const { createTypesetter } = await import('../services/typesetter.js');
  return createTypesetter(backend ? { backend } : {});
}

function one(args: readonly string[], what: string): string {
  if (args.length === 0) throw new UsageError(`缺少参数：${what}`);
  if (args.length > 1) throw new UsageError(`参数过多：${args.slice(1).join(' ')}`);
  return args[0]!;
}

function presetOrUsage(name: string) {
  try {
    return presetByName(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function load(path: string): ReadInputResult {
  const bytes = readInputFile(path);
  const now = new Date();
  return readInput(bytes, {
    name: path,
    today: toIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() }),
  });
}
