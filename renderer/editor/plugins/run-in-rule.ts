/**
 * The run-in rule while typing. A heading whose text goes on after its heading phrase ("健全工作机制。市人大常委会…")
 * is a run-in heading — the one rule of core/model/run-in.ts that paste, import and typesetting apply too — so
 * as soon as text follows the phrase's 。？！ the editor's `heading_end` marker is put after it: the phrase keeps the
 * heading's face, the rest shows in the body face (./run-in.ts), exactly as it prints. A heading already run in
 * (a marker with text after it, e.g. placed by hand with 接排 after a ：) is left alone; 接排 (toggleRunIn) still
 * switches a heading to standalone, which moves the text after the phrase to the next paragraph.
 *
 * During an input method's composition nothing is changed (the marker would break the composed text); the rule
 * runs on the first transaction after it, and when the composition ends.
 */

import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { runInSplit } from '../../../core/model/heading-grammar.js';
import { headingEndOffset } from '../schema.js';

/** A heading that the rule would run in: its position and where its phrase ends and the run-in text starts. */
interface Pending {
  readonly pos: number;
  readonly marker: number;
  readonly phraseEnd: number;
  readonly bodyStart: number;
}

/** The text of a heading's content before its marker (the whole content when it has none), with its length in positions. */
function headingText(node: PMNode, marker: number): string {
  let text = '';
  node.forEach((child, offset) => {
    if (child.isText && (marker < 0 || offset < marker)) text += child.text!;
  });
  return text;
}

/** Headings without run-in text whose own text goes on after the heading phrase. */
function pendingHeadings(doc: PMNode): Pending[] {
  const out: Pending[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'heading') return;
    const marker = headingEndOffset(node);
    if (marker >= 0 && marker + 1 < node.content.size) return; // run in already
    const split = runInSplit(headingText(node, marker));
    if (split) out.push({ pos, marker, ...split });
  });
  return out;
}

/** The transaction that runs in every heading the rule applies to, or null when none does. */
export function runInRuleTransaction(state: EditorState): Transaction | null {
  const headingEnd = state.schema.nodes.heading_end;
  if (!headingEnd) return null;
  const pending = pendingHeadings(state.doc);
  if (pending.length === 0) return null;
  const tr = state.tr;
  // Last first, so earlier positions stay valid.
  for (const p of [...pending].reverse()) {
    const start = p.pos + 1;
    if (p.marker >= 0) tr.delete(start + p.marker, start + p.marker + 1); // an empty marker at the end
    tr.delete(start + p.phraseEnd, start + p.bodyStart); // spaces after the phrase
    tr.insert(start + p.phraseEnd, headingEnd.create());
  }
  return tr;
}

/** The key of the run-in rule plugin. */
export const runInRuleKey = new PluginKey('bulletin-run-in-rule');

/** The plugin applying the run-in rule after every change outside a composition. */
export function runInRulePlugin(): Plugin {
  return new Plugin({
    key: runInRuleKey,
    appendTransaction: (transactions, _old, state) => {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      if (transactions.some((tr) => tr.getMeta('composition') !== undefined)) return null;
      return runInRuleTransaction(state);
    },
    view: () => ({
      update: (view) => {
        if (view.composing) return;
        const tr = runInRuleTransaction(view.state);
        if (tr) queueMicrotask(() => {
          if (view.isDestroyed || view.composing) return;
          const again = runInRuleTransaction(view.state);
          if (again) view.dispatch(again);
        });
      },
    }),
  });
}
