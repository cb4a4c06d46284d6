import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { FieldCursor } from '../../../core/model/replace-in-fields.js';
import { findState } from '../../editor/create-editor.js';
import { findMatches, gotoMatch, setQueryIn } from './richtext.js';

/** Where the find bar stands: the matches in all editors and the current one (−1 when none is chosen). */
export interface FindPlace {
  readonly total: number;
  readonly current: number;
}

/**
 * The current place, read from the editors' find plugins (which map their matches through every edit): the
 * count over all editors in order, and the index of the current match of editor `placeKey`. Saves and edits
 * elsewhere leave it where it was.
 */
export function findPlace(views: ReadonlyMap<string, EditorView>, order: readonly string[], placeKey: string | null): FindPlace {
  let total = 0;
  let current = -1;
  for (const key of order) {
    const view = views.get(key);
    const state = view && findState(view.state);
    if (!state) continue;
    if (key === placeKey && state.current >= 0) current = total + state.current;
    total += state.matches.length;
  }
  return { total, current };
}

/**
 * 查找 (Ctrl+F) and 查找和替换 (Ctrl+H): one search box over every editor of the issue (编者按, then each article in
 * order), using the editor's find plugin for highlighting and selection; the place is kept through saves and
 * edits elsewhere. Enter: next; Shift+Enter: previous; Esc: close. 替换 replaces the current match in the text
 * and moves on; past the editors' last match it steps through the titles, 供稿 and 送 lines (`onReplaceInField`,
 * one match a press), then starts again at the top. 全部替换 (given as `onReplaceAll`) replaces in the whole issue.
 */
export function FindBar(props: {
  views: RefObject<Map<string, EditorView>>;
  order: readonly string[];
  focusSignal: number;
  /** Show the 替换为 row (Ctrl+H). */
  replace: boolean;
  /** Replacing is refused (a signed or printed issue). */
  readOnly: boolean;
  onReplaceAll: (find: string, replacement: string) => void;
  /** How many matches the titles, 供稿 and 送 lines hold. */
  fieldMatchCount: (find: string) => number;
  /** Replaces the first match in those fields at or after `from`; the cursor after it, or undefined when none. */
  onReplaceInField: (find: string, replacement: string, from: FieldCursor | undefined) => FieldCursor | undefined;
  onClose: () => void;
}) {
  const { views, order, onClose } = props;
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [placeKey, setPlaceKey] = useState<string | null>(null);
  /** Set while 替换 steps through the fields (after the editors' matches): where the next field match is looked for. */
  const [fieldCursor, setFieldCursor] = useState<FieldCursor | null>(null);
  const [, setTick] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const orderKey = order.join('|');

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [props.focusSignal]);

  const orderedViews = useCallback(
    () => orderKey.split('|').flatMap((key) => {
      const view = views.current?.get(key);
      return view ? [{ key, view }] : [];
    }),
    [orderKey, views],
  );

  // Highlight in every editor when the query changes (or an editor is added); the place is kept otherwise.
  useEffect(() => {
    for (const { view } of orderedViews()) setQueryIn(view, query);
    setTick((t) => t + 1);
  }, [query, orderedViews]);
  useEffect(() => {
    setPlaceKey(null);
    setFieldCursor(null);
  }, [query]);

  // Clear highlights on close.
  useEffect(
    () => () => {
      for (const { view } of orderedViews()) setQueryIn(view, '');
    },
    [orderedViews],
  );

  const place = query ? findPlace(views.current ?? new Map(), order, placeKey) : { total: 0, current: -1 };

  const allMatches = () => orderedViews().flatMap(({ key, view }, index) => findMatches(view, query).map((m) => ({ key, view, m, index })));
  const select = (target: ReturnType<typeof allMatches>[number]) => {
    gotoMatch(target.view, target.m);
    setPlaceKey(target.key);
    setFieldCursor(null);
    setTick((t) => t + 1);
  };

  const go = (delta: 1 | -1) => {
    const all = allMatches();
    if (all.length === 0) return;
    const { current } = findPlace(views.current ?? new Map(), order, placeKey);
    const next = current < 0 ? (delta === 1 ? 0 : all.length - 1) : (current + delta + all.length) % all.length;
    select(all[next]!);
  };

  /** 替换 in the fields from `from`: true when one was replaced (the cursor then stands after it). */
  const replaceInFields = (from: FieldCursor | undefined): boolean => {
    const next = props.onReplaceInField(query, replacement, from);
    setFieldCursor(next ?? null);
    setPlaceKey(null);
    setTick((t) => t + 1);
    return next !== undefined;
  };

  /**
   * 替换: the current match (or the next one when none is chosen yet) becomes the replacement; on to the next.
   * After the editors' last match, each press replaces the next match in the titles, 供稿 and 送 lines; after
   * their last, back to the editors' first.
   */
  const replaceOne = () => {
    if (props.readOnly) return;
    if (fieldCursor) {
      if (!replaceInFields(fieldCursor)) go(1);
      return;
    }
    const view = placeKey ? views.current?.get(placeKey) : undefined;
    const state = view && findState(view.state);
    const match = state && state.current >= 0 ? state.matches[state.current] : undefined;
    if (!view || !match) {
      if (allMatches().length > 0) go(1);
      else replaceInFields(undefined);
      return;
    }
    const tr = view.state.tr;
    if (replacement) tr.insertText(replacement, match.from, match.to);
    else tr.delete(match.from, match.to);
    view.dispatch(tr);
    // On to the first match after the replaced text (a replacement holding the query is not found again).
    const after = match.from + replacement.length;
    const at = orderedViews().findIndex((v) => v.key === placeKey);
    const all = allMatches();
    const next = all.find((t) => t.index > at || (t.index === at && t.m.from >= after));
    if (next) select(next);
    else if (props.fieldMatchCount(query) > 0) {
      // The editors are done: the next press replaces in the fields.
      setPlaceKey(null);
      setFieldCursor({ field: 0, offset: 0 });
    } else if (all[0]) select(all[0]);
    else setTick((t) => t + 1);
  };

  const fieldCount = props.replace && query ? props.fieldMatchCount(query) : 0;
  const count = query ? (place.total === 0 ? '无匹配' : place.current >= 0 ? `${place.current + 1} / ${place.total}` : `共 ${place.total} 处`) : '';
  const onKeys = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      go(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div className="find-bar" role="search" aria-label={props.replace ? '查找和替换' : '查找'} data-testid="find-bar">
      <label>
        查找内容
        <input ref={inputRef} type="search" aria-label="查找内容" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onKeys} />
      </label>
      {props.replace && (
        <label>
          替换为
          <input type="text" aria-label="替换为" value={replacement} onChange={(e) => setReplacement(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onKeys(e)} />
        </label>
      )}
      <span className="find-count" data-testid="find-count">
        {count}
      </span>
      {props.replace && query && fieldCount > 0 && (
        <span className="find-count" data-testid="find-field-count" title="替换在正文之后逐处替换这些">
          {fieldCursor ? '下一处在标题、供稿或送发范围' : `标题、供稿、送发范围另有 ${fieldCount} 处`}
        </span>
      )}
      <button type="button" disabled={place.total === 0} onClick={() => go(-1)}>
        上一处
      </button>
      <button type="button" disabled={place.total === 0} onClick={() => go(1)}>
        下一处
      </button>
      {props.replace && (
        <>
          <button type="button" disabled={!query || props.readOnly} onClick={replaceOne} title="替换当前一处，并转到下一处">
            替换
          </button>
          <button type="button" disabled={!query || props.readOnly} onClick={() => props.onReplaceAll(query, replacement)} title="在编者按、标题、正文、供稿和送发范围中全部替换（Ctrl+Z 一次撤销）">
            全部替换
          </button>
        </>
      )}
      <button type="button" className="icon" title="关闭（Esc）" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
