/**
 * Run-in heading styling. A run-in heading is one textblock: heading sentence, `heading_end` marker, body
 * text (see ../schema.ts). The heading element carries the heading's font (黑体 for 一、, 楷体 for （一）…); this
 * plugin marks the text after the marker with the class `bulletin-run-in-body` so that editor.css can set it in
 * the body font, and sets `data-run-in` on the heading so it is laid out as a paragraph. Derived from the
 * document on every change, like the numbering.
 */

import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { headingEndOffset } from '../schema.js';

/** Decorations for every heading that has a run-in marker. */
export function runInDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'heading') return;
    const offset = headingEndOffset(node);
    if (offset < 0) return;
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-run-in': 'true' }));
    const bodyFrom = pos + 1 + offset + 1;
    const bodyTo = pos + node.nodeSize - 1;
    if (bodyTo > bodyFrom) decorations.push(Decoration.inline(bodyFrom, bodyTo, { class: 'bulletin-run-in-body' }));
  });
  return DecorationSet.create(doc, decorations);
}

/** The key of the run-in plugin; its state is the current DecorationSet. */
export const runInKey = new PluginKey<DecorationSet>('bulletin-run-in');

/** The plugin that styles run-in headings. */
export function runInPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: runInKey,
    state: {
      init: (_config, state) => runInDecorations(state.doc),
      apply: (tr, old, _oldState, newState) => (tr.docChanged ? runInDecorations(newState.doc) : old),
    },
    props: {
      decorations: (state) => runInKey.getState(state),
    },
  });
}
