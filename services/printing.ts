import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingGlyphsError } from '../core/render/export-pdf.js';
import { stampCopy } from '../core/typeset/copy-stamp.js';
import { copyRange, layDistributionRegister, planDistribution } from '../core/typeset/distribution-register.js';
import type { MissingGlyph } from '../core/typeset/units.js';
import { createSpooler, PAGE_RANGE, PrintError, type Spooler } from './cups.js';
import { createApproval, type Approval } from './approval.js';
import { createIssueExporter, type IssueExporter } from './issue-export.js';
import { createRegisterStore } from './register-store.js';
import type { Typesetter } from './typesetter.js';
import type { HistoryEntry, IssueMeta, Library } from './library-types.js';
import type { PrinterInfo, PrintRequest, PrintResult } from './printing-types.js';

/**
 * Printing a signed-off issue through the operating system's spooler (CUPS `lp` on Linux and macOS).
 *
 *  - A plain print sends the final PDF — the digitally signed one made at sign-off, never a 样稿, never an issue
 *    whose sign-off does not verify or whose content changed since — as one job with the copies, two-sided (long
 *    edge) and page range asked for, and records it in the history.
 *  - The distribution run prints one job per copy on the 送 list, each copy's first page stamped with its
 *    份号 (six digits, consecutive over the run) and its recipient, then the 分发登记表; the issue becomes
 *    已印发 and the history records the printer, the number of copies and the 份号 range. In that run the
 *    copies per recipient come from the 送 list (PrintRequest.copies is not used) and a page range is refused.
 *    The stamped copies are made for paper from the signed-off content (checked as for the final PDF); being
 *    different files, they do not carry the final PDF's digital signature.
 */

export type { PrinterInfo, PrintRequest, PrintResult } from './printing-types.js';
export { PrintError } from './cups.js';

export interface Printing {
  printers(): Promise<PrinterInfo[]>;
  print(request: PrintRequest, options?: PrintOptions): Promise<PrintOutcome>;
}

export interface PrintOptions {
  /** Who prints, for the history. */
  readonly by?: string;
  /** The 份号 of the run's first copy (default 1). */
  readonly firstCopyNumber?: number;
}

export interface PrintingOptions {
  readonly library: Library;
  /** The exporter that makes the final PDF; made from `typesetter` and `approval` when absent. */
  readonly exporter?: IssueExporter;
  readonly typesetter?: Typesetter;
  readonly approval?: Approval;
  /** The spooler; the platform's (CUPS, or the Windows stub) by default. */
  readonly spooler?: Spooler;
  readonly now?: () => Date;
  /** Where the PDFs handed to the spooler are written (a fresh folder inside it, removed afterwards). */
  readonly tmpDir?: string;
  /** Keep the PDFs handed to the spooler (tests read them back); each job then names its file. */
  readonly keepFiles?: boolean;
}

/** A submitted job; `file` is the PDF handed to the spooler, when the files are kept. */
export type PrintedJob = PrintResult['jobs'][number] & { readonly file?: string };

export interface PrintOutcome extends PrintResult {
  readonly jobs: readonly PrintedJob[];
}

type Job = PrintedJob;

export function createPrinting(options: PrintingOptions): Printing {
  const { library } = options;
  const exporter = options.exporter ?? exporterFrom(options);
  const spooler = options.spooler ?? createSpooler();
  const now = options.now ?? (() => new Date());

  const checkRequest = async (req: PrintRequest) => {
    if (!Number.isInteger(req.copies) || req.copies < 1 || req.copies > 9999) throw new PrintError(`份数应为 1 到 9999 之间的整数：${req.copies}`);
    if (req.pageRange && !PAGE_RANGE.test(req.pageRange)) throw new PrintError(`页码范围格式不正确：${req.pageRange}（例如 1-3,5）`);
    if (req.distribution && req.pageRange) throw new PrintError('分发印制打印每份的全部页面，不能指定页码范围');
    const printers = await spooler.printers();
    if (!printers.some((p) => p.name === req.printer)) {
      const names = printers.map((p) => p.name).join('、');
      throw new PrintError(`没有名为“${req.printer}”的打印机${names ? `（可用：${names}）` : '（系统中没有打印机）'}`);
    }
  };

  const registers = createRegisterStore({ dir: options.library.dir });
  return {
    printers: () => spooler.printers(),

    async print(req, opts = {}) {
      await checkRequest(req);
      const final = exporter.prepareFinal(req.id);
      const doc = final.document;
      const label = `${doc.publication.name}第${doc.issue.number}期`;
      const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'bulletin-print-'));
      const jobs: Job[] = [];
      const submit = async (bytes: Uint8Array, name: string, job: { copies: number; pageRange: string; title: string }) => {
        const file = join(dir, name);
        writeFileSync(file, bytes);
        const jobId = await spooler.submit({ printer: req.printer, file, duplex: req.duplex, ...job });
        jobs.push({ printer: req.printer, jobId, copies: job.copies, title: job.title, ...(options.keepFiles ? { file } : {}) });
      };
      const record = (change: (meta: IssueMeta, entry: HistoryEntry) => IssueMeta, detail: string) =>
        library.updateMeta(req.id, (meta) => {
          const entry: HistoryEntry = { at: now().toISOString(), action: 'printed', by: opts.by || undefined, detail };
          return change({ ...meta, updatedAt: entry.at, history: [...meta.history, entry] }, entry);
        });
      const sides = req.duplex ? '双面（长边翻页）' : '单面';
      try {
        if (!req.distribution) {
          await submit(final.pdf, 'issue.pdf', { copies: req.copies, pageRange: req.pageRange, title: label });
          const pages = req.pageRange ? `，页码 ${req.pageRange}` : '';
          const meta = record((m) => m, `打印正式版：打印机 ${req.printer}，${req.copies} 份，${sides}${pages}；任务 ${jobs[0]!.jobId}`);
          return { jobs, meta };
        }

        const plan = planDistribution(doc.issue.distribution, { start: opts.firstCopyNumber ?? 1 });
        if (plan.total === 0) throw new PrintError('送 名单为空或份数为 0：请先在送 名单中填写收件单位和份数');
        const missing: MissingGlyph[] = [];
        const ctx = { faces: exporter.faces, fonts: doc.publication.fonts, preset: final.typeset.preset, missing };
        const register = layDistributionRegister(doc, plan, ctx);
        const stamped = plan.copies.map((c) => ({ copy: c, layout: stampCopy(final.typeset.layout, c, ctx) }));
        if (missing.length) throw new MissingGlyphsError(missing);
        const range = copyRange(plan.copies.map((c) => c.copyNumber));
        let registerBytesKept: Uint8Array | undefined;
        try {
          for (const { copy, layout } of stamped) {
            const bytes = await exporter.renderLayout(layout, doc, {
              info: { ...final.info, CopyNumber: copy.copyNumber, Recipient: copy.recipient },
            });
            const title = `${label}-份号${copy.copyNumber}-${shorten(copy.recipient, 30)}`;
            await submit(bytes, `copy-${copy.copyNumber}.pdf`, { copies: 1, pageRange: '', title });
          }
          const registerBytes = await exporter.renderLayout(register, doc, { info: { ...final.info, subject: register.info.subject } });
          await submit(registerBytes, 'register.pdf', { copies: 1, pageRange: '', title: `${label}-分发登记表` });
          registerBytesKept = registerBytes;
        } catch (e) {
          if (jobs.length) {
            record((m) => m, `分发印制中断：打印机 ${req.printer}，已提交 ${jobs.length} 个任务（${jobs.map((j) => j.jobId).join('、')}），原因：${(e as Error).message}`);
          }
          throw e;
        }
        // The register is kept with the issue, so that a 修订 archives it with this printed version; the print
        // has happened whatever the disk says, so a failure to keep it is recorded, not thrown.
        let keptNote = '';
        try {
          if (registerBytesKept) registers.write(req.id, registerBytesKept);
        } catch (e) {
          keptNote = `（分发登记表未能存入本库：${(e as Error).message}）`;
        }
        const meta = record(
          (m) => ({ ...m, status: 'printed' }),
          `分发印制：打印机 ${req.printer}，${plan.rows.length} 个收件单位共 ${plan.total} 份，份号 ${range}，${sides}，每份一个任务（${jobs[0]!.jobId}—${jobs[jobs.length - 2]!.jobId}）；分发登记表 1 份（${jobs[jobs.length - 1]!.jobId}）${keptNote}`,
        );
        return { jobs, meta };
      } finally {
        if (!options.keepFiles) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function exporterFrom(options: PrintingOptions): IssueExporter {
  const { library, typesetter } = options;
  if (!typesetter) throw new Error('createPrinting：需要 exporter，或 typesetter 与 approval');
  const approval = options.approval ?? createApproval({ library, ...(options.now ? { now: options.now } : {}) });
  return createIssueExporter({ library, typesetter, approval });
}

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
