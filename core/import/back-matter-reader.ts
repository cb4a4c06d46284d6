import type { DistributionEntry } from '../model/issue.js';
import type { Notes } from './import-notes.js';
import { len } from './text-helpers.js';

/**
 * The back-matter reader of the plain-text importer: the lines at the foot of the last page — 送 (and 抄送) with
 * its continuation lines, 责任编辑 (often on one line with 联系方式), 联系方式 and 批准文号 — and what becomes of
 * them: distribution entries, editor names, the contact line and the approval number.
 */

/** 送： or 抄送：, opening the distribution list. */
export const DISTRIBUTION = /^(?:抄\s*)?送\s*[:：]\s*/u;
/** 责任编辑：, spaced or not. */
export const EDITORS = /^责\s*任\s*编\s*辑\s*[:：]?\s*/u;
/** 联系方式： or 联系电话：, anywhere on a line. */
export const CONTACT = /(?:联\s*系\s*方\s*式|联\s*系\s*电\s*话)\s*[:：]\s*/u;
/** 批准文号： or 内部资料准印证号：. */
export const APPROVAL = /^(?:批准文号|内部资料准印证号?|准印证号?)\s*[:：]?\s*/u;

/** Whether a line opens a part of the back matter (送, 责任编辑, 批准文号). */
export function isBackMatter(line: string): boolean {
  return DISTRIBUTION.test(line) || EDITORS.test(line) || APPROVAL.test(line);
}

/**
 * Splits the 责任编辑 names: runs of spaces (or 、，) separate names; a two-character name printed as "石 韧" to
 * align with three-character names is rejoined (two single-character tokens in a row form one name).
 */
export function parseEditorNames(text: string): string[] {
  const tokens = text.split(/[\s\u3000\u00a0、，,；;]+/u).filter((t) => t !== '');
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (len(t) === 1 && next !== undefined && len(next) === 1) {
      names.push(t + next);
      i++;
    } else names.push(t);
  }
  return names;
}

/** The back matter as read: 送 lines, 责任编辑, 联系方式 and 批准文号 as found in the text. */
export interface RawBackMatter {
  readonly distribution: readonly string[];
  readonly editors?: string;
  readonly contact?: string;
  readonly approval?: string;
}

/** What the back matter becomes: cleaned distribution entries (one copy each), names, contact, approval number. */
export interface BackMatter {
  readonly distribution: DistributionEntry[];
  readonly editors: string[];
  readonly contact?: string;
  readonly approval?: string;
}

/** Cleans the back matter read from the text (punctuation and spacing through `notes`, which counts them). */
export function readBackMatter(raw: RawBackMatter, notes: Notes): BackMatter {
  const distribution: DistributionEntry[] = raw.distribution
    .map((line) => notes.clean(line).trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line, copies: 1 }));
  const editors = raw.editors === undefined ? [] : parseEditorNames(raw.editors);
  const contact = raw.contact?.replace(/[\s\u3000\u00a0]+/gu, ' ').trim();
  const approval = raw.approval === undefined ? undefined : notes.clean(raw.approval).trim();
  return {
    distribution,
    editors,
    ...(contact === undefined ? {} : { contact }),
    ...(approval === undefined ? {} : { approval }),
  };
}
