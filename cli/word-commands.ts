import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ImportNote } from '../core/import/import-notes.js';
import { ImportError } from '../core/import/plain-text.js';
import { readInput, InputError } from '../core/io/read-input.js';
import { serializeDocument } from '../core/model/format.js';
import { presetByName, type LayoutPreset } from '../core/typeset/preset.js';
import { toIsoDate } from '../core/text/dates.js';
import { writeFileAtomic } from '../services/atomic-file.js';
import { isIssueId } from '../services/library-ids.js';
import type { Library } from '../services/library-types.js';
import { readInputFile } from './input-file.js';
import { withMastheadArt } from './masthead-art-option.js';
import { openLibrary, type LibraryCommandContext } from './library-commands.js';

/**
 * Word in, Word out on the command line: `import x.docx` (a new issue: printed, written with -o, or added to the
 * library with --library), `import x.docx --into <id>` (one article appended to an issue of the library), and
 * `export <file|id> -o out.docx` (the format follows the extension; --format docx|pdf forces it). The import
 * report goes to stderr, one line per note. Handed every command first by cli/main.ts; undefined when the
 * command is not a Word one.
 */

export const WORD_OPTIONS = {
  into: { type: 'string' },
  format: { type: 'string' },
} as const;

export const WORD_USAGE = `Word 文件：
  bulletin import <稿件.docx|.doc|.wps> [-o <期刊.json>]   Word 文件作为一期简报导入（选项同 .txt；--library 加入期刊库）
  bulletin [--library <库>] import <稿件.docx|.txt> --into <编号>  作为文章加到期刊库中该期的末尾
  bulletin export <编号|简报.txt|期刊.json> -o <输出.docx> [--format docx|pdf] [--preset …]
                                                      导出可编辑的 Word 文件（格式按扩展名，或用 --format 指定）
  导入报告（改动了什么、什么没有导入）逐条输出到标准错误。`;

export interface WordCliValues {
  readonly into?: string;
  readonly format?: string;
  readonly 'masthead-art'?: string;
  readonly 'masthead-art-colour'?: string;
  readonly output?: string;
  readonly library?: string;
  readonly preset?: string;
}

/**
 * The Word modules, loaded on demand: they bring docx, fflate, saxes, cfb and word-extractor, which a command that
 * reads no Word file (`--help`, `list`, `export` to PDF …) must not pay for at start.
 */
async function wordModules() {
  const [wordFile, zipParts, wordIssue, wordImport, docxExport, artSource] = await Promise.all([
    import('../services/word-file.js'),
    import('../core/import/word/zip-parts.js'),
    import('../core/import/word/word-issue.js'),
    import('../services/word-import.js'),
    import('../core/render/docx-export.js'),
    import('../core/masthead-art/art-source.js'),
  ]);
  return { ...wordFile, ...zipParts, ...wordIssue, ...wordImport, ...docxExport, ...artSource };
}

/** Whether a file is a Word file: by its extension, or by its bytes (zip or compound file) for other names. */
async function isWordFile(file: string): Promise<boolean> {
  if (/\.(txt|json)$/iu.test(file)) return false;
  const { WORD_EXTENSIONS, sniff } = await wordModules();
  if (WORD_EXTENSIONS.test(file)) return true;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = new Uint8Array(8);
    const kind = sniff(head.subarray(0, readSync(fd, head, 0, 8, 0)));
    return kind === 'zip' || kind === 'cfb';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The report lines of an import. */
export function reportLines(notes: readonly ImportNote[]): string[] {
  return notes.map((n) => `导入报告：${n.message}`);
}

async function readWordBytes(file: string): Promise<Uint8Array> {
  const { MAX_WORD_BYTES } = await wordModules();
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`这不是普通文件，无法读取：${file}`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`找不到文件：${file}`);
  }
  if (size > MAX_WORD_BYTES) throw new InputError(`文件过大（${(size / 1048576).toFixed(0)} MB，上限 ${MAX_WORD_BYTES / 1048576} MB），未导入：${file}`);
  try {
    // Not readInputFile: that caps at 20 MB (issue and text files); a Word file with photographs may be larger.
    return readFileSync(file);
  } catch {
    throw new InputError(`无法读取文件：${file}`);
  }
}

function today(): string {
  const now = new Date();
  return toIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

/** Runs a Word command; undefined when `ctx.command` is not one. */
export async function runWordCommand(ctx: LibraryCommandContext & { values: WordCliValues }): Promise<number | undefined> {
  const { command, args, values } = ctx;
  if (command === 'import' && args.length === 1 && (values.into !== undefined || (await isWordFile(args[0]!)))) {
    return wrap(() => importWord(ctx, args[0]!));
  }
  if (command === 'import' && values.into !== undefined) throw ctx.usageError('--into 需要一个要导入的文件');
  if (command === 'export' && wantsDocx(values)) {
    if (args.length !== 1) throw ctx.usageError(args.length === 0 ? '缺少参数：要导出的期刊编号或文件' : `参数过多：${args.slice(1).join(' ')}`);
    return exportWord(ctx, args[0]!);
  }
  if (values.format !== undefined && !/^(docx|pdf)$/iu.test(values.format)) {
    throw ctx.usageError(`未知的格式：${values.format}（可用：docx、pdf）`);
  }
  return undefined;
}

/** Whether an export writes .docx: --format docx, or no --format and an output ending in .docx. */
function wantsDocx(values: WordCliValues): boolean {
  if (values.format !== undefined) return /^docx$/iu.test(values.format);
  return /\.docx$/iu.test(values.output ?? '');
}

async function wrap(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ImportError) throw new InputError(e.message);
    throw e;
  }
}

async function importWord(ctx: LibraryCommandContext & { values: WordCliValues }, file: string): Promise<number> {
  const { values, io } = ctx;
  const { createWordImport, importWordIssue, readWordFile } = await wordModules();
  const name = path.basename(file);
  if (values.into !== undefined) {
    if (!isIssueId(values.into)) throw ctx.usageError(`期刊编号格式不对：${values.into}`);
    if (values.output !== undefined) throw ctx.usageError('--into 与 -o 不能同时使用');
    const library = openLibrary(ctx);
    if (!(await isWordFile(file))) return insertText(ctx, library, file);
    const bytes = await readWordBytes(file);
    const { articles, notes } = await createWordImport({ library }).insertArticles(values.into, bytes, name, { by: operator() });
    for (const line of reportLines(notes)) io.err(line);
    for (const article of articles) {
      io.out(`已加入文章：“${article.title || '（无标题）'}”（${article.body.length} 段${article.contributor ? `，${article.contributor}供稿` : ''}）→ 期刊 ${values.into}`);
    }
    return 0;
  }
  const bytes = await readWordBytes(file);
  if (values.library !== undefined && values.output === undefined) {
    const library = openLibrary(ctx, { create: true });
    const publication = ctx.values.publication;
    const { id, notes } = await createWordImport({ library, today }).importIssue(bytes, name, {
      by: operator(),
      ...(publication === undefined ? {} : { publication }),
    });
    for (const line of reportLines(notes)) io.err(line);
    const { issue } = library.read(id).document;
    io.out(`已加入期刊库：${issue.year}年第${issue.number}期，${issue.articles.length} 篇文章`);
    io.out(id);
    return 0;
  }
  const result = importWordIssue(await readWordFile(bytes, name), { today: today() });
  for (const line of reportLines(result.notes)) io.err(line);
  const json = serializeDocument(result.document);
  if (values.output) {
    writeFileAtomic(values.output, json);
    io.out(`已导入：${values.output}（${result.document.issue.year}年第${result.document.issue.number}期，${result.document.issue.articles.length} 篇文章）`);
  } else {
    io.out(json.trimEnd());
  }
  return 0;
}

/** `import x.txt --into <id>`: the text's articles (read as `import` reads text) appended to the issue. */
function insertText(ctx: LibraryCommandContext & { values: WordCliValues }, library: Library, file: string): number {
  const id = ctx.values.into!;
  const input = readInput(readInputFile(file), { name: file, today: today() });
  if (input.kind !== 'text') throw new InputError(`--into 只接受 Word 文件或文本文件：${file}`);
  const stored = library.read(id);
  const articles = [...stored.document.issue.articles, ...input.document.issue.articles];
  const saved = library.save(id, { ...stored.document, issue: { ...stored.document.issue, articles } }, stored.revision, { by: operator() });
  if (saved.status !== 'saved') throw new InputError('期刊已在别处被修改，文章未加入，请重试');
  for (const line of reportLines(input.notes)) ctx.io.err(line);
  for (const a of input.document.issue.articles) ctx.io.out(`已加入文章：“${a.title || '（无标题）'}”（${a.body.length} 段）→ 期刊 ${id}`);
  return 0;
}

async function exportWord(ctx: LibraryCommandContext & { values: WordCliValues }, arg: string): Promise<number> {
  const { values, io } = ctx;
  const { createWordImport, exportDocx, createArtSource } = await wordModules();
  const output = values.output;
  if (!output) throw ctx.usageError('请用 -o 指定输出的 .docx 文件');
  const preset: LayoutPreset | undefined = values.preset ? presetOr(ctx, values.preset) : undefined;
  let bytes: Uint8Array;
  const onMastheadArtProblem = (reason: string) => io.err(`提示：刊名图未用，Word 文件中为排印的刊名：${reason}`);
  if (!exists(arg) && (isIssueId(arg) || values.library !== undefined)) {
    const library = openLibrary(ctx);
    bytes = (await createWordImport({ library }).exportDocx(arg, { preset, by: operator(), target: path.resolve(output), onMastheadArtProblem })).bytes;
  } else {
    const input = await withMastheadArt(readInput(readInputFile(arg), { name: arg, today: today() }), {
      inputPath: arg,
      art: values['masthead-art'],
      colour: values['masthead-art-colour'],
      io,
      usageError: ctx.usageError,
    });
    const artSource = createArtSource({ readFile: (file) => readFileSync(file) });
    bytes = await exportDocx(input.document, { ...(preset ? { preset } : {}), artSource, onMastheadArtProblem });
  }
  writeFileAtomic(output, bytes);
  io.out(`已导出：${output}（Word 文件，${Math.round(bytes.length / 1024)} KB）`);
  return 0;
}

function presetOr(ctx: LibraryCommandContext, name: string): LayoutPreset {
  try {
    return presetByName(name);
  } catch (e) {
    throw ctx.usageError((e as Error).message);
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function operator(): string {
  return process.env['USER'] ?? process.env['USERNAME'] ?? '';
}
