import { useEffect, useState } from 'react';
import type { DistributionEntry } from '../../../core/model/issue.js';
import type { PrinterInfo, PrintResult } from '../../../electron/ipc/contract.js';
import { api, errorMessage } from '../api.js';
import { Dialog, Field, NumberInput } from '../ui.js';
import { printPlan } from './print-summary.js';

/** 打印: printer, copies, two-sided, page range, or the numbered distribution set (印发分发). */
export function PrintDialog(props: {
  id: string;
  signedOff: boolean;
  distribution: readonly DistributionEntry[];
  flush: () => Promise<boolean>;
  /** The page count (from the preview), for the plan; undefined while unknown. */
  pages?: number;
  /** Opened as 印发: the distribution run is chosen. */
  distributionRun?: boolean;
  onClose: () => void;
  onPrinted: (result: PrintResult, distribution: boolean) => void;
}) {
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [printer, setPrinter] = useState('');
  const [copies, setCopies] = useState(1);
  const [duplex, setDuplex] = useState(true);
  const [pageRange, setPageRange] = useState('');
  const [distribution, setDistribution] = useState(props.distributionRun ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const total = props.distribution.reduce((sum, d) => sum + d.copies, 0);
  const rangeOk = /^\s*$|^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(pageRange);

  useEffect(() => {
    api
      .printPrinters({})
      .then((r) => {
        setPrinters(r.printers);
        setPrinter(r.printers.find((p) => p.isDefault)?.name ?? r.printers[0]?.name ?? '');
      })
      .catch((e: unknown) => {
        setPrinters([]);
        setError(`无法列出打印机：${errorMessage(e)}`);
      });
  }, []);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!(await props.flush())) throw new Error('当前内容尚未保存，请稍后再试');
      const result = await api.printRun({
        id: props.id,
        printer,
        copies: distribution ? 1 : copies,
        duplex,
        pageRange: distribution ? '' : pageRange.replace(/\s+/g, ''),
        distribution,
      });
      props.onPrinted(result, distribution);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const canPrint = props.signedOff && !!printer && rangeOk && !busy && (!distribution || total > 0);

  return (
    <Dialog
      title="打印"
      onClose={props.onClose}
      testId="print-dialog"
      actions={
        <>
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={!canPrint} onClick={() => void run()}>
            {busy ? '正在提交…' : '打印'}
          </button>
        </>
      }
    >
      <div className="form-stack">
        {!props.signedOff && <div className="field-error">本期尚未签发，不能打印正式版。请先签发。</div>}
        <Field label="打印机">
          <select name="printer" value={printer} onChange={(e) => setPrinter(e.target.value)} disabled={!printers?.length}>
            {printers === null && <option>正在查找打印机…</option>}
            {printers?.length === 0 && <option value="">未找到打印机</option>}
            {printers?.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName || p.name}
                {p.isDefault ? '（默认）' : ''}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" name="distribution" checked={distribution} onChange={(e) => setDistribution(e.target.checked)} />
          印发分发：按送发范围印制，每份标注份号，并打印分发登记表
        </label>
        {distribution ? (
          <div className="distribution-summary" data-testid="print-total">
            共 {props.distribution.length} 个单位，合计 <strong>{total}</strong> 份
            {total === 0 && <span className="field-error">（送发范围为空）</span>}
          </div>
        ) : (
          <div className="form-row">
            <Field label="份数">
              <NumberInput name="copies" value={copies} min={1} max={9999} onChange={(n) => n && setCopies(n)} />
            </Field>
            <Field label="页码范围" hint="如 1-3,5；留空打印全部">
              <input name="pageRange" value={pageRange} placeholder="全部" onChange={(e) => setPageRange(e.target.value)} />
            </Field>
          </div>
        )}
        {!rangeOk && !distribution && <div className="field-error">页码范围的写法应如 1-3,5</div>}
        <label className="check">
          <input type="checkbox" name="duplex" checked={duplex} onChange={(e) => setDuplex(e.target.checked)} />
          双面打印（长边翻转）
        </label>
        {props.signedOff && (
          <div className="print-plan" data-testid="print-plan">
            {printPlan({ distribution, copies: distribution ? total : copies, pages: props.pages, duplex, pageRange })}
          </div>
        )}
        {error && (
          <div className="field-error" data-testid="print-error">
            {error}
          </div>
        )}
      </div>
    </Dialog>
  );
}
