import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_INPUT_BYTES } from '../core/io/read-input.js';
import {
  CHANNELS,
  methodName,
  REQUESTS,
  validateRequest,
  type BulletinApi,
  type Channel,
  type Envelope,
  type RequestOf,
  type WordFileRequest,
  type ResponseOf,
} from './ipc/contract.js';
import { shownPath, writeFileAtomic } from '../services/atomic-file.js';
import { diskReason } from '../services/disk-errors.js';
import type { Services } from '../services/container.js';
import { FinalExportRefused, issueFileName } from '../services/issue-export.js';
import { MAX_WORD_BYTES } from '../services/word-file.js';
import { readMastheadArtFile } from '../services/masthead-art-file.js';
import { presetByName } from '../core/typeset/preset.js';

/**
 * One handler per IPC channel, over the composed services; and `dispatch`, the single entry point the main
 * process (and tests, and the end-to-end harness) calls with whatever came over IPC: it validates the request
 * with the contract, runs the handler and answers an {@link Envelope} — errors cross as data, in Chinese.
 * Never imports 'electron'.
 */
export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * The same handlers keyed by the preload's method names (`libraryRead` for 'library:read'), so that channel
 * strings stay in the contract alone; typed by the contract's API, so a missing or mistyped one does not compile.
 */
export type HandlerTable = Omit<BulletinApi, 'on'>;

export function createHandlers(services: Services): Handlers {
  const table = handlerTable(services) as unknown as Record<string, (request: unknown) => Promise<unknown>>;
  return Object.fromEntries(CHANNELS.map((channel) => [channel, table[methodName(channel)]])) as unknown as Handlers;
}

function handlerTable(services: Services): HandlerTable {
  const { library, fonts, checker, dialogs, approval, printing, exporter, preview, word } = services;
  /** The Word file of a request: the dropped bytes, or the one chosen in the open dialog (undefined: canceled). */
  const wordFile = async (request: WordFileRequest): Promise<{ name: string; bytes: Uint8Array } | undefined> => {
    if (request.name !== undefined && request.bytes !== undefined) return { name: request.name, bytes: request.bytes };
    const path = await dialogs.openWordFile();
    if (!path) return undefined;
    const size = statSync(path).size;
    if (size > MAX_WORD_BYTES) throw new Error(`文件过大（${(size / 1048576).toFixed(0)} MB，上限 ${MAX_WORD_BYTES / 1048576} MB），未导入：${basename(path)}`);
    const bytes = readFileSync(path);
    return { name: basename(path), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  };
  const by = services.operator || undefined;

  return {
    appInfo: async () => ({ ...services.info }),
    appFlushed: async () => {
      services.flush.acknowledge();
      return { ok: true };
    },
    appOpenLogFolder: async () => services.logs.open(),
    appLog: async ({ level, message, detail }) => {
      const log = services.logger.child('renderer');
      if (level === 'error') log.error(message, detail);
      else log[level](message, detail ? { detail } : undefined);
      return { ok: true };
    },

    libraryList: async (request) => library.list(request),
    libraryCreate: async ({ publication }) => library.create({ ...(by ? { by } : {}), ...(publication ? { publication } : {}) }),
    libraryRead: async ({ id }) => library.read(id),
    librarySave: async ({ id, document, revision }) => library.save(id, document, revision, by ? { by } : {}),
    libraryDuplicate: async ({ id }) => library.duplicate(id, by ? { by } : {}),
    libraryTrash: async ({ id }) => {
      library.trash(id);
      return { ok: true };
    },
    libraryRestore: async ({ id }) => {
      library.restore(id);
      return { ok: true };
    },
    libraryImportText: async ({ name, bytes, publication }) =>
      library.importBytes(bytes, name, { ...(by ? { by } : {}), ...(publication ? { publication } : {}) }),
    libraryOpenFile: async () => {
      const path = await dialogs.openIssueFile();
      if (!path) return { canceled: true };
      const size = statSync(path).size;
      if (size > MAX_INPUT_BYTES) throw new Error(`文件过大（${(size / 1048576).toFixed(1)} MB），不像是简报文件：${basename(path)}`);
      const bytes = readFileSync(path);
      return library.importBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path), by ? { by } : {});
    },
    librarySaveAs: async ({ id }) => {
      const { document } = library.read(id);
      const chosen = await dialogs.saveIssueFile(issueFileName(document, { final: true }).replace(/\.pdf$/, '.json'));
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.json');
      writeFileAtomic(path, library.exportFile(id));
      return { path };
    },
    libraryBackups: async ({ id }) => ({ backups: library.backups(id) }),
    libraryRestoreBackup: async ({ id, backupId }) => library.restoreBackup(id, backupId),

    journalWrite: async ({ id, document }) => {
      library.writeJournal(id, document);
      return { ok: true };
    },
    journalRead: async ({ id }) => library.readJournal(id),
    journalDiscard: async ({ id }) => {
      library.discardJournal(id);
      return { ok: true };
    },

    profileGet: async ({ publication }) => {
      const authority = approval.signing.authority();
      return {
        profile: library.profile(publication),
        publications: library.publications(),
        signers: approval.signing.list(),
        ...(authority ? { authority } : {}),
        signerEvents: approval.signing.events(),
      };
    },
    profileSave: async ({ profile, publication }) => {
      library.saveProfile(profile, publication);
      return { ok: true };
    },
    publicationsAdd: async (request) => ({ publication: library.addPublication(request) }),
    publicationsRemove: async ({ publication }) => library.removePublication(publication),
    publicationsSave: async ({ publication }) => {
      library.savePublication(publication);
      return { ok: true };
    },

    fontsList: async () => ({
      families: fonts.bundledFamilies().map(({ id, name, role }) => ({ id, name, role })),
    }),
    fontsChooseFile: async () => {
      const path = await dialogs.chooseFontFile();
      if (!path) return { canceled: true };
      // Refuse a file that cannot be used now (WOFF2, a damaged file…), with the font service's Chinese reason
      // (parsed in the worker thread, where the fonts are).
      await checker.checkFont(path);
      return { path };
    },

    mastheadChooseArt: async () => {
      const path = await dialogs.chooseMastheadArt();
      if (!path) return { canceled: true };
      return readMastheadArtFile(path, { preset: presetByName(library.profile().preset) });
    },

    previewRender: async (request) => {
      const { draft, mode, session, view } = request;
      const options = {
        draft,
        ...(mode ? { mode } : {}),
        ...(session !== undefined ? { session } : {}),
        ...(view ? { view } : {}),
      };
      // A patch of the session's last document (the live preview's edits), or the whole document.
      if (request.patch) return preview.renderPatch(request.patch, options);
      return preview.render(request.document, { ...options, ...(request.version !== undefined ? { version: request.version } : {}) });
    },
    previewPages: async ({ session, keys }) => preview.previewPages(session, keys),
    checkRun: async ({ document }) => ({ problems: await checker.check(document) }),

    exportPdf: async ({ id, final }) => {
      const { document } = library.read(id);
      if (final) {
        // Refuse before asking where to save: not signed off, or changed since (the exporter checks again).
        const state = approval.finalState(id);
        if (!state.ok) throw new FinalExportRefused(state.reason);
      }
      const chosen = await dialogs.savePdf(issueFileName(document, { final }));
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.pdf');
      const exported = await exporter.exportIssue(id, { final, ...(by ? { by } : {}), target: path });
      writeFileAtomic(path, exported.bytes);
      return { path };
    },

    exportDocx: async ({ id }) => {
      const { document } = library.read(id);
      const chosen = await dialogs.saveDocx(issueFileName(document, { final: true }).replace(/\.pdf$/, '.docx'));
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.docx');
      const exported = await word.exportDocx(id, { ...(by ? { by } : {}), target: path });
      writeFileAtomic(path, exported.bytes);
      return { path };
    },
    wordImportIssue: async (request) => {
      const file = await wordFile(request);
      if (!file) return { canceled: true };
      return word.importIssue(file.bytes, file.name, { ...(by ? { by } : {}), ...(request.publication ? { publication: request.publication } : {}) });
    },
    wordReadArticle: async (request) => {
      const file = await wordFile(request);
      if (!file) return { canceled: true };
      const { articles, notes } = await word.readArticles(file.bytes, file.name);
      return { articles: [...articles], notes: [...notes], name: file.name };
    },
    // Re-encoded in the export worker's thread: a camera photo takes seconds to decode, the window stays responsive.
    picturePrepare: async ({ bytes }) => ({ image: await preview.preparePicture(bytes) }),
    exportOfd: async ({ id, final }) => {
      const { document } = library.read(id);
      if (final) {
        const state = approval.finalState(id);
        if (!state.ok) throw new FinalExportRefused(state.reason);
      }
      const chosen = await dialogs.saveOfd(issueFileName(document, { final, format: 'ofd' }));
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.ofd');
      const exported = await exporter.exportIssue(id, { final, format: 'ofd', ...(by ? { by } : {}), target: path });
      writeFileAtomic(path, exported.bytes);
      return { path };
    },

    approvalSubmit: async ({ id, by: submitter }) => ({ meta: await approval.submitChecked(id, submitter || services.operator) }),
    approvalReopen: async ({ id, reason }) => ({ meta: approval.reopen(id, { reason, ...(by ? { by } : {}) }) }),
    approvalExportRevision: async ({ id, number }) => {
      const pdf = approval.revisions.finalPdf(id, number);
      if (!pdf) throw new Error(`第 ${number} 版印发稿的正式版文件不在存档中`);
      const name = issueFileName(library.read(id).document, { final: true }).replace(/\.pdf$/, `（第${number}版印发稿）.pdf`);
      const chosen = await dialogs.savePdf(name);
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.pdf');
      writeFileAtomic(path, pdf);
      return { path };
    },
    approvalReadRevision: async ({ id, number }) => {
      const { dir: _dir, ...opened } = approval.revisions.open(id, number);
      return opened;
    },
    approvalExportRevisionRegister: async ({ id, number }) => {
      const pdf = approval.revisions.registerPdf(id, number);
      if (!pdf) throw new Error(`第 ${number} 版印发稿的分发登记表不在存档中（该版未经分发印制）`);
      const name = issueFileName(library.read(id).document, { final: true }).replace(/\.pdf$/, `（第${number}版分发登记表）.pdf`);
      const chosen = await dialogs.savePdf(name);
      if (!chosen) return { canceled: true };
      const path = withExtension(chosen, '.pdf');
      writeFileAtomic(path, pdf);
      return { path };
    },
    approvalSignOff: async ({ id, signer, pin, opinion }) => approval.signOff(id, { signer, pin, opinion }),
    approvalCreateAuthority: async ({ passphrase }) => ({ authority: await approval.signing.createAuthority(passphrase, by ? { by } : {}) }),
    approvalAddSigner: async ({ name, pin, adminPassphrase, replace }) => ({
      signer: await approval.signing.add(name, pin, { adminPassphrase, replace, ...(by ? { by } : {}) }),
    }),
    approvalRemoveSigner: async ({ name, adminPassphrase }) => {
      await approval.signing.remove(name, { adminPassphrase, ...(by ? { by } : {}) });
      return { ok: true };
    },
    approvalChangePin: async ({ name, oldPin, newPin }) => {
      await approval.signing.changePin(name, oldPin, newPin, by ? { by } : {});
      return { ok: true };
    },

    printPrinters: async () => ({ printers: await printing.printers() }),
    printRun: async (request) => {
      const { jobs, meta } = await printing.print(request, by ? { by } : {});
      return { jobs: jobs.map(({ printer, jobId, copies, title }) => ({ printer, jobId, copies, title })), meta };
    },
  };
}

/** Options of {@link dispatch}. */
export interface DispatchOptions {
  /** Told about every error that is not a plain Chinese refusal (the main process logs them). */
  readonly onUnexpected?: (channel: string, error: unknown) => void;
}

/**
 * Validates and runs one request. Unknown channels and invalid requests are refused with a Chinese message
 * listing every problem; a handler's Chinese error passes through as it is; anything else becomes
 * "操作失败：…". Never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  raw: unknown,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (typeof channel !== 'string' || !Object.hasOwn(REQUESTS, channel)) {
    return { ok: false, error: `未知的通道：${String(channel)}` };
  }
  const checked = validateRequest(channel as Channel, raw);
  if (!checked.ok) {
    const list = checked.problems.map((p) => (p.path ? `${p.path}：${p.reason}` : p.reason)).join('；');
    return { ok: false, error: `请求无效（${channel}）：${list}` };
  }
  try {
    const handler = handlers[channel as Channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(checked.value) };
  } catch (error) {
    const message = errorMessage(error);
    if (message.startsWith('操作失败')) options.onUnexpected?.(channel, error);
    return { ok: false, error: message };
  }
}

const CHINESE = /[\u3400-\u9fff]/;

/** A Chinese message for any error: Chinese messages as they are, file-system errors named, the rest "操作失败：…". */
export function errorMessage(error: unknown): string {
  const err = error as NodeJS.ErrnoException | undefined;
  const message = err instanceof Error ? err.message : String(error);
  if (err instanceof Error && CHINESE.test(message)) return message;
  const where = err?.path ? `：${err.path}` : '';
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return `没有权限访问文件${where}`;
    case 'ENOSPC':
      return '磁盘空间不足，文件未写入';
    case 'EROFS':
      return `文件所在的磁盘是只读的${where}`;
    case 'ENOENT':
      return `找不到文件或文件夹${where}`;
    case 'EISDIR':
      return `这是一个文件夹，不是文件${where}`;
    case 'EBUSY':
      return `文件正被其他程序使用${where}`;
    default: {
      // The other file-system failures (路径或文件名太长, 磁盘读写错误…), from the one table of them.
      const reason = diskReason(err);
      return reason ? `${reason}${err?.path ? `：${shownPath(err.path)}` : ''}` : `操作失败：${message}`;
    }
  }
}

/** Adds the extension when the chosen name lacks it (Linux save dialogs do not add one). */
function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(extension) ? path : `${path}${extension}`;
}
