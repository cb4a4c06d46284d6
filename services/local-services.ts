import type { BulletinDocument } from '../core/model/document.js';
import type { Problem } from '../core/check/problem.js';
import { createApproval, type Approval } from './approval.js';
import type { FontFilesOptions } from './font-files.js';
import { createIssueExporter, type IssueExporter } from './issue-export.js';
import { checkIssue } from './layout-check.js';
import type { Library } from './library-types.js';
import type { KdfParams } from './signing-keys.js';
import { createTypesetter, type Typesetter } from './typesetter.js';

/**
 * Typesetting, 校对, export and sign-off in THIS process, over one library: what the command line uses
 * (`bulletin submit/sign/export/print`) and what services/container.ts uses in-process (unit tests, a spooler
 * that cannot cross to the worker thread). One composition for both, so the command line's 送审 and 签发 run
 * the same 校对 (text, glyphs and 版面, services/layout-check.ts) as the app's.
 *
 * The typesetter (fonts read and parsed) and the exporter are made on first use: a command that never
 * typesets pays nothing for them.
 */
export interface LocalServices {
  /** The approval service: given (the app's, whose final PDFs the worker renders) or made here over `exporter`. */
  readonly approval: Approval;
  typesetter(): Typesetter;
  exporter(): IssueExporter;
  /** The whole 校对 (services/layout-check.ts checkIssue) with this process's fonts. */
  check(document: BulletinDocument): Promise<Problem[]>;
}

export interface LocalServicesOptions {
  readonly library: Library;
  readonly fonts?: FontFilesOptions;
  readonly now?: () => Date;
  /** The key-derivation cost of new signing keys (tests); used only when the approval is made here. */
  readonly kdf?: KdfParams;
  /** An approval made elsewhere (the app's): the exporter then asks it whether a final PDF may be handed out. */
  readonly approval?: Approval;
}

export function createLocalServices(options: LocalServicesOptions): LocalServices {
  const { library, now } = options;
  let typesetter: Typesetter | undefined;
  let exporter: IssueExporter | undefined;
  const typesetterOnce = () => (typesetter ??= createTypesetter(options.fonts ?? {}));
  const check = async (document: BulletinDocument) => checkIssue(typesetterOnce(), document);
  const approval: Approval =
    options.approval ??
    createApproval({
      library,
      // The final PDF is made at sign-off with this process's exporter; errors of 校对 stop a release.
      renderFinal: (document, signOff, final) => exporterOnce().renderFinal(document, signOff, final),
      check,
      ...(now ? { now } : {}),
      ...(options.kdf ? { kdf: options.kdf } : {}),
    });
  const exporterOnce = (): IssueExporter =>
    (exporter ??= createIssueExporter({ library, typesetter: typesetterOnce(), approval, ...(now ? { now } : {}) }));
  return { approval, typesetter: typesetterOnce, exporter: exporterOnce, check };
}
