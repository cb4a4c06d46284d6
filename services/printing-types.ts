import type { IssueMeta } from './library-types.js';

/**
 * The shapes printing speaks in: a printer as the spooler lists it, what a print run asks for, and what it did.
 * Shared by the printing service (./printing.ts, ./cups.ts), the export worker, the IPC contract and the UI.
 */

/** A printer as the spooler lists it. */
export interface PrinterInfo {
  readonly name: string;
  readonly displayName: string;
  readonly isDefault: boolean;
}

/** A print run: which issue, where, how many, which pages, and whether it is the distribution run. */
export interface PrintRequest {
  readonly id: string;
  readonly printer: string;
  readonly copies: number;
  readonly duplex: boolean;
  /** e.g. "1-3,5"; empty for all pages. */
  readonly pageRange: string;
  /** Print the distribution set: one numbered copy per 送 entry copy, plus the 分发登记表. */
  readonly distribution: boolean;
}

/** The jobs a print run sent, and the issue's meta after it (history, status). */
export interface PrintResult {
  readonly jobs: readonly { readonly printer: string; readonly jobId: string; readonly copies: number; readonly title: string }[];
  readonly meta: IssueMeta;
}
