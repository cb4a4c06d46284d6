import { dateTime } from '../doc.js';
import type { Journal } from './useOpenIssue.js';

/** Offers back unsaved typing found in the journal (the last session did not end normally). */
export function RecoveryBar(props: { journal: Journal; onRecover: () => void; onDiscard: () => void }) {
  const { journal } = props;
  return (
    <div className="recovery-bar" data-testid="recovery">
      <span>
        发现{journal.savedAt ? ` ${dateTime(journal.savedAt)} ` : ''}未保存的内容（上次未正常关闭）。
      </span>
      <button type="button" className="primary" onClick={props.onRecover}>
        恢复未保存的内容
      </button>
      <button type="button" onClick={props.onDiscard}>
        放弃
      </button>
    </div>
  );
}
