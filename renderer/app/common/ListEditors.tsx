import type { DistributionEntry } from '../../../core/model/issue.js';
import { moveItem, plainText } from '../doc.js';
import { NumberInput } from '../ui.js';

/**
 * The 送 list as groups, one per printed line, each with its number of copies: add, remove, reorder and (in an
 * issue) reset to the profile's default.
 */
export function DistributionEditor(props: {
  entries: readonly DistributionEntry[];
  onChange: (entries: DistributionEntry[]) => void;
  onReset?: () => void;
  testId?: string;
}) {
  const { entries, onChange, onReset } = props;
  const set = (i: number, patch: Partial<DistributionEntry>) =>
    onChange(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const total = entries.reduce((sum, e) => sum + e.copies, 0);
  return (
    <div className="list-editor distribution-editor" data-testid={props.testId}>
      {entries.length === 0 && <div className="empty-note">送：（无）</div>}
      {entries.map((entry, i) => (
        <div className="list-row" key={i} data-index={i}>
          <span className="list-index">{i + 1}</span>
          <input
            className="list-text"
            aria-label={`第${i + 1}组受文单位`}
            placeholder="受文单位，如：各省、区、市人大常委会代表联络工作机构"
            value={entry.text}
            onChange={(e) => set(i, { text: plainText(e.target.value) })}
          />
          <label className="copies">
            <NumberInput
              className="copies-input"
              ariaLabel={`第${i + 1}组份数`}
              value={entry.copies}
              min={1}
              max={9999}
              onChange={(n) => n !== undefined && set(i, { copies: n })}
            />
            份
          </label>
          <span className="row-buttons">
            <button type="button" className="icon" title="上移" disabled={i === 0} onClick={() => onChange(moveItem(entries, i, i - 1))}>
              ↑
            </button>
            <button
              type="button"
              className="icon"
              title="下移"
              disabled={i === entries.length - 1}
              onClick={() => onChange(moveItem(entries, i, i + 1))}
            >
              ↓
            </button>
            <button type="button" className="icon danger" title="删除此行" onClick={() => onChange(entries.filter((_, j) => j !== i))}>
              ×
            </button>
          </span>
        </div>
      ))}
      <div className="list-actions">
        <button type="button" onClick={() => onChange([...entries, { text: '', copies: 1 }])}>
          添加一行
        </button>
        {onReset && (
          <button type="button" onClick={onReset}>
            恢复默认
          </button>
        )}
        <span className="muted">合计 {total} 份</span>
      </div>
    </div>
  );
}

/** A list of names (责任编辑), each editable, with suggestions. */
export function NameListEditor(props: {
  names: readonly string[];
  onChange: (names: string[]) => void;
  suggestions?: readonly string[];
  addLabel: string;
  placeholder: string;
  listId: string;
}) {
  const { names, onChange } = props;
  return (
    <div className="list-editor name-list">
      {props.suggestions && props.suggestions.length > 0 && (
        <datalist id={props.listId}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {names.map((name, i) => (
        <span className="name-chip" key={i}>
          <input
            aria-label={`${props.placeholder}${i + 1}`}
            placeholder={props.placeholder}
            list={props.listId}
            value={name}
            size={Math.max(4, name.length * 2)}
            onChange={(e) => onChange(names.map((n, j) => (j === i ? plainText(e.target.value) : n)))}
          />
          <button type="button" className="icon danger" title="删除" onClick={() => onChange(names.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      <button type="button" onClick={() => onChange([...names, ''])}>
        {props.addLabel}
      </button>
    </div>
  );
}
