import { userInfo } from 'node:os';
import { createAppFlush, type AppFlush } from './app-flush.js';
import { createApproval, type Approval } from './approval.js';
import type { Dialogs } from './dialogs.js';
import { createExportWorker, type ExportWorker } from './export-worker.js';
import type { FontFilesOptions } from './font-files.js';
import { createIssueExporter, type IssueExporter } from './issue-export.js';
import { createLibrary } from './library.js';
import type { Library } from './library-types.js';
import { createPrinting, type Printing } from './printing.js';
import { createTypesetter, type Typesetter } from './typesetter.js';

/**
 * The main process's services, composed in ONE place. Nothing here is a module-level singleton: the app
 * (electron/main.ts), tests and the end-to-end harness each call createServices with their own library folder
 * and dialogs, and get a fresh set. Never imports 'electron'.
 */

export type { Printing } from './printing.js';

export interface AppInfo {
  readonly version: string;
  readonly libraryDir: string;
  readonly platform: string;
}

export interface Services {
  readonly library: Library;
  /** Preview typesetting in a worker thread. */
  readonly preview: ExportWorker;
  /** The main process's own typesetter (check:run, final export, printing). */
  readonly typesetter: Typesetter;
  readonly dialogs: Dialogs;
  readonly approval: Approval;
  readonly printing: Printing;
  readonly exporter: IssueExporter;
  /** Quitting waits for the renderer's unsaved work ('app:flush' → 'app:flushed'). */
  readonly flush: AppFlush;
  /** Who is working: the name recorded in history entries (the operating-system user). */
  readonly operator: string;
  readonly info: AppInfo;
  /** Ends the preview thread. */
  close(): Promise<void>;
}

export interface ServicesOptions {
  readonly libraryDir: string;
  readonly dialogs: Dialogs;
  /** The app's version (app.getVersion() in Electron). */
  readonly version?: string;
  readonly platform?: string;
  /** Where fonts are (the packaged app passes its resources folders); default: the repository's fonts/. */
  readonly fonts?: FontFilesOptions;
  /** Replaces the preview worker (tests). */
  readonly preview?: ExportWorker;
  /** Replaces printing (tests: a fake spooler or none). */
  readonly printing?: Printing;
  readonly operator?: string;
  /** The clock (tests). */
  readonly now?: () => Date;
}

export function createServices(options: ServicesOptions): Services {
  const now = options.now;
  const library = createLibrary({ dir: options.libraryDir, ...(now ? { now } : {}) });
  const typesetter = createTypesetter(options.fonts ?? {});
  const approval = createApproval({ library, ...(now ? { now } : {}) });
  const exporter = createIssueExporter({ library, typesetter, approval, ...(now ? { now } : {}) });
  const printing = options.printing ?? createPrinting({ library, typesetter, approval, exporter, ...(now ? { now } : {}) });
  const preview = options.preview ?? createExportWorker({ fonts: options.fonts ?? {} });
  return {
    library,
    preview,
    typesetter,
    dialogs: options.dialogs,
    approval,
    printing,
    exporter,
    flush: createAppFlush(),
    operator: options.operator ?? currentUser(),
    info: {
      version: options.version ?? '0.0.0',
      libraryDir: library.dir,
      platform: options.platform ?? process.platform,
    },
    close: () => preview.close(),
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
