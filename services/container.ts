import { userInfo } from 'node:os';
import type { Problem } from '../core/check/index.js';
import type { BulletinDocument } from '../core/model/document.js';
import { createAppFlush, type AppFlush } from './app-flush.js';
import { createApproval, type Approval } from './approval.js';
import type { KdfParams } from './signing-keys.js';
import type { Spooler } from './cups.js';
import type { Dialogs } from './dialogs.js';
import { createExportWorker, type ExportWorker } from './export-worker.js';
import type { ExportIssueOptions } from './export-worker-thread.js';
import { createFontFiles, type FontFiles, type FontFilesOptions } from './font-files.js';
import type { ExportedIssue } from './issue-export.js';
import { createLocalServices, type LocalServices, type LocalServicesOptions } from './local-services.js';
import { createLibrary } from './library.js';
import { diskReason } from './disk-errors.js';
import { makeDirs } from './make-dir.js';
import { silentLogger, type Logger } from './logger.js';
import type { Library } from './library-types.js';
import { createPrinting, type Printing } from './printing.js';
import type { PrinterInfo } from './printing-types.js';
import { createWordImport, type WordImportService } from './word-import.js';
import { toIsoDate } from '../core/text/dates.js';

/**
 * The main process's services, composed in ONE place. Nothing here is a module-level singleton: the app
 * (electron/main.ts), tests and the end-to-end harness each call createServices with their own library folder
 * and dialogs, and get a fresh set. Never imports 'electron'.
 *
 * Typesetting never runs here: preview, check, user-font checks, exports and printing go to the export worker's
 * thread (export-worker.ts), which holds the one typesetter — fonts are read and parsed there, once. The main
 * process keeps only the font manifest (the list of bundled families) and the library's file work. With
 * `inProcess: true` (unit tests) check, export and printing run here over a typesetter made on first use; an
 * injected `spooler` (an object, which cannot cross to a thread) also keeps printing here.
 */

export type { Printing } from './printing.js';

export interface AppInfo {
  readonly version: string;
  readonly libraryDir: string;
  readonly platform: string;
}

/** The checks of a document (core/check) with glyph coverage from the typesetter's fonts. */
export interface Checker {
  check(document: BulletinDocument): Promise<Problem[]>;
  /** Throws the font service's Chinese reason when a user font file cannot be used (WOFF2, damaged…). */
  checkFont(path: string): Promise<void>;
}

/** Exporting an issue (a draft, or the final PDF) and recording it in the history. */
export interface Exporter {
  exportIssue(id: string, options: ExportIssueOptions): Promise<ExportedIssue>;
}

export interface Services {
  readonly library: Library;
  /** Preview typesetting in the worker thread. */
  readonly preview: ExportWorker;
  /** The bundled fonts' manifest (no font is parsed in the main process). */
  readonly fonts: FontFiles;
  readonly checker: Checker;
  readonly dialogs: Dialogs;
  readonly approval: Approval;
  readonly printing: Printing;
  readonly exporter: Exporter;
  /** Word in, Word out: .docx/.doc import as an issue or an article, .docx export (services/word-import.ts). */
  readonly word: WordImportService;
  /** Quitting waits for the renderer's unsaved work ('app:flush' → 'app:flushed'). */
  readonly flush: AppFlush;
  /** Who is working: the name recorded in history entries (the operating-system user). */
  readonly operator: string;
  readonly info: AppInfo;
  /** The app's log (services/logger.ts): errors and timings; silent unless the caller gave one. */
  readonly logger: Logger;
  /** The log folder (帮助 › 打开日志文件夹). */
  readonly logs: LogFolder;
  /** Ends the worker thread. */
  close(): Promise<void>;
}

/** The folder the log files are in, and opening it in the system's file manager. */
export interface LogFolder {
  /** Undefined when the app keeps no log files (tests, the command line). */
  readonly dir: string | undefined;
  /** Makes the folder if needed and opens it; a Chinese error when it cannot. */
  open(): Promise<{ path: string }>;
}

export interface ServicesOptions {
  readonly libraryDir: string;
  /** Where the library's listing cache is kept (the app: `userCacheDir()`); none: no cache on disk. */
  readonly listingCacheDir?: string;
  readonly dialogs: Dialogs;
  /** The app's version (app.getVersion() in Electron). */
  readonly version?: string;
  readonly platform?: string;
  /** Where fonts are (the packaged app passes its resources folders); default: the repository's fonts/. */
  readonly fonts?: FontFilesOptions;
  /** Replaces the worker (tests). */
  readonly preview?: ExportWorker;
  /** Replaces printing (tests: a fake spooler or none). */
  readonly printing?: Printing;
  /** The spooler (tests: a recorder). It cannot cross to the thread, so printing then runs in this process. */
  readonly spooler?: Spooler;
  /** Check, export and printing in this process, over a typesetter made here on first use (unit tests). */
  readonly inProcess?: boolean;
  readonly operator?: string;
  /** The clock (tests); the worker's requests carry its time. */
  readonly now?: () => Date;
  /** The key-derivation cost of new signing keys (tests pass a cheap one; the default is DEFAULT_KDF). */
  readonly kdf?: KdfParams;
  /**
   * Lists the printers the operating system offers (the app: Electron's webContents.getPrintersAsync); the
   * spooler's own list (CUPS lpstat, pdf-to-printer) is used without it.
   */
  readonly listPrinters?: () => Promise<Omit<PrinterInfo, 'isDefault'>[]>;
  /** The log (the app: a rotating file in `<userData>/logs`, see log-file.ts); default: keeps nothing. */
  readonly logger?: Logger;
  /** The folder of the log files (the app: `<userData>/logs`, services/paths.ts logDir). */
  readonly logDir?: string;
  /**
   * Opens a folder in the system's file manager (the app: Electron's shell.openPath, which answers '' or an
   * error text). Without it, opening the log folder is refused.
   */
  readonly openFolder?: (dir: string) => Promise<string>;
}

export function createServices(options: ServicesOptions): Services {
  const now = options.now;
  const library = createLibrary({
    dir: options.libraryDir,
    ...(now ? { now } : {}),
    ...(options.listingCacheDir ? { listingCacheDir: options.listingCacheDir } : {}),
  });
  const logger = options.logger ?? silentLogger();
  const worker =
    options.preview ??
    createExportWorker({ fonts: options.fonts ?? {}, libraryDir: library.dir, logger, ...(now ? { now } : {}) });
  // The in-process paths (services/local-services.ts, shared with the command line): a typesetter (fonts loaded
  // here) only when one of them is used.
  const inProcess = options.inProcess ?? false;
  const local: LocalServices | undefined = inProcess ? createLocalServices({ library, ...localOptions(options) }) : undefined;
  // The final PDF is made at sign-off: typeset and rendered in the worker (or here, in process), then signed
  // here with the signer's key, which never leaves this process. Errors of 校对 stop a release (送审, 签发).
  const approval =
    local?.approval ??
    createApproval({
      library,
      renderFinal: (document, signOff, final) => worker.renderFinal(document, signOff, final),
      check: (document) => worker.check(document),
      ...(now ? { now } : {}),
      ...(options.kdf ? { kdf: options.kdf } : {}),
    });
  // A spooler cannot cross to the worker's thread: printing then runs here, over the app's approval.
  let spooling: LocalServices | undefined;
  const localFor = (): LocalServices => local ?? (spooling ??= createLocalServices({ library, ...localOptions(options), approval }));
  const localPrinting = (spooler?: Spooler): Printing => {
    let printing: Printing | undefined;
    const made = () =>
      (printing ??= createPrinting({ library, exporter: localFor().exporter(), approval, ...(spooler ? { spooler } : {}), ...(now ? { now } : {}) }));
    return { printers: () => made().printers(), print: (request, opts) => made().print(request, opts) };
  };

  const checker: Checker = local
    ? {
        check: (document) => local.check(document),
        checkFont: async (path) => {
          local.typesetter().faces.face({ kind: 'file', path }, 'regular');
        },
      }
    : { check: (document) => worker.check(document), checkFont: (path) => worker.checkFont(path) };
  const exporter: Exporter = local
    ? { exportIssue: (id, opts) => local.exporter().exportIssue(id, opts) }
    : { exportIssue: (id, opts) => worker.exportIssue(id, opts) };
  const spooled: Printing =
    options.printing ??
    (inProcess || options.spooler
      ? localPrinting(options.spooler)
      : { printers: () => worker.printers(), print: (request, opts = {}) => worker.print(request, opts.by ? { by: opts.by } : {}) });
  const listPrinters = options.listPrinters;
  const printing: Printing = listPrinters
    ? {
        ...spooled,
        // The operating system's list; which one is the default, the spooler knows (lpstat -d, pdf-to-printer).
        printers: async () => {
          const [os, known] = await Promise.all([listPrinters(), spooled.printers().catch(() => [])]);
          const byDefault = known.find((p) => p.isDefault)?.name;
          return os.map((p) => ({ ...p, isDefault: p.name === byDefault }));
        },
      }
    : spooled;

  return {
    library,
    preview: worker,
    fonts: createFontFiles(options.fonts ?? {}),
    checker,
    dialogs: options.dialogs,
    approval,
    printing,
    exporter,
    word: createWordImport({
      library,
      // Word files' pictures are re-encoded in the export worker's thread, as inserted pictures are.
      preparePicture: (bytes) => worker.preparePicture(bytes),
      today: () => {
        const d = now ? now() : new Date();
        return toIsoDate({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });
      },
    }),
    flush: createAppFlush(),
    operator: options.operator ?? currentUser(),
    info: {
      version: options.version ?? '0.0.0',
      libraryDir: library.dir,
      platform: options.platform ?? process.platform,
    },
    logger,
    logs: logFolder(options.logDir, options.openFolder),
    close: () => worker.close(),
  };
}

function localOptions(options: ServicesOptions): Omit<LocalServicesOptions, 'library'> {
  return {
    ...(options.fonts ? { fonts: options.fonts } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
  };
}

function logFolder(dir: string | undefined, openFolder: ((dir: string) => Promise<string>) | undefined): LogFolder {
  return {
    dir,
    async open() {
      if (!dir || !openFolder) throw new Error('本程序没有设置日志文件夹');
      try {
        makeDirs(dir);
      } catch (e) {
        throw new Error(`无法建立日志文件夹（${diskReason(e) ?? String(e)}）：${dir}`);
      }
      const failure = await openFolder(dir);
      if (failure) throw new Error(`无法打开日志文件夹（${failure}）：${dir}`);
      return { path: dir };
    },
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
