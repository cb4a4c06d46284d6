import {
  array,
  object,
  oneOf,
  string,
  type FormatProblem,
  type Validator,
} from '../core/model/validate.js';
import type { HistoryAction, HistoryEntry, IssueMeta, IssueStatus, SignOff } from './library-types.js';
import { checkSignOffRecord, type SignOffTrust } from './signoff-record.js';

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
  'locked',
  'withdrawn',
  'revised',
];

/** The history detail of a sign-off voided by a change of content. */
export const VOIDED_DETAIL = '签发后内容被修改，签发已作废';

const text = string();
const hex = string({ nonEmpty: true });

const signOffValidator: Validator<SignOff> = object({
  required: { signer: text, opinion: text, at: text, contentHash: hex },
  optional: { certificate: hex, finalPdf: hex, signature: hex },
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
  optional: { publication: string({ nonEmpty: true }), signOff: signOffValidator, legacySignOff: signOffValidator },
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
    ...(meta.publication === undefined ? {} : { publication: meta.publication }),
    status: meta.status,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    ...(meta.signOff ? { signOff: signOffJson(meta.signOff) } : {}),
    ...(meta.legacySignOff ? { legacySignOff: signOffJson(meta.legacySignOff) } : {}),
    history: meta.history.map((h) => ({
      at: h.at,
      action: h.action,
      ...(h.by === undefined ? {} : { by: h.by }),
      ...(h.detail === undefined ? {} : { detail: h.detail }),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A sign-off's fields in a fixed order. */
function signOffJson(s: SignOff): SignOff {
  return {
    signer: s.signer,
    opinion: s.opinion,
    at: s.at,
    contentHash: s.contentHash,
    ...(s.certificate === undefined ? {} : { certificate: s.certificate }),
    ...(s.finalPdf === undefined ? {} : { finalPdf: s.finalPdf }),
    ...(s.signature === undefined ? {} : { signature: s.signature }),
  };
}

/** A fresh meta: a draft (of `publication`, when given) with an optional first history entry. */
export function newMeta(id: string, at: string, first?: Omit<HistoryEntry, 'at'>, publication?: string): IssueMeta {
  return {
    id,
    ...(publication === undefined ? {} : { publication }),
    status: 'draft',
    createdAt: at,
    updatedAt: at,
    history: first ? [{ at, ...first }] : [],
  };
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

/** The history detail of an old-format sign-off found on reading (before the words naming it). */
export const LEGACY_SIGNOFF = '旧版签发（无数字签名）';

/** What {@link checkSignOff} decided: the meta to use, and whether the original meta file must be kept first. */
export interface CheckedMeta {
  readonly meta: IssueMeta;
  /** The meta changed because its sign-off is old-format or does not verify: keep the original file's bytes. */
  readonly keepOriginal: boolean;
}

/**
 * The meta after verifying its sign-off (services/signoff-record.ts), as every load does:
 *  - valid, or no sign-off: unchanged;
 *  - the content changed since: voided as {@link voidIfChanged} does;
 *  - an old-format sign-off (no digital signature): kept as `legacySignOff` and no longer a sign-off — an
 *    已签发 issue goes back to 送审 (an 已印发 one stays 已印发) — with a 'migrated' history line;
 *  - a record that does not verify: not a sign-off — the issue goes back to 草稿 and the history says
 *    签发记录无法验证 and why.
 * In the last two cases the caller keeps the original meta file before writing the new one.
 */
export function checkSignOff(meta: IssueMeta, options: { contentHash: string; at: string; trust: () => SignOffTrust }): CheckedMeta {
  const { signOff } = meta;
  if (!signOff) return { meta, keepOriginal: false };
  const check = checkSignOffRecord(meta.id, signOff, options.contentHash, options.trust);
  const { signOff: _dropped, ...rest } = meta;
  switch (check.kind) {
    case 'valid':
      return { meta, keepOriginal: false };
    case 'changed':
      return { meta: voidIfChanged(meta, options.contentHash, options.at), keepOriginal: false };
    case 'legacy': {
      const detail = `${LEGACY_SIGNOFF}：${signOff.signer}于 ${signOff.at} 签发（意见“${signOff.opinion}”）；须重新签发后才能导出正式版，原期刊信息文件已备份`;
      return {
        meta: {
          ...rest,
          status: meta.status === 'printed' ? 'printed' : meta.status === 'approved' ? 'submitted' : meta.status,
          legacySignOff: signOff,
          history: [...meta.history, { at: options.at, action: 'migrated', detail }],
        },
        keepOriginal: true,
      };
    }
    case 'invalid':
      return {
        meta: { ...rest, status: 'draft', history: [...meta.history, { at: options.at, action: 'voided', detail: `${check.reason}；不作为签发，原期刊信息文件已备份` }] },
        keepOriginal: true,
      };
  }
}

/** One line for a list of problems: the first, and how many more. */
export function describeProblems(problems: readonly FormatProblem[]): string {
  if (problems.length === 0) return '内容无效';
  const first = problems[0]!;
  const line = first.path ? `${first.path}：${first.reason}` : first.reason;
  return problems.length > 1 ? `${line}（另有 ${problems.length - 1} 处问题）` : line;
}
