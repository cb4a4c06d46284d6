import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ImportNote } from '../../../core/import/import-notes.js';
import { Dialog } from '../ui.js';

/**
 * 导入报告: after a Word (or text) import, what was changed and what was left out, one line per note, grouped by
 * kind — the same notes `bulletin import` prints. Any screen shows it through {@link useImportReport}.
 */

const KIND_NAMES: Readonly<Record<ImportNote['kind'], string>> = {
  'tracked-changes': '修订',
  comment: '批注',
  footnote: '脚注',
  'text-box': '文本框',
  picture: '图片',
  table: '表格',
  numbering: '编号',
  'line-break': '换行',
  punctuation: '标点',
  spaces: '空格',
  'joined-paragraph': '段落',
  'title-spacing': '标题',
  info: '提示',
};

interface Report {
  readonly title: string;
  readonly notes: readonly ImportNote[];
}

interface ReportApi {
  /** Shows the report of an import titled `title` (e.g. 已导入“稿件.docx”); nothing when there are no notes. */
  show(title: string, notes: readonly ImportNote[]): void;
}

const ReportContext = createContext<ReportApi>({ show: () => undefined });

export function useImportReport(): ReportApi {
  return useContext(ReportContext);
}

export function ImportReportProvider({ children }: { children: ReactNode }) {
  const [report, setReport] = useState<Report | null>(null);
  const show = useCallback((title: string, notes: readonly ImportNote[]) => {
    if (notes.length > 0) setReport({ title, notes });
  }, []);
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ReportContext.Provider value={api}>
      {children}
      {report && <ImportReportDialog report={report} onClose={() => setReport(null)} />}
    </ReportContext.Provider>
  );
}

function ImportReportDialog(props: { report: Report; onClose: () => void }) {
  const { report } = props;
  return (
    <Dialog
      title="导入报告"
      testId="import-report"
      onClose={props.onClose}
      actions={
        <button type="button" className="primary" onClick={props.onClose}>
          知道了
        </button>
      }
    >
      <div>
        <p>{report.title}，导入时作了以下处理，请核对：</p>
        <ul className="import-report">
          {report.notes.map((n, i) => (
            <li key={i} data-kind={n.kind}>
              <span className="import-report-kind">{KIND_NAMES[n.kind]}</span> {n.message}
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
