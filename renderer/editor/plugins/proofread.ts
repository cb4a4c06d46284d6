/**
 * 校对 in the text itself: the findings of the proofreading checks drawn as wavy underlines (as Word does) —
 * red for errors, blue for warnings — with the message as the mark's title. The shell hands the marks of one
 * editor with {@link setProofMarks} after each check; between checks the underlines move with the text
 * (mapped through every edit) and a mark whose text is deleted goes away.
 */

import type { Node as PMNode } from 'prosemirror-model';
import { type Command, type EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/**
 * A finding in one editor: the top-level block, which text of it ('content' — a heading's sentence or a
 * paragraph — or 'body', the text run in after a heading's marker), the UTF-16 offset in that text (none: the
 * whole text), the severity and the message.
 */
export interface ProofMark {
  readonly block: number;
  readonly field: 'content' | 'body';
  readonly offset?: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The key of the proofread plugin. */
export const proofKey = new PluginKey<DecorationSet>('bulletin-proofread');

/** The document range of a mark, or undefined when the document has no such place. */
export function proofRange(doc: PMNode, mark: ProofMark): { from: number; to: number } | undefined {
  if (mark.block < 0 || mark.block >= doc.childCount) return undefined;
  let pos = 0;
  for (let i = 0; i < mark.block; i++) pos += doc.child(i).nodeSize;
  const block = doc.child(mark.block);
  // The text's start and end inside the block: before the heading_end marker ('content'), or after it ('body').
  let marker = -1;
  block.forEach((child, offset) => {
    if (!child.isText && marker < 0) marker = offset;
  });
  const contentEnd = marker < 0 ? block.content.size : marker;
  const start = pos + 1 + (mark.field === 'body' ? (marker < 0 ? block.content.size : marker + 1) : 0);
  const end = pos + 1 + (mark.field === 'body' ? block.content.size : contentEnd);
  if (mark.field === 'body' && marker < 0) return undefined;
  if (mark.offset === undefined) return start < end ? { from: start, to: end } : undefined;
  const from = start + mark.offset;
  if (from >= end) return undefined;
  const code = doc.textBetween(from, Math.min(end, from + 2)).codePointAt(0) ?? 0;
  return { from, to: Math.min(end, from + (code > 0xffff ? 2 : 1)) };
}

function decorations(doc: PMNode, marks: readonly ProofMark[]): DecorationSet {
  const list: Decoration[] = [];
  for (const mark of marks) {
    const range = proofRange(doc, mark);
    if (!range) continue;
    list.push(Decoration.inline(range.from, range.to, { class: `bulletin-proof bulletin-proof-${mark.severity}`, title: mark.message }));
  }
  return DecorationSet.create(doc, list);
}

/** The plugin that draws the marks. */
export function proofreadPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: proofKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, old) {
        const marks = tr.getMeta(proofKey) as readonly ProofMark[] | undefined;
        if (marks) return decorations(tr.doc, marks);
        return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
      },
    },
    props: {
      decorations: (state) => proofKey.getState(state),
    },
  });
}

/** Replaces an editor's marks (an empty list clears them). False without the plugin. */
export function setProofMarks(marks: readonly ProofMark[]): Command {
  return (state: EditorState, dispatch) => {
    if (!proofKey.getState(state)) return false;
    dispatch?.(state.tr.setMeta(proofKey, marks).setMeta('addToHistory', false));
    return true;
  };
}
