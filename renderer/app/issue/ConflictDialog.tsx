import { Dialog } from '../ui.js';

/** Says the file was changed elsewhere while editing: reload it, or overwrite it. */
export function ConflictDialog(props: { onReload: () => void; onOverwrite: () => void }) {
  return (
    <Dialog
      title="文件已在别处修改"
      testId="conflict-dialog"
      actions={
        <>
          <button type="button" onClick={props.onReload}>
            重新载入
          </button>
          <button type="button" className="primary danger" onClick={props.onOverwrite}>
            覆盖
          </button>
        </>
      }
    >
      <p>本期简报的文件在您编辑期间被其他窗口或程序修改了，本窗口的修改尚未保存。</p>
      <ul className="plain">
        <li>
          <strong>重新载入</strong>：读取文件的当前内容，放弃本窗口未保存的修改。
        </li>
        <li>
          <strong>覆盖</strong>：用本窗口的内容覆盖文件（原内容保留在备份中）。
        </li>
      </ul>
    </Dialog>
  );
}
