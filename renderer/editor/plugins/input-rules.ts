/**
 * Typed heading labels. Typing a label at the very start of a paragraph — 一、 （一） 1. 1． 1、 （1）, with
 * half-width brackets (一) (1) or full-width digits as well — turns the paragraph into a heading of that
 * level and removes the typed label: the number is computed, never typed (see ./numbering.ts). The rule fires
 * on the character that completes the label (the 、 . ． or closing bracket), also when it arrives from an
 * input method's composition. Backspace right after the conversion (undoInputRule) gives the typed text back,
 * e.g. for a paragraph that really starts with "1.".
 */

import { InputRule, inputRules } from 'prosemirror-inputrules';
import type { Schema } from 'prosemirror-model';
import type { EditorState, Plugin, Transaction } from 'prosemirror-state';
import type { HeadingLevel } from '../../../core/model/issue.js';

const HAN_NUMBER = '[一二三四五六七八九十百]+';
const DIGITS = '[0-9０-９]{1,3}';

/**
 * The typed labels, one per level. Each matches the whole text before the caret (from the start of the
 * paragraph) plus the character just typed, and ends with `$` as input rules require.
 */
export const HEADING_LABEL_PATTERNS: readonly { readonly level: HeadingLevel; readonly pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^${HAN_NUMBER}、$`, 'u') },
  { level: 2, pattern: new RegExp(`^[（(]${HAN_NUMBER}[）)]$`, 'u') },
  { level: 3, pattern: new RegExp(`^${DIGITS}[.．、]$`, 'u') },
  { level: 4, pattern: new RegExp(`^[（(]${DIGITS}[）)]$`, 'u') },
];

/**
 * The transaction of a typed label: when `start` is the start of a paragraph, deletes start…end (the label
 * typed so far; the character being typed is never inserted) and makes the paragraph a heading of `level`.
 * Null when `start` is not at the start of a paragraph or the schema has no headings.
 */
export function typedLabelTransaction(
  state: EditorState,
  start: number,
  end: number,
  level: HeadingLevel,
): Transaction | null {
  const heading = state.schema.nodes.heading;
  if (!heading) return null;
  const $start = state.doc.resolve(start);
  if ($start.parent.type.name !== 'paragraph' || $start.parentOffset !== 0) return null;
  if (end < start || end > $start.end()) return null;
  const tr = state.tr.delete(start, end);
  tr.setNodeMarkup($start.before(), heading, { level });
  return tr.scrollIntoView();
}

/** The input rules for typed labels (one per level). */
export function headingLabelRules(): InputRule[] {
  return HEADING_LABEL_PATTERNS.map(
    ({ level, pattern }) =>
      new InputRule(pattern, (state, _match, start, end) => typedLabelTransaction(state, start, end, level)),
  );
}

/**
 * The input-rules plugin of an article body; null for a schema without headings (the editor's note), where
 * a typed label stays text.
 */
export function headingInputRules(schema: Schema): Plugin | null {
  if (!schema.nodes.heading) return null;
  return inputRules({ rules: headingLabelRules() });
}
