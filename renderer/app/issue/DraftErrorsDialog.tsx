import { Dialog } from '../ui.js';

/**
 * Asked once before a draft export (样稿) when 校对 found errors, before any file is written: 导出样稿 goes on,
 * 查看问题 opens the 校对 list instead.
 */
export function DraftErrorsDialog(props: { messages: readonly string[]; onExport: () => void; onShow: () => void }) {
  const shown = props.messages.slice(0, 5);
  return (
    <Dialog
      title="校对发现错误"
      onClose={props.onShow}
      testId="draft-errors"
      actions={
        <>
          <button type="button" onClick={props.onShow}>
            查看问题
          </button>
          <button type="button" className="primary" onClick={props.onExport}>
            导出样稿
          </button>
        </>
      }
    >
      <p>
        校对发现 {props.messages.length} 处错误。样稿仍可导出（带“样稿”水印），但送审、签发前须改正：
      </p>
      <ul>
        {shown.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
        {props.messages.length > shown.length && <li>等 {props.messages.length} 处</li>}
      </ul>
    </Dialog>
  );
}
