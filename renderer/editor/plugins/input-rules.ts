/**
 * Typed heading labels. Typing a label at the very start of a paragraph — 一、 （一） 1. 1． 1、 （1）, with
 * half-width brackets (一) (1) or full-width digits as well: exactly the labels import and paste recognise —
 * turns the paragraph into a heading of that level and removes the typed label: the number is computed, never
 * typed (see ./numbering.ts). The rule fires on the character that completes the label (the 、 . ． or closing
 * bracket), also when it arrives from an input method's composition. Backspace right after the conversion
 * (undoInputRule) gives the typed text back, e.g. for a paragraph that really starts with "1.".
 */

import { InputRule, inputRules } from 'prosemirror-inputrules';
import type { Schema } from 'prosemirror-model';
import type { EditorState, Plugin, Transaction } from 'prosemirror-state';
import { TYPED_LABEL_PATTERNS } from '../../../core/model/heading-grammar.js';
import type { HeadingLevel } from '../../../core/model/issue.js';

/**
 * The typed labels, one per level, from the heading grammar (core/model/heading-grammar.ts) that paste, import
 * and 校对 use too. Each matches the whole text before the caret (from the start of the paragraph) plus the
 * character just typed, and ends with `$` as input rules require.
 */
export const HEADING_LABEL_PATTERNS = TYPED_LABEL_PATTERNS;

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
