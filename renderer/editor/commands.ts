/**
 * Editing commands of the bulletin editor, in ProseMirror's shape `(state, dispatch?) => boolean`: called
 * without `dispatch` a command only answers whether it applies (for enabling toolbar buttons). Commands that
 * concern headings return false in a schema without headings (the editor's note).
 */

import { setBlockType, toggleMark } from 'prosemirror-commands';
import type { MarkType, Node as PMNode, ResolvedPos } from 'prosemirror-model';
import { type Command, type EditorState, TextSelection } from 'prosemirror-state';
import { headingPhraseEnd } from '../../core/model/heading-grammar.js';
import type { HeadingLevel } from '../../core/model/issue.js';
import { headingEndOffset } from './schema.js';

/** Clamps a number to a heading level. */
function clampLevel(level: number): HeadingLevel {
  return Math.min(4, Math.max(1, Math.round(level))) as HeadingLevel;
}

/** The top-level blocks the selection touches, as [first, last] child indices. */
function selectedBlockRange(state: EditorState): { first: number; last: number } {
  const { $from, $to } = state.selection;
  const first = Math.min($from.index(0), state.doc.childCount - 1);
  // A $to at depth 0 sits between blocks: the block before it is the last one selected.
  const lastRaw = $to.depth === 0 ? $to.index(0) - 1 : $to.index(0);
  const last = Math.max(first, Math.min(lastRaw, state.doc.childCount - 1));
  return { first, last };
}

/** Position of the top-level child at `index`. */
function childPos(doc: PMNode, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** The heading the selection starts in (a top-level textblock), with its position; undefined otherwise. */
function headingAt($pos: ResolvedPos): { node: PMNode; pos: number } | undefined {
  if ($pos.depth !== 1 || $pos.parent.type.name !== 'heading') return undefined;
  return { node: $pos.parent, pos: $pos.before(1) };
}

/** Makes the selected textblocks headings of `level` (paragraphs become headings, headings change level). */
export function setHeading(level: HeadingLevel): Command {
  return (state, dispatch) => {
    const heading = state.schema.nodes.heading;
    if (!heading) return false;
    return setBlockType(heading, { level })(state, dispatch);
  };
}

/**
 * Makes the selected textblocks paragraphs. A run-in heading becomes one paragraph of its sentence and the text
 * after it (the marker goes).
 */
export const makeParagraph: Command = (state, dispatch) =>
  setBlockType(state.schema.nodes.paragraph!)(state, dispatch);

/**
 * Heading ↔ paragraph for the block at the selection: a heading becomes a paragraph; a paragraph becomes a
 * heading at the level of the nearest heading above it (level 1 when there is none).
 */
export const toggleParagraph: Command = (state, dispatch) => {
  const heading = state.schema.nodes.heading;
  if (!heading) return false;
  const { $from } = state.selection;
  if ($from.parent.type === heading) return makeParagraph(state, dispatch);
  if (!$from.parent.isTextblock) return false;
  let level: HeadingLevel = 1;
  for (let i = $from.index(0) - 1; i >= 0; i--) {
    const node = state.doc.child(i);
    if (node.type === heading) {
      level = node.attrs.level as HeadingLevel;
      break;
    }
  }
  return setHeading(level)(state, dispatch);
};

/**
 * Changes the level of every selected heading by `delta` (Tab: +1, deeper; Shift-Tab: −1, shallower), clamped to
 * 1–4. False when the selection holds no heading (so Tab in a paragraph does nothing here); true on a heading
 * already at the limit, without a change.
 */
export function changeLevel(delta: number): Command {
  return (state, dispatch) => {
    const heading = state.schema.nodes.heading;
    if (!heading) return false;
    const { first, last } = selectedBlockRange(state);
    const changes: { pos: number; level: HeadingLevel }[] = [];
    let found = false;
    let pos = childPos(state.doc, first);
    for (let i = first; i <= last; i++) {
      const node = state.doc.child(i);
      if (node.type === heading) {
        found = true;
        const level = clampLevel((node.attrs.level as number) + delta);
        if (level !== node.attrs.level) changes.push({ pos, level });
      }
      pos += node.nodeSize;
    }
    if (!found) return false;
    if (dispatch && changes.length > 0) {
      const tr = state.tr;
      for (const c of changes) tr.setNodeMarkup(c.pos, heading, { level: c.level });
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Toggles bold on the selection (or the stored marks at the caret). */
export const toggleBold: Command = (state, dispatch) => toggleMark(state.schema.marks.strong!)(state, dispatch);

/**
 * Moves the selected top-level blocks one place up (`direction` −1) or down (+1), past their neighbour;
 * the selection moves with them. False at the start or end of the document.
 */
export function moveBlock(direction: -1 | 1): Command {
  return (state, dispatch) => {
    const { doc } = state;
    const { first, last } = selectedBlockRange(state);
    const start = childPos(doc, first);
    let end = start;
    for (let i = first; i <= last; i++) end += doc.child(i).nodeSize;
    if (direction < 0) {
      if (first === 0) return false;
      if (dispatch) {
        const prev = doc.child(first - 1);
        const prevStart = start - prev.nodeSize;
        const tr = state.tr.delete(prevStart, start);
        tr.insert(end - prev.nodeSize, prev);
        dispatch(tr.scrollIntoView());
      }
      return true;
    }
    if (last >= doc.childCount - 1) return false;
    if (dispatch) {
      const next = doc.child(last + 1);
      const tr = state.tr.delete(end, end + next.nodeSize);
      tr.insert(start, next);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** The end of a heading's phrase (the heading grammar's) followed by more text: the offset just after it, or -1. */
function sentenceEndOffset(node: PMNode): number {
  let found = -1;
  node.forEach((child, offset) => {
    if (found >= 0 || !child.isText) return;
    const end = headingPhraseEnd(child.text!);
    if (end >= 0) found = offset + end;
  });
  return found >= 0 && found < node.content.size ? found : -1;
}

/**
 * Run in ↔ standalone for the heading at the selection.
 * - A run-in heading stands alone: the text after the marker becomes the next paragraph.
 * - A standalone heading is run in: when its own text holds the end of a heading phrase (the heading grammar's:
 *   a sentence end 。！？) followed by more text, the marker goes after it; otherwise a following paragraph is joined to it as its body; otherwise an
 *   empty body is started and the caret put there.
 */
export const toggleRunIn: Command = (state, dispatch) => {
  const paragraph = state.schema.nodes.paragraph!;
  const headingEnd = state.schema.nodes.heading_end;
  const found = headingAt(state.selection.$from);
  if (!headingEnd || !found) return false;
  const { node, pos } = found;
  if (!dispatch) return true;
  const tr = state.tr;
  const contentEnd = pos + node.nodeSize - 1;
  const marker = headingEndOffset(node);
  if (marker >= 0) {
    const markerPos = pos + 1 + marker;
    if (markerPos + 1 < contentEnd) tr.split(markerPos + 1, 1, [{ type: paragraph }]);
    tr.delete(markerPos, markerPos + 1);
    dispatch(tr.scrollIntoView());
    return true;
  }
  const sentence = sentenceEndOffset(node);
  if (sentence >= 0) {
    tr.insert(pos + 1 + sentence, headingEnd.create());
    dispatch(tr.scrollIntoView());
    return true;
  }
  tr.insert(contentEnd, headingEnd.create());
  const index = state.selection.$from.index(0);
  const next = index + 1 < state.doc.childCount ? state.doc.child(index + 1) : undefined;
  if (next && next.type === paragraph) {
    tr.join(contentEnd + 2);
  } else {
    tr.setSelection(TextSelection.create(tr.doc, contentEnd + 1));
  }
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * Splits a standalone heading at the caret into a run-in heading: the text before the caret is the heading
 * sentence, the text after it the body (a selection is replaced). False outside a heading and in a heading that
 * already has a marker.
 */
export const insertHeadingEnd: Command = (state, dispatch) => {
  const headingEnd = state.schema.nodes.heading_end;
  const { $from, $to } = state.selection;
  const found = headingAt($from);
  if (!headingEnd || !found || $to.parent !== $from.parent || headingEndOffset(found.node) >= 0) return false;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(headingEnd.create(), false).scrollIntoView());
  return true;
};

/**
 * Enter inside a heading. The block after a heading is a paragraph:
 * - in an empty heading, the heading becomes a paragraph;
 * - at the very start of a heading, an empty paragraph is inserted above it;
 * - elsewhere the heading is split and the second part is a paragraph. In a run-in heading, splitting in the
 *   heading sentence or right after the marker ends the run-in (the rest, body included, becomes the
 *   paragraph); splitting later in the body keeps the heading run in with the body up to the caret.
 * False outside headings (and for selections across blocks), for the default Enter to handle.
 */
export const splitHeading: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  const found = headingAt($from);
  if (!found || $to.parent !== $from.parent || !(state.selection instanceof TextSelection)) return false;
  if (!dispatch) return true;
  const paragraph = state.schema.nodes.paragraph!;
  const marks = state.storedMarks ?? ($to.parentOffset ? $from.marks() : null);
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  const { pos } = found;
  const node = tr.doc.nodeAt(pos)!;
  let offset = tr.selection.from - (pos + 1);
  if (node.content.size === 0 && state.selection.empty) {
    tr.setNodeMarkup(pos, paragraph);
    dispatch(tr.scrollIntoView());
    return true;
  }
  if (offset === 0 && node.content.size > 0) {
    tr.insert(pos, paragraph.create());
    dispatch(tr.scrollIntoView());
    return true;
  }
  const marker = headingEndOffset(node);
  if (marker >= 0 && offset <= marker + 1) {
    tr.delete(pos + 1 + marker, pos + 2 + marker);
    if (offset === marker + 1) offset--;
  }
  tr.split(pos + 1 + offset, 1, [{ type: paragraph }]);
  if (marks) tr.ensureMarks(marks);
  dispatch(tr.scrollIntoView());
  return true;
};

/** What the toolbar shows for the selection. */
export interface BlockInfo {
  /** The block at the selection's start. */
  readonly type: 'paragraph' | 'heading';
  /** The heading level, when a heading. */
  readonly level?: HeadingLevel;
  /** Whether the heading has a run-in marker. */
  readonly runIn: boolean;
  /** Whether bold is active (stored marks at the caret, or the whole selection bold). */
  readonly bold: boolean;
}

/** Whether the whole selection (or the caret's marks) carries a mark type. */
function markActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  let all = true;
  let any = false;
  state.doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return;
    any = true;
    if (!type.isInSet(node.marks)) all = false;
  });
  return any && all;
}

/** The block type, level, run-in state and bold state at the selection, for a toolbar. */
export function blockInfo(state: EditorState): BlockInfo {
  const { $from } = state.selection;
  const node = $from.depth >= 1 ? $from.node(1) : state.doc.firstChild!;
  const bold = markActive(state, state.schema.marks.strong!);
  if (node.type.name === 'heading') {
    return { type: 'heading', level: node.attrs.level as HeadingLevel, runIn: headingEndOffset(node) >= 0, bold };
  }
  return { type: 'paragraph', runIn: false, bold };
}
