import { statSync } from 'node:fs';
import { makeDirs } from '../services/make-dir.js';
import path from 'node:path';
import { STATUS_NAMES } from '../core/model/status.js';
import { presetByName } from '../core/typeset/preset.js';
import { createLibrary, LibraryError } from '../services/library.js';
import { guardWrite } from '../services/library-fs.js';
import { assertIssueId, isIssueId } from '../services/library-ids.js';
import type { IssueSummary, Library } from '../services/library-types.js';
import { defaultLibraryDir, userCacheDir } from '../services/paths.js';
import { exportFromLibrary } from './approval-commands.js';
import { readInputFile } from './input-file.js';
import { newIssueCommand, PUBLICATION_OPTIONS, PUBLICATION_USAGE, publicationsCommand, type PublicationCliValues } from './publication-commands.js';

/**
 * The library commands of `bulletin`: list, import into the library, export from it, backups and
 * restoring a version, the 回收站. `--library DIR` names the library folder; without it the app's library
 * is used ($BULLETIN_LIBRARY, else the app's data folder). cli/main.ts parses the arguments and hands
 * every command here first; a command that is not a library command falls through to the file commands.
 */

/** The options the library commands add to the command line (spread into parseArgs' options). */
export const LIBRARY_OPTIONS = {
  library: { type: 'string' },
  trash: { type: 'boolean' },
  ...PUBLICATION_OPTIONS,
} as const;

/** The library lines of the usage text. */
export const LIBRARY_USAGE = `期刊库（--library <文件夹> 指定期刊库；不给则用本程序的期刊库，或环境变量 BULLETIN_LIBRARY 指定的文件夹）：
  bulletin --library <库> import <简报.txt|期刊.json>  把简报加入期刊库，最后一行输出期刊编号
  bulletin [--library <库>] list [搜索词] [--trash]      列出期刊（编号、年份、期号、总期号、日期、标题、状态）；--trash 列出回收站
  bulletin [--library <库>] export <编号> -o <输出.pdf|.ofd> [--draft] [--preset standard|compact]
                                                      从期刊库排版导出 PDF（记入该期的历史）
  bulletin [--library <库>] backups <编号>              列出该期保存前自动留下的备份版本
  bulletin [--library <库>] restore <编号> <备份编号>    恢复到某个备份版本（当前版本先备份）
  bulletin [--library <库>] trash <编号>                移到回收站
  bulletin [--library <库>] untrash <编号>              从回收站恢复
${PUBLICATION_USAGE}`;

/** The parsed option values the library commands read. */
export interface LibraryCliValues extends PublicationCliValues {
  readonly library?: string;
  readonly trash?: boolean;
  readonly output?: string;
  readonly draft?: boolean;
  readonly preset?: string;
  readonly final?: boolean;
}

/** What a library command gets from cli/main.ts. */
export interface LibraryCommandContext {
  readonly command: string;
  readonly args: readonly string[];
  readonly values: LibraryCliValues;
  readonly io: { readonly out: (line: string) => void; readonly err: (line: string) => void };
  /** Makes the command line's usage error (printed with a hint to --help, exit 2). */
  readonly usageError: (message: string) => Error;
}

/**
 * Runs `command` when it is a library command and returns its exit code; undefined when it is a file
 * command (`import … -o`, `export <file>`, `check`) that cli/main.ts handles itself. Errors are thrown
 * with one Chinese line ({@link LibraryError}, InputError or the usage error).
 */
export async function runLibraryCommand(ctx: LibraryCommandContext): Promise<number | undefined> {
  const { command, args, values } = ctx;
  switch (command) {
    case 'list':
      return listCommand(ctx);
    case 'publications':
      return publicationsCommand({ ...ctx, library: openLibrary(ctx, { create: ctx.args[0] === 'add' || ctx.args[0] === 'signers' }) });
    case 'new':
      return newIssueCommand({ ...ctx, library: openLibrary(ctx, { create: true }) });
    case 'backups':
      return backupsCommand(ctx);
    case 'restore':
      return restoreCommand(ctx);
    case 'trash':
      return trashCommand(ctx, 'trash');
    case 'untrash':
      return trashCommand(ctx, 'untrash');
    case 'import':
      return values.library !== undefined && values.output === undefined ? importCommand(ctx) : undefined;
    case 'export':
      return args.length === 1 && refersToLibrary(args[0]!, values) ? exportCommand(ctx) : undefined;
    default:
      return undefined;
  }
}

/** Whether `export <arg>` means an issue of the library: not an existing file, and an id (or --library given). */
function refersToLibrary(arg: string, values: LibraryCliValues): boolean {
  if (pathExists(arg)) return false;
  return isIssueId(arg) || values.library !== undefined;
}

function pathExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The library named by --library (or the app's), which must exist unless `create` (also used by cli/word-commands.ts). */
export function openLibrary(ctx: LibraryCommandContext, options: { create?: boolean } = {}): Library {
  const given = ctx.values.library;
  if (given !== undefined && given.trim() === '') throw ctx.usageError('--library 后面需要一个文件夹');
  const dir = given !== undefined ? path.resolve(given) : defaultLibraryDir();
  let isDir: boolean | undefined;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = undefined;
  }
  if (isDir === false) throw new LibraryError(`这不是文件夹，不能作为期刊库：${dir}`);
  if (isDir === undefined) {
    if (!options.create) {
      const hint = given === undefined ? '（可用 --library 指定期刊库文件夹）' : '';
      throw new LibraryError(`找不到期刊库：${dir}${hint}`);
    }
    guardWrite(dir, () => makeDirs(dir));
  }
  return createLibrary({ dir, listingCacheDir: userCacheDir() });
}

function oneArg(ctx: LibraryCommandContext, what: string): string {
  if (ctx.args.length === 0) throw ctx.usageError(`缺少参数：${what}`);
  if (ctx.args.length > 1) throw ctx.usageError(`参数过多：${ctx.args.slice(1).join(' ')}`);
  return ctx.args[0]!;
}

/**
 * One line of `list`: id, year, 第N期, 总第N期, date, title, status — separated by tabs; then the publication's
 * name when the library has more than one (`publicationName`).
 */
export function formatSummary(s: IssueSummary, publicationName?: string): string {
  return [
    s.id,
    `${s.year}年`,
    `第${s.number}期`,
    s.totalNumber === undefined ? '无总期号' : `总第${s.totalNumber}期`,
    s.date,
    s.title || '（无标题）',
    STATUS_NAMES[s.status],
    ...(publicationName === undefined ? [] : [publicationName]),
  ].join('\t');
}

function listCommand(ctx: LibraryCommandContext): number {
  const query = ctx.args.join(' ').trim();
  const trash = ctx.values.trash ?? false;
  const library = openLibrary(ctx);
  const publication = ctx.values.publication === undefined ? undefined : library.publication(ctx.values.publication);
  const listing = library.list({ query: query || undefined, trash, ...(publication ? { publication: publication.id } : {}) });
  const publications = library.publications();
  const nameOf = (s: IssueSummary) => (publications.length > 1 ? publications.find((p) => p.id === s.publication)?.name ?? '' : undefined);
  for (const s of listing.issues) ctx.io.out(formatSummary(s, nameOf(s)));
  for (const d of listing.damaged) ctx.io.err(`无法读取：${d.file}（${d.reason}）`);
  if (listing.issues.length === 0) {
    const where = publication ? `《${publication.name}》` : '期刊库';
    ctx.io.err(query ? `没有找到包含“${query}”的期刊` : trash ? '回收站是空的' : `${where}中还没有期刊`);
  }
  return 0;
}

function importCommand(ctx: LibraryCommandContext): number {
  const file = oneArg(ctx, '要导入的文件');
  const bytes = readInputFile(file);
  const library = openLibrary(ctx, { create: true });
  const publication = ctx.values.publication === undefined ? undefined : library.publication(ctx.values.publication).id;
  const { id, notes } = library.importBytes(bytes, file, publication === undefined ? {} : { publication });
  for (const note of notes) ctx.io.err(`提示：${note}`);
  const { issue } = library.read(id).document;
  const total = issue.totalNumber === undefined ? '' : `（总第${issue.totalNumber}期）`;
  ctx.io.out(`已加入期刊库：${issue.year}年第${issue.number}期${total}，${issue.articles.length} 篇文章`);
  ctx.io.out(id);
  return 0;
}

async function exportCommand(ctx: LibraryCommandContext): Promise<number> {
  const id = assertIssueId(oneArg(ctx, '要导出的期刊编号'));
  const { output, draft = false } = ctx.values;
  if (!output) throw ctx.usageError('请用 -o 指定输出的 PDF 文件');
  const preset = ctx.values.preset ? presetOr(ctx, ctx.values.preset) : undefined;
  // Sign-off rules (cli/approval-commands.ts): a 样稿 unless --final; --final only for a signed-off, unchanged issue.
  if (draft && ctx.values.final) throw ctx.usageError('--draft 与 --final 不能同时使用');
  return exportFromLibrary(openLibrary(ctx), id, { output, final: ctx.values.final ?? false, preset, io: ctx.io });
}

function presetOr(ctx: LibraryCommandContext, name: string) {
  try {
    return presetByName(name);
  } catch (e) {
    throw ctx.usageError((e as Error).message);
  }
}

function backupsCommand(ctx: LibraryCommandContext): number {
  const id = assertIssueId(oneArg(ctx, '期刊编号'));
  const backups = openLibrary(ctx).backups(id);
  for (const b of backups) ctx.io.out(`${b.id}\t${localTime(b.at)}\t${b.bytes} 字节`);
  if (backups.length === 0) ctx.io.err(`期刊 ${id} 还没有备份（每次保存前会自动备份上一版本）`);
  return 0;
}

function restoreCommand(ctx: LibraryCommandContext): number {
  if (ctx.args.length < 2) throw ctx.usageError('用法：bulletin restore <期刊编号> <备份编号>（备份编号见 bulletin backups <期刊编号>）');
  if (ctx.args.length > 2) throw ctx.usageError(`参数过多：${ctx.args.slice(2).join(' ')}`);
  const [id, backupId] = ctx.args as [string, string];
  assertIssueId(id);
  openLibrary(ctx).restoreBackup(id, backupId);
  ctx.io.out(`已恢复：期刊 ${id} 已恢复为备份 ${backupId} 的版本（恢复前的版本也已备份）`);
  return 0;
}

function trashCommand(ctx: LibraryCommandContext, action: 'trash' | 'untrash'): number {
  const id = assertIssueId(oneArg(ctx, '期刊编号'));
  const library = openLibrary(ctx);
  if (action === 'trash') {
    library.trash(id);
    ctx.io.out(`已移到回收站：${id}（可用 bulletin untrash ${id} 恢复）`);
  } else {
    library.restore(id);
    ctx.io.out(`已从回收站恢复：${id}`);
  }
  return 0;
}

/** 2024-05-01T08:30:00.000Z → "2024-05-01 16:30:00" in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
