/**
 * Copying out of the editor as plain text (Notepad, WeChat, a search box): one line per block, each heading
 * with its computed number in front ("一、总体情况"), as the text prints. A heading copied from the middle of its
 * text gets no number. The HTML flavour of the clipboard is ProseMirror's own serialization (no numbers): pasted
 * back into the editor it keeps the structure exactly, and the numbers are recomputed there.
 */

import type { Node as PMNode, Slice } from 'prosemirror-model';
import { headingLabels } from './plugins/numbering.js';

/**
 * The plain text of a copied slice of `doc`. `firstIndex` is the index in `doc` of the slice's first block and
 * `fromBlockStart` whether the copy starts at the start of that block's text.
 */
export function copiedText(slice: Slice, doc: PMNode, firstIndex: number, fromBlockStart: boolean): string {
  const labels = headingLabels(doc);
  const lines: string[] = [];
  slice.content.forEach((node, _offset, i) => {
    if (!node.isTextblock) {
      lines.push(node.textBetween(0, node.content.size, '\n', ''));
      return;
    }
    const text = node.textBetween(0, node.content.size, '\n', '');
    const whole = i > 0 || fromBlockStart;
    const label = node.type.name === 'heading' && whole ? (labels[firstIndex + i] ?? '') : '';
    lines.push(label + text);
  });
  return lines.join('\n');
}
