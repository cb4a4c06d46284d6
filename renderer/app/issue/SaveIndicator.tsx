import type { SaveState } from './useAutosave.js';

export function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saved'
      ? '已保存'
      : state.kind === 'saving'
        ? '保存中…'
        : state.kind === 'conflict'
          ? '未保存（文件已在别处修改）'
          : state.reason
            ? `未保存（${state.reason}）`
            : '未保存';
  return (
    <span className={`save-state ${state.kind}`} data-testid="save-state" data-state={state.kind} title={text}>
      {text}
    </span>
  );
}
