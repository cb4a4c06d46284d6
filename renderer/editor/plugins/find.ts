/**
 * Find in the editor (Ctrl+F): {@link findInDoc} lists the matches of a text in a document, and the find
 * plugin highlights them (class `bulletin-find-match`, the current one also `bulletin-find-current`) and keeps
 * them up to date while the text is edited. The shell owns the search box: it calls {@link setFindQuery} as the
 * user types, {@link findNext} / {@link findPrevious} on Enter / Shift+Enter, {@link clearFind} on Escape, and
 * reads {@link findState} for "3 / 12".
 *
 * Matches are searched per block and may run across bold boundaries and across a run-in heading's marker
 * ("主题。这次" is found in "一、深化活动主题。这次活动……"); heading labels are not text and are not found.
 */

import type { Node as PMNode } from 'prosemirror-model';
import { type Command, type EditorState, Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** What to look for. Latin letters match case-insensitively unless `caseSensitive`. */
export interface FindQuery {
  readonly text: string;
  readonly caseSensitive?: boolean;
}

/** One match: document positions and the index of the top-level block it is in. */
export interface FindRange {
  readonly from: number;
  readonly to: number;
  readonly block: number;
}

function asQuery(query: string | FindQuery): FindQuery {
  return typeof query === 'string' ? { text: query } : query;
}

/** Lower case when that keeps every index in place (it does for Chinese and for ASCII). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text;
}

/** Every match of `query` in the document (of a state or a node), in document order, not overlapping. */
export function findInDoc(source: EditorState | PMNode, query: string | FindQuery): FindRange[] {
  const doc = 'doc' in source ? source.doc : source;
  const q = asQuery(query);
  if (!q.text) return [];
  const needle = q.caseSensitive ? q.text : fold(q.text);
  const ranges: FindRange[] = [];
  doc.forEach((block, blockPos, index) => {
    if (!block.isTextblock) return;
    let chars = '';
    const positions: number[] = [];
    block.forEach((child, offset) => {
      if (!child.isText) return;
      const start = blockPos + 1 + offset;
      for (let i = 0; i < child.text!.length; i++) positions.push(start + i);
      chars += child.text!;
    });
    const hay = q.caseSensitive ? chars : fold(chars);
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      ranges.push({ from: positions[at]!, to: positions[at + needle.length - 1]! + 1, block: index });
    }
  });
  return ranges;
}

/** The find plugin's state. `current` is the index of the current match, or −1. */
export interface FindState {
  readonly query: FindQuery | null;
  readonly matches: readonly FindRange[];
  readonly current: number;
  readonly decorations: DecorationSet;
}

interface FindMeta {
  readonly query?: FindQuery | null;
  readonly current?: number;
}

/** The key of the find plugin. */
export const findKey = new PluginKey<FindState>('bulletin-find');

function decorate(doc: PMNode, matches: readonly FindRange[], current: number): DecorationSet {
  if (matches.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    matches.map((m, i) =>
      Decoration.inline(m.from, m.to, {
        class: i === current ? 'bulletin-find-match bulletin-find-current' : 'bulletin-find-match',
      }),
    ),
  );
}

function stateFor(doc: PMNode, query: FindQuery | null, current: number): FindState {
  const matches = query ? findInDoc(doc, query) : [];
  const cur = current >= 0 && current < matches.length ? current : -1;
  return { query, matches, current: cur, decorations: decorate(doc, matches, cur) };
}

/** The plugin that highlights the matches of the current query. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: (_config, state) => stateFor(state.doc, null, -1),
      apply(tr, old) {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (meta && 'query' in meta) return stateFor(tr.doc, meta.query ?? null, meta.current ?? -1);
        if (meta && meta.current !== undefined) return stateFor(tr.doc, old.query, meta.current);
        if (!tr.docChanged || !old.query) return old;
        // Keep the current match when it survives the edit.
        const was = old.matches[old.current];
        const next = stateFor(tr.doc, old.query, -1);
        if (!was) return next;
        const from = tr.mapping.map(was.from);
        const index = next.matches.findIndex((m) => m.from === from);
        return index < 0 ? next : stateFor(tr.doc, old.query, index);
      },
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations,
    },
  });
}

/** The find state of an editor state (undefined without the plugin). */
export function findState(state: EditorState): FindState | undefined {
  return findKey.getState(state);
}

/**
 * Sets (or, with null or an empty text, clears) the query. The current match becomes the first one at or
 * after the selection; the selection itself does not move. False without the find plugin.
 */
export function setFindQuery(query: string | FindQuery | null): Command {
  return (state, dispatch) => {
    if (!findKey.getState(state)) return false;
    const q = query === null ? null : asQuery(query);
    const effective = q && q.text ? q : null;
    if (dispatch) {
      const matches = effective ? findInDoc(state, effective) : [];
      const after = matches.findIndex((m) => m.from >= state.selection.from);
      const current = matches.length === 0 ? -1 : after < 0 ? 0 : after;
      const meta: FindMeta = { query: effective, current };
      dispatch(state.tr.setMeta(findKey, meta));
    }
    return true;
  };
}

/** Clears the query and its highlights. */
export const clearFind: Command = setFindQuery(null);

function selectMatch(state: EditorState, index: number, dispatch: Parameters<Command>[1]): boolean {
  const find = findKey.getState(state);
  const match = find?.matches[index];
  if (!match) return false;
  if (dispatch) {
    const meta: FindMeta = { current: index };
    dispatch(
      state.tr
        .setSelection(TextSelection.create(state.doc, match.from, match.to))
        .setMeta(findKey, meta)
        .scrollIntoView(),
    );
  }
  return true;
}

/** Selects the next match after the selection (wrapping to the first). False when nothing matches. */
export const findNext: Command = (state, dispatch) => {
  const matches = findKey.getState(state)?.matches ?? [];
  if (matches.length === 0) return false;
  const index = matches.findIndex((m) => m.from >= state.selection.to);
  return selectMatch(state, index < 0 ? 0 : index, dispatch);
};

/** Selects the match before the selection (wrapping to the last). False when nothing matches. */
export const findPrevious: Command = (state, dispatch) => {
  const matches = findKey.getState(state)?.matches ?? [];
  if (matches.length === 0) return false;
  let index = -1;
  for (let i = matches.length - 1; i >= 0; i--) {
    if (matches[i]!.to <= state.selection.from) {
      index = i;
      break;
    }
  }
  return selectMatch(state, index < 0 ? matches.length - 1 : index, dispatch);
};
