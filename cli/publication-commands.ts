import { TOTAL_NUMBERING_NAMES, type PublicationSource } from '../core/model/publication.js';
import { TEMPLATES } from '../core/model/templates.js';
import type { Library } from '../services/library-types.js';

/**
 * The publication commands of `bulletin` (several 刊物 in one library, core/model/publication.ts):
 * `publications` lists them, `publications add` adds one (from a template, as the 增刊 of another, or as a copy),
 * `publications signers` sets who may sign one off, `publications remove` deletes one that has no issues (not the
 * last), and `new` makes a new issue of one. cli/library-commands.ts
 * hands them here with the library opened.
 */

/** The options these commands add to the command line (spread into parseArgs' options). */
export const PUBLICATION_OPTIONS = {
  publication: { type: 'string' },
  template: { type: 'string' },
  'supplement-of': { type: 'string' },
  'copy-of': { type: 'string' },
  date: { type: 'string' },
  all: { type: 'boolean' },
} as const;

/** The usage lines of these commands. */
export const PUBLICATION_USAGE = `刊物（一个期刊库可有几种刊物，如主刊与增刊，各自编期号；--publication <刊物名> 指定其一，不给则为第一种）：
  bulletin [--library <库>] publications               列出本库的刊物（名称、总期号、期数、可签发的签发人）
  bulletin [--library <库>] publications add <刊物名> (--template <模板> | --supplement-of <刊物> | --copy-of <刊物>)
                                                      添加刊物：按模板（${TEMPLATES.map((t) => t.id).join('、')}）、作为某刊的增刊
                                                      （刊名加“增刊”，自编第N期，无总期号）或复制某刊的设置
  bulletin [--library <库>] publications signers <刊物名> (<签发人,签发人…> | --all)
                                                      只允许所列签发人签发该刊（--all：本库所有签发人）
  bulletin [--library <库>] publications remove <刊物名>
                                                      删除刊物（该刊还有期刊、或是本库唯一的刊物时不能删除；
                                                      删除前的 profile.json 留在 backups/ 中；回收站中该刊的
                                                      期刊还原后归入第一种刊物）
  bulletin [--library <库>] new [--publication <刊物名>] [--date YYYY-MM-DD]
                                                      新建一期（期号接该刊上一期），最后一行输出期刊编号
  list、import 也可加 --publication <刊物名>：只列出该刊的期刊 / 导入为该刊的一期`;

/** The parsed option values these commands read. */
export interface PublicationCliValues {
  readonly publication?: string;
  readonly template?: string;
  readonly 'supplement-of'?: string;
  readonly 'copy-of'?: string;
  readonly date?: string;
  readonly all?: boolean;
}

/** What a publication command gets. */
export interface PublicationCommandContext {
  readonly args: readonly string[];
  readonly values: PublicationCliValues;
  readonly io: { readonly out: (line: string) => void; readonly err: (line: string) => void };
  readonly usageError: (message: string) => Error;
  readonly library: Library;
}

/** `publications [list|add|signers|remove] …` */
export function publicationsCommand(ctx: PublicationCommandContext): number {
  const [sub = 'list', ...rest] = ctx.args;
  switch (sub) {
    case 'list':
      if (rest.length > 0) throw ctx.usageError(`参数过多：${rest.join(' ')}`);
      return listPublications(ctx);
    case 'add':
      return addPublication(ctx, rest);
    case 'signers':
      return setSigners(ctx, rest);
    case 'remove':
      return removePublication(ctx, rest);
    default:
      throw ctx.usageError(`未知的 publications 子命令：${sub}（可用 list、add、signers、remove）`);
  }
}

function listPublications(ctx: PublicationCommandContext): number {
  const { library } = ctx;
  const issues = library.list().issues;
  for (const p of library.publications()) {
    const count = issues.filter((s) => s.publication === p.id).length;
    const signers = p.signers === undefined ? '所有签发人' : p.signers.join('、') || '（无人可签发）';
    ctx.io.out([p.name, `刊名：${p.profile.name}`, TOTAL_NUMBERING_NAMES[p.totalNumbering], `${count} 期`, `签发人：${signers}`].join('\t'));
  }
  return 0;
}

function addPublication(ctx: PublicationCommandContext, rest: readonly string[]): number {
  if (rest.length !== 1) throw ctx.usageError('用法：bulletin publications add <刊物名> (--template <模板> | --supplement-of <刊物> | --copy-of <刊物>)');
  const { template, 'supplement-of': supplementOf, 'copy-of': copyOf } = ctx.values;
  const given = [template, supplementOf, copyOf].filter((v) => v !== undefined);
  if (given.length !== 1) throw ctx.usageError('请用 --template、--supplement-of 或 --copy-of 之一说明新刊物从哪里来');
  const source: PublicationSource =
    template !== undefined
      ? { kind: 'template', templateId: template }
      : supplementOf !== undefined
        ? { kind: 'supplement', of: supplementOf }
        : { kind: 'copy', of: copyOf! };
  const made = ctx.library.addPublication({ name: rest[0]!, source });
  ctx.io.out(`已添加刊物：${made.name}（刊名“${made.profile.name}”，${TOTAL_NUMBERING_NAMES[made.totalNumbering]}）`);
  return 0;
}

function removePublication(ctx: PublicationCommandContext, rest: readonly string[]): number {
  if (rest.length !== 1) throw ctx.usageError('用法：bulletin publications remove <刊物名>');
  const { library } = ctx;
  const { removed, trashed } = library.removePublication(rest[0]!);
  ctx.io.out(`已删除刊物：${removed.name}（刊名“${removed.profile.name}”；删除前的设置已备份在期刊库的 backups 文件夹中）`);
  if (trashed > 0) ctx.io.err(`提示：回收站中有该刊的 ${trashed} 期，还原后归入《${library.publication().name}》`);
  return 0;
}

function setSigners(ctx: PublicationCommandContext, rest: readonly string[]): number {
  const all = ctx.values.all ?? false;
  if (rest.length !== (all ? 1 : 2)) throw ctx.usageError('用法：bulletin publications signers <刊物名> (<签发人,签发人…> | --all)');
  const { library } = ctx;
  const publication = library.publication(rest[0]!);
  if (all) {
    const { signers: _all, ...rest2 } = publication;
    library.savePublication(rest2);
    ctx.io.out(`《${publication.name}》可由本库所有签发人签发`);
    return 0;
  }
  const names = [...new Set(rest[1]!.split(/[,，、]/).map((n) => n.trim()).filter(Boolean))];
  if (names.length === 0) throw ctx.usageError('请列出至少一位签发人，或用 --all');
  library.savePublication({ ...publication, signers: names });
  const known = new Set(library.signingData().signers.map((x) => x.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) ctx.io.err(`提示：${unknown.join('、')} 还不是本库的签发人（可用 bulletin approver add 添加），添加之前不能签发`);
  ctx.io.out(`《${publication.name}》只可由以下签发人签发：${names.join('、')}`);
  return 0;
}

/** `new [--publication NAME] [--date YYYY-MM-DD]`: a new issue of the publication; the id last. */
export function newIssueCommand(ctx: PublicationCommandContext): number {
  if (ctx.args.length > 0) throw ctx.usageError(`参数过多：${ctx.args.join(' ')}`);
  const { library, values } = ctx;
  const publication = library.publication(values.publication);
  const created = library.create({ publication: publication.id, ...(values.date === undefined ? {} : { today: values.date }) });
  for (const w of created.warnings) ctx.io.err(`提示：${w}`);
  const { issue } = library.read(created.id).document;
  const total = issue.totalNumber === undefined ? '' : `（总第${issue.totalNumber}期）`;
  ctx.io.out(`已新建：《${publication.name}》${issue.year}年第${issue.number}期${total}`);
  ctx.io.out(created.id);
  return 0;
}
