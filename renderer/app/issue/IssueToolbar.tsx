import type { BulletinDocument } from '../../../core/model/document.js';
import { STATUS_NAMES } from '../../../core/model/status.js';
import type { MenuCommand } from '../../../electron/ipc/contract.js';
import type { IssueMeta } from '../../../services/library-types.js';
import { STATUS_CLASS, issueName } from '../doc.js';
import { SaveIndicator } from './SaveIndicator.js';
import type { SaveState } from './useAutosave.js';

/** The toolbar's button to the 签发与印发 panel names the step the status calls for: 送审 can never be skipped unseen. */
const NEXT_STEP: Readonly<Record<IssueMeta['status'], string>> = {
  draft: '送审',
  submitted: '签发',
  approved: '印发',
  printed: '处理记录',
};

/** The issue's toolbar: back to the library, its name, status and save state, and the commands. */
export function IssueToolbar(props: {
  doc: BulletinDocument;
  meta: IssueMeta;
  saveState: SaveState;
  signed: boolean;
  command: (cmd: MenuCommand) => void;
  onExport: () => void;
  onPrint: () => void;
  onBackups: () => void;
  onSignOff: () => void;
  onLibrary: () => void;
  onSettings: () => void;
}) {
  const { doc, meta, signed, command } = props;
  return (
    <div className="toolbar">
      <button type="button" onClick={props.onLibrary} title="返回期刊库">
        ← 期刊库
      </button>
      <span className="toolbar-title" data-testid="issue-title">
        {issueName(doc)}
      </span>
      <span className={`status ${STATUS_CLASS[meta.status]}`} data-testid="toolbar-status">
        {STATUS_NAMES[meta.status]}
      </span>
      <SaveIndicator state={props.saveState} />
      <span className="toolbar-fill" />
      <button type="button" onClick={() => command('save')} title="保存（Ctrl+S）">
        保存
      </button>
      <button type="button" onClick={() => command('find')} title="查找（Ctrl+F）">
        查找
      </button>
      <button type="button" onClick={props.onExport} title="导出PDF（Ctrl+E）">
        {signed ? '导出正式版' : '导出PDF'}
      </button>
      <button type="button" onClick={() => command('exportOfd')} title="导出 OFD 版式文档（GB/T 33190，Ctrl+Shift+E）">
        {signed ? '导出OFD正式版' : '导出OFD'}
      </button>
      <button type="button" onClick={props.onPrint} title="打印（Ctrl+P）">
        打印
      </button>
      <button type="button" onClick={props.onBackups} title="查看和恢复以前保存的版本">
        历史版本
      </button>
      <button type="button" onClick={props.onSignOff} title="签发与印发" aria-label="签发与印发" data-testid="toolbar-next">
        {NEXT_STEP[meta.status]}
      </button>
      <button type="button" onClick={props.onSettings} title="期刊设置">
        设置
      </button>
    </div>
  );
}
