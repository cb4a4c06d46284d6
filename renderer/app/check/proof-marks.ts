import type { Problem } from '../../../core/check/problem.js';
import type { ProofMark } from '../../editor/plugins/proofread.js';

/**
 * The 校对 problems that sit in the text editors, sorted by editor (slot id: 'note', 'body:<article key>'), as
 * the marks the proofread plugin draws. Problems in fields (titles, 供稿, dates…) are listed only.
 */
export function proofMarksBySlot(problems: readonly Problem[], articleKeys: readonly string[]): Map<string, ProofMark[]> {
  const out = new Map<string, ProofMark[]>();
  const add = (slot: string, mark: ProofMark) => {
    const list = out.get(slot);
    if (list) list.push(mark);
    else out.set(slot, [mark]);
  };
  for (const p of problems) {
    if (p.severity === 'info') continue; // a 版面 fact, not a mark in the text
    const base = { severity: p.severity, message: p.message, ...(p.offset === undefined ? {} : { offset: p.offset }) };
    const note = /^editorNote\[(\d+)\]$/.exec(p.path);
    if (note) {
      add('note', { block: Number(note[1]), field: 'content', ...base });
      continue;
    }
    const body = /^articles\[(\d+)\]\.body\[(\d+)\](?:\.(content|body))?$/.exec(p.path);
    const key = body ? articleKeys[Number(body[1])] : undefined;
    if (body && key !== undefined) add(`body:${key}`, { block: Number(body[2]), field: (body[3] as 'content' | 'body' | undefined) ?? 'content', ...base });
  }
  return out;
}
