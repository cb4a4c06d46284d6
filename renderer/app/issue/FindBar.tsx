import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
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
 * edits elsewhere. Enter: next; Shift+Enter: previous; Esc: close. 替换 replaces the current match in the text;
 * 全部替换 (given as `onReplaceAll`) replaces in the whole issue — titles, 供稿 and 送 lines too.
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
  onClose: () => void;
}) {
  const { views, order, onClose } = props;
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [placeKey, setPlaceKey] = useState<string | null>(null);
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
  useEffect(() => setPlaceKey(null), [query]);

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
    setTick((t) => t + 1);
  };

  const go = (delta: 1 | -1) => {
    const all = allMatches();
    if (all.length === 0) return;
    const { current } = findPlace(views.current ?? new Map(), order, placeKey);
    const next = current < 0 ? (delta === 1 ? 0 : all.length - 1) : (current + delta + all.length) % all.length;
    select(all[next]!);
  };

  /** 替换: the current match (or the next one when none is chosen yet) becomes the replacement; on to the next. */
  const replaceOne = () => {
    if (props.readOnly) return;
    const view = placeKey ? views.current?.get(placeKey) : undefined;
    const state = view && findState(view.state);
    const match = state && state.current >= 0 ? state.matches[state.current] : undefined;
    if (!view || !match) {
      go(1);
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
    const next = all.find((t) => t.index > at || (t.index === at && t.m.from >= after)) ?? all[0];
    if (next) select(next);
    else setTick((t) => t + 1);
  };

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
