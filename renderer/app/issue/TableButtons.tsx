import { useState } from 'react';
import type { FormatAction, FormatInfo } from './richtext.js';

/**
 * The table part of the format bar (issue 12 point 4): 插入表格 opens a small form for rows × columns (the first
 * row is the header); inside a table, 加行 / 加列 / 删行 / 删列 / 删表. Article bodies only (not the 编者按).
 */
export function TableButtons(props: { info: FormatInfo | null; onAction: (action: FormatAction) => void }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState(4);
  const [cols, setCols] = useState(3);
  const note = props.info?.kind === 'note';
  const inTable = !!props.info?.inTable;
  const small = (action: FormatAction, label: string, title: string) => (
    <button key={action} type="button" title={title} disabled={!inTable} onMouseDown={(e) => e.preventDefault()} onClick={() => props.onAction(action)}>
      {label}
    </button>
  );
  return (
    <span className="table-buttons">
      <button
        type="button"
        title="在当前段落后插入表格（首行为表头）"
        aria-expanded={open}
        disabled={note || inTable}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen((o) => !o)}
      >
        插入表格
      </button>
      {open && (
        <span className="table-insert" role="group" aria-label="插入表格">
          <label>
            行
            <input type="number" min={2} max={100} value={rows} aria-label="行数" onChange={(e) => setRows(Number(e.target.value) || 2)} />
          </label>
          ×
          <label>
            列
            <input type="number" min={1} max={12} value={cols} aria-label="列数" onChange={(e) => setCols(Number(e.target.value) || 1)} />
          </label>
          <button
            type="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setOpen(false);
              props.onAction(`insertTable:${rows}x${cols}`);
            }}
          >
            插入
          </button>
        </span>
      )}
      {small('tableAddRow', '加行', '在下方插入一行（在最后一格按 Tab 也会加行）')}
      {small('tableAddColumn', '加列', '在右侧插入一列')}
      {small('tableDeleteRow', '删行', '删除当前行（表头行不能删）')}
      {small('tableDeleteColumn', '删列', '删除当前列')}
      {small('tableDelete', '删表', '删除整个表格')}
    </span>
  );
}
