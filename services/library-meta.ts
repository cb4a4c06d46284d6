import {
  array,
  object,
  oneOf,
  string,
  type FormatProblem,
  type Validator,
} from '../core/model/validate.js';
import type { HistoryAction, HistoryEntry, IssueMeta, IssueStatus, SignOff } from './library-types.js';

/**
 * The sidecar of an issue (`issues/<id>.meta.json`): reading it strictly, writing it, and the one rule that
 * ties it to the content — a sign-off is void once the content it certified has changed.
 */

const STATUSES: readonly IssueStatus[] = ['draft', 'submitted', 'approved', 'printed'];
const ACTIONS: readonly HistoryAction[] = [
  'created',
  'imported',
  'duplicated',
  'submitted',
  'approved',
  'voided',
  'exported',
  'printed',
  'restored',
  'migrated',
];

/** The history detail of a sign-off voided by a change of content. */
export const VOIDED_DETAIL = '签发后内容被修改，签发已作废';

const text = string();
const hex = string({ nonEmpty: true });

const signOffValidator: Validator<SignOff> = object({
  required: { signer: text, opinion: text, at: text, contentHash: hex },
});

const historyValidator: Validator<HistoryEntry> = object({
  required: { at: text, action: oneOf(ACTIONS) },
  optional: { by: text, detail: text },
});

const metaValidator: Validator<IssueMeta> = object({
  required: {
    id: string({ nonEmpty: true }),
    status: oneOf(STATUSES),
    createdAt: text,
    updatedAt: text,
    history: array(historyValidator),
  },
  optional: { signOff: signOffValidator },
});

/** Checks a parsed value as the meta of issue `id`; the problems in Chinese when it is not. */
export function metaFromUnknown(value: unknown, id: string): { ok: true; meta: IssueMeta } | { ok: false; reason: string } {
  const problems: FormatProblem[] = [];
  const meta = metaValidator(value, '', problems);
  if (!meta || problems.length > 0) return { ok: false, reason: describeProblems(problems) };
  if (meta.id !== id) return { ok: false, reason: `期刊编号不符（文件中为 ${meta.id}）` };
  return { ok: true, meta };
}

/** Reads the text of a meta file; never throws. */
export function parseMeta(textOfFile: string, id: string): { ok: true; meta: IssueMeta } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(textOfFile.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: '不是有效的 JSON' };
  }
  return metaFromUnknown(raw, id);
}

/** The file text of a meta: pretty JSON, fields in a fixed order, trailing newline. */
export function serializeMeta(meta: IssueMeta): string {
  const out = {
    id: meta.id,
    status: meta.status,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    ...(meta.signOff ? { signOff: { ...meta.signOff } } : {}),
    history: meta.history.map((h) => ({
      at: h.at,
      action: h.action,
      ...(h.by === undefined ? {} : { by: h.by }),
      ...(h.detail === undefined ? {} : { detail: h.detail }),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A fresh meta: a draft with an optional first history entry. */
export function newMeta(id: string, at: string, first?: Omit<HistoryEntry, 'at'>): IssueMeta {
  return { id, status: 'draft', createdAt: at, updatedAt: at, history: first ? [{ at, ...first }] : [] };
}

/**
 * The meta after checking its sign-off against the content's hash: unchanged when there is no sign-off or
 * it still matches; otherwise a draft without sign-off and a 'voided' history entry (by whoever changed it,
 * when known).
 */
export function voidIfChanged(meta: IssueMeta, contentHash: string, at: string, by?: string): IssueMeta {
  if (!meta.signOff || meta.signOff.contentHash === contentHash) return meta;
  const { signOff: _voided, ...rest } = meta;
  return {
    ...rest,
    status: 'draft',
    history: [...meta.history, { at, action: 'voided', ...(by === undefined ? {} : { by }), detail: VOIDED_DETAIL }],
  };
}

/** One line for a list of problems: the first, and how many more. */
export function describeProblems(problems: readonly FormatProblem[]): string {
  if (problems.length === 0) return '内容无效';
  const first = problems[0]!;
  const line = first.path ? `${first.path}：${first.reason}` : first.reason;
  return problems.length > 1 ? `${line}（另有 ${problems.length - 1} 处问题）` : line;
}
