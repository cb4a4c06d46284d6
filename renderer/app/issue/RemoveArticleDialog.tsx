import { Dialog } from '../ui.js';

/** Asks before removing article `index` (titled `title`). */
export function RemoveArticleDialog(props: { index: number; title: string | undefined; onCancel: () => void; onRemove: () => void }) {
  return (
    <Dialog
      title="删除文章"
      onClose={props.onCancel}
      actions={
        <>
          <button type="button" onClick={props.onCancel}>
            取消
          </button>
          <button type="button" className="primary danger" onClick={props.onRemove}>
            删除
          </button>
        </>
      }
    >
      <p>删除“{props.title || `第${props.index + 1}篇文章`}”？删除后不能撤销（此前保存的版本保留在自动备份中）。</p>
    </Dialog>
  );
}
