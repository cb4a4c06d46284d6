/**
 * Heading numbers. A heading's label (一、 （一） 1. （1）) is derived from the document on every change by
 * core's numberHeadings — never stored — so inserting, deleting, moving a heading or changing its level
 * renumbers everything at once. The label is drawn with a node decoration that sets `data-label` on the
 * heading element; editor.css shows it with `::before { content: attr(data-label) }`, so it is not part of the
 * editable text (the caret cannot enter it, copying does not copy it).
 */

import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Block, HeadingLevel } from '../../../core/model/issue.js';
import { numberHeadings } from '../../../core/model/numbering.js';

/** The labels of a document's top-level blocks, in order: the label of each heading, null for a paragraph. */
export function headingLabels(doc: PMNode): (string | null)[] {
  const blocks: Block[] = [];
  doc.forEach((node) => {
    blocks.push(
      node.type.name === 'heading'
        ? { type: 'heading', level: node.attrs.level as HeadingLevel, content: [] }
        : { type: 'paragraph', content: [] },
    );
  });
  return numberHeadings(blocks);
}

/** The spec of a numbering decoration: the label it shows. */
export interface NumberingSpec {
  readonly label: string;
}

/** Node decorations carrying each heading's label (`data-label`), with the label also in the spec. */
export function numberingDecorations(doc: PMNode): DecorationSet {
  const labels = headingLabels(doc);
  const decorations: Decoration[] = [];
  doc.forEach((node, pos, index) => {
    const label = labels[index];
    if (label == null) return;
    const spec: NumberingSpec = { label };
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-label': label }, spec));
  });
  return DecorationSet.create(doc, decorations);
}

/** The key of the numbering plugin; its state is the current DecorationSet. */
export const numberingKey = new PluginKey<DecorationSet>('bulletin-numbering');

/** The plugin that keeps heading labels up to date (recomputed whenever the document changes). */
export function numberingPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: numberingKey,
    state: {
      init: (_config, state) => numberingDecorations(state.doc),
      apply: (tr, old, _oldState, newState) => (tr.docChanged ? numberingDecorations(newState.doc) : old),
    },
    props: {
      decorations: (state) => numberingKey.getState(state),
    },
  });
}

/** The label shown on the top-level block at `index`, read from the plugin's decorations (null if none). */
export function labelAt(decorations: DecorationSet, doc: PMNode, index: number): string | null {
  if (index < 0 || index >= doc.childCount) return null;
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  const found = decorations.find(pos, pos + doc.child(index).nodeSize, (spec) => typeof spec.label === 'string');
  const hit = found.find((d) => d.from === pos);
  return hit ? (hit.spec as NumberingSpec).label : null;
}
