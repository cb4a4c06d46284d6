import { useEffect, useRef, useState } from 'react';
import type { FormatAction, FormatInfo } from './richtext.js';
import { TableButtons } from './TableButtons.js';

const BLOCK_BUTTONS: readonly { action: FormatAction; label: string; title: string; level?: number; bodyOnly?: boolean }[] = [
  { action: 'paragraph', label: '正文', title: '设为正文段落（Ctrl+Alt+0）' },
  { action: 'heading1', label: '一、', title: '一级标题 一、（Ctrl+Alt+1）', level: 1, bodyOnly: true },
  { action: 'heading2', label: '（一）', title: '二级标题（一）（Ctrl+Alt+2）', level: 2, bodyOnly: true },
  { action: 'heading3', label: '1.', title: '三级标题 1.（Ctrl+Alt+3）', level: 3, bodyOnly: true },
  { action: 'heading4', label: '（1）', title: '四级标题（1）（Ctrl+Alt+4）', level: 4, bodyOnly: true },
];

/**
 * The format bar: block type and heading level, level up/down, run-in, bold, moving blocks, undo/redo. It acts
 * on the editor that last had the focus and shows that editor's selection (its own state, so a caret move
 * re-renders only this bar).
 */
export function FormatBar(props: {
  subscribe: (listener: (info: FormatInfo | null) => void) => () => void;
  onAction: (action: FormatAction) => void;
  /** 插图: picture files chosen with the button (JPEG/PNG). */
  onPictures?: (files: File[]) => void;
}) {
  const [info, setInfo] = useState<FormatInfo | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => props.subscribe(setInfo), [props.subscribe]);
  const note = info?.kind === 'note';
  const heading = info?.type === 'heading';
  const button = (action: FormatAction, label: string, title: string, options: { pressed?: boolean; disabled?: boolean; className?: string } = {}) => (
    <button
      key={action}
      type="button"
      title={title}
      className={`${options.pressed ? 'pressed' : ''} ${options.className ?? ''}`}
      aria-pressed={options.pressed}
      disabled={options.disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.onAction(action)}
    >
      {label}
    </button>
  );
  return (
    <div className="formatbar" role="toolbar" aria-label="格式">
      {BLOCK_BUTTONS.map((b) =>
        button(b.action, b.label, b.title, {
          pressed: !!info && (b.level === undefined ? info.type === 'paragraph' : heading && info.level === b.level),
          disabled: !!b.bodyOnly && note,
        }),
      )}
      <span className="toolbar-sep" />
      {button('levelUp', '升级', '标题升一级（Shift+Tab）', { disabled: note || !heading })}
      {button('levelDown', '降级', '标题降一级（Tab）', { disabled: note || !heading })}
      {button('runIn', '接排', '标题后接排正文 / 单独成行（在标题中按 Shift+Enter 断开）', {
        disabled: note || !heading,
        pressed: !!info?.runIn,
      })}
      <span className="toolbar-sep" />
      {button('bold', 'B', '加粗（Ctrl+B）', { pressed: !!info?.bold, className: 'bold-button' })}
      <span className="toolbar-sep" />
      <TableButtons info={info} onAction={props.onAction} />
      <span className="toolbar-sep" />
      {props.onPictures && (
        <>
          <button
            type="button"
            title="插入图片（JPEG、PNG），也可以把图片粘贴或拖到正文中"
            disabled={note}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => fileInput.current?.click()}
          >
            插图
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,.jpg,.jpeg,.png"
            multiple
            hidden
            aria-label="选择要插入的图片"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              if (files.length) props.onPictures?.(files);
            }}
          />
          <span className="toolbar-sep" />
        </>
      )}
      {button('moveUp', '段落上移', '段落上移（Alt+↑）')}
      {button('moveDown', '段落下移', '段落下移（Alt+↓）')}
      <span className="toolbar-sep" />
      {button('undo', '撤销', '撤销（Ctrl+Z）')}
      {button('redo', '重做', '重做（Ctrl+Y）')}
    </div>
  );
}
