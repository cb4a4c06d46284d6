import type { ArtFileResult } from '../../services/masthead-art-file.js';
import type { Problem } from '../../core/check/problem.js';
import type { ImportNote } from '../../core/import/import-notes.js';
import type { BulletinDocument } from '../../core/model/document.js';
import type { Article, PictureImage } from '../../core/model/issue.js';
import type { DocumentPatch, PatchedArticle } from '../../core/model/document-patch.js';
import { documentFromUnknown } from '../../core/model/format.js';
import { articleSchema, issueFieldsSchema } from '../../core/model/format-schema.js';
import type { PublicationProfile } from '../../core/model/profile.js';
import type { Publication, PublicationSource } from '../../core/model/publication.js';
import {
  array,
  boolean,
  integer,
  isPlainObject,
  object,
  oneOf,
  report,
  string,
  type FormatProblem,
  type Validator,
} from '../../core/model/validate.js';
import type {
  AuthorityInfo,
  BackupInfo,
  CreatedIssue,
  IssueMeta,
  LibraryListing,
  ProfileWithSigners,
  SaveResult,
  SignerInfo,
  StoredIssue,
} from '../../services/library-types.js';
import type { FlushRequest } from '../../services/app-flush.js';
import type { PreviewAnswer, PreviewPagesResult, PreviewResult, PreviewView } from '../../services/preview-types.js';
import type { PrinterInfo, PrintRequest, PrintResult } from '../../services/printing-types.js';

/**
 * The IPC contract, declared once: every channel with its request and response types, and a validator for
 * each request. The main process registers one handler per channel from this table (and validates every
 * request with it); the preload exposes one method per channel; the renderer only sees that API. Channel
 * names appear nowhere else.
 */

/** A user dismissed a file dialog. */
export interface Canceled {
  readonly canceled: true;
}

// The services' shapes the channels carry, declared beside the services and re-exported for the renderer.
export type { PrinterInfo, PrintRequest, PrintResult, PreviewResult, PreviewAnswer, PreviewPagesResult, PreviewView, FlushRequest, DocumentPatch };

/** Menu commands the main process sends to the renderer. */
export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'saveAs'
  | 'exportPdf'
  | 'exportOfd'
  | 'print'
  | 'find'
  | 'replace'
  | 'undo'
  | 'redo'
  | 'settings'
  | 'library'
  | 'importWord'
  | 'insertWordArticle'
  | 'exportWord'
  /** 帮助 › 打开日志文件夹 (the main process opens it itself, even when the page is blank). */
  | 'openLogFolder';

/** Every request/response pair. */
export interface Channels {
  'app:info': { request: Record<string, never>; response: { version: string; libraryDir: string; platform: string } };
  /** The issues (or the 回收站's), searched by `query`, of one publication (its id) or all. */
  'library:list': { request: { query?: string; trash?: boolean; publication?: string }; response: LibraryListing };
  /** 新建: a new issue of a publication (its id; the first when absent). */
  'library:create': { request: { publication?: string }; response: CreatedIssue };
  'library:read': { request: { id: string }; response: StoredIssue };
  'library:save': { request: { id: string; document: BulletinDocument; revision: string }; response: SaveResult };
  'library:duplicate': { request: { id: string }; response: CreatedIssue };
  'library:trash': { request: { id: string }; response: { ok: true } };
  'library:restore': { request: { id: string }; response: { ok: true } };
  'library:importText': { request: { name: string; bytes: Uint8Array; publication?: string }; response: { id: string; notes: string[] } };
  'library:openFile': { request: Record<string, never>; response: { id: string; notes: string[] } | Canceled };
  'library:saveAs': { request: { id: string }; response: { path: string } | Canceled };
  'library:backups': { request: { id: string }; response: { backups: BackupInfo[] } };
  'library:restoreBackup': { request: { id: string; backupId: string }; response: { revision: string } };
  'journal:write': { request: { id: string; document: BulletinDocument }; response: { ok: true } };
  'journal:read': { request: { id: string }; response: { document?: BulletinDocument; savedAt?: string } };
  'journal:discard': { request: { id: string }; response: { ok: true } };
  /** The profile of a publication (its id; the first's when absent), the library's publications and its signers. */
  'profile:get': { request: { publication?: string }; response: ProfileWithSigners };
  /** Saves the profile of a publication (its id; the first's when absent). */
  'profile:save': { request: { profile: PublicationProfile; publication?: string }; response: { ok: true } };
  /** 添加刊物: a new publication from a template, or as the 增刊 or a copy of another; a duplicate name is refused. */
  'publications:add': { request: { name: string; source: PublicationSource }; response: { publication: Publication } };
  /** Saves a publication: its name, 总期号, allowed signers and profile (by its id); a duplicate name is refused. */
  'publications:save': { request: { publication: Publication }; response: { ok: true } };
  /**
   * 删除刊物 (by its id): refused (Chinese message) while it has issues or when it is the only one; `trashed` issues
   * of it in the 回收站 are listed under the first publication when restored.
   */
  'publications:remove': { request: { publication: string }; response: { removed: Publication; trashed: number } };
  'fonts:list': { request: Record<string, never>; response: { families: { id: string; name: string; role: string }[] } };
  'fonts:chooseFile': { request: Record<string, never>; response: { path: string } | Canceled };
  /**
   * 期刊设置 › 选择刊名图…: an SVG/PNG chosen in the open dialog, read and checked by the services (format, scripts,
   * external references, 5 MB, a PNG's resolution) and returned embedded — or refused with the reason in Chinese.
   */
  'masthead:chooseArt': { request: Record<string, never>; response: ArtFileResult | Canceled };
  /**
   * A preview: the PDF, or (mode 'layout') the page layout to draw. With a session and a `view`, only the pages
   * near the page in view carry their drawing data; the others come as key and text lines ('preview:pages').
   */
  'preview:render': {
    request: PreviewRenderRequest;
    response: PreviewAnswer;
  };
  /** The drawing data of pages a live-preview session was sent by key only, asked for by key when scrolled to. */
  'preview:pages': { request: { session: string; keys: string[] }; response: PreviewPagesResult };
  'check:run': { request: { document: BulletinDocument }; response: { problems: Problem[] } };
  'export:pdf': { request: { id: string; final: boolean }; response: { path: string } | Canceled };
  /** OFD (GB/T 33190): a draft, or the final OFD of a signed-off issue. */
  'export:ofd': { request: { id: string; final: boolean }; response: { path: string } | Canceled };
  /** 导出 Word…: the issue as an editable .docx (save dialog). */
  'export:docx': { request: { id: string }; response: { path: string } | Canceled };
  /**
   * 导入 Word 文件…: a .docx/.doc/.wps as a new issue — dropped (name and bytes given) or chosen in the open dialog
   * (neither given), into a publication (its id; the first when absent). The notes are the import report (导入报告).
   */
  'word:importIssue': { request: WordFileRequest & { publication?: string }; response: { id: string; notes: ImportNote[] } | Canceled };
  /**
   * 插入 Word 文件为文章: a Word file read as articles for the open issue — one contribution, one article; a whole
   * bulletin, each of its articles (not stored; the editor inserts them).
   */
  'word:readArticle': { request: WordFileRequest; response: { articles: Article[]; notes: ImportNote[]; name: string } | Canceled };
  /**
   * 插入图片: a JPEG/PNG file (chosen, pasted or dropped) checked and re-encoded for the issue file
   * (services/picture-prepare.ts); refused with a Chinese reason (format, corrupt, over 100 megapixels or 40 MB).
   */
  'picture:prepare': { request: { name: string; bytes: Uint8Array }; response: { image: PictureImage } };
  'approval:submit': { request: { id: string; by: string }; response: { meta: IssueMeta } };
  'approval:signOff': {
    request: { id: string; signer: string; pin: string; opinion: string };
    response: { ok: true; meta: IssueMeta } | { ok: false; reason: string; problems?: readonly Problem[] };
  };
  /** 撤回签发 (已签发) or 修订 (已印发) back to 草稿, with a reason for the history; a printed version is archived. */
  'approval:reopen': { request: { id: string; reason: string }; response: { meta: IssueMeta } };
  /** Saves the signed final PDF of a printed version kept by 修订 (revisions/<id>/<number>/final.pdf). */
  'approval:exportRevision': { request: { id: string; number: number }; response: { path: string } | Canceled };
  /**
   * 查看第 N 版: a printed version kept by 修订, read back for a read-only view — its content, its record (status,
   * sign-off, history) and which of its files (正式版, 分发登记表) are kept.
   */
  'approval:readRevision': {
    request: { id: string; number: number };
    response: { number: number; document: BulletinDocument; meta: IssueMeta; hasFinalPdf: boolean; hasRegisterPdf: boolean };
  };
  /** Saves the 分发登记表 of a printed version kept by 修订 (revisions/<id>/<number>/register.pdf). */
  'approval:exportRevisionRegister': { request: { id: string; number: number }; response: { path: string } | Canceled };
  /** Makes the library's signing authority (once), its key sealed under the 管理口令. */
  'approval:createAuthority': { request: { passphrase: string }; response: { authority: AuthorityInfo } };
  /** Adds a signer (a new key and certificate); `replace` makes a new key for one who forgot the PIN. */
  'approval:addSigner': {
    request: { name: string; pin: string; adminPassphrase: string; replace: boolean };
    response: { signer: SignerInfo };
  };
  'approval:removeSigner': { request: { name: string; adminPassphrase: string }; response: { ok: true } };
  'approval:changePin': { request: { name: string; oldPin: string; newPin: string }; response: { ok: true } };
  'print:printers': { request: Record<string, never>; response: { printers: PrinterInfo[] } };
  'print:run': { request: PrintRequest; response: PrintResult };
  /** The renderer has written its unsaved work (journal or save) after an 'app:flush' event. */
  'app:flushed': { request: Record<string, never>; response: { ok: true } };
  /** Opens the log folder in the system's file manager (the preview's failure message offers it). */
  'app:openLogFolder': { request: Record<string, never>; response: { path: string } };
  /** A renderer failure for the log file: uncaught errors, a preview that cannot be drawn. */
  'app:log': { request: RendererLogEntry; response: { ok: true } };
}

/** The options every preview request carries (see PreviewOptions). */
interface PreviewRequestOptions {
  draft: boolean;
  mode?: 'pdf' | 'layout';
  session?: string;
  view?: PreviewView;
}

/**
 * A preview request: the whole document (with `version`, the renderer's number for it, so that later patches can
 * name it), or — live preview ('layout' with a session) — a patch of the session's last document, answered
 * `{ kind: 'resend' }` when the worker does not have the patch's base.
 */
export type PreviewRenderRequest =
  | (PreviewRequestOptions & { document: BulletinDocument; version?: number; patch?: undefined })
  | (PreviewRequestOptions & { patch: DocumentPatch; mode: 'layout'; session: string; document?: undefined });

/** What the renderer writes into the log. */
export interface RendererLogEntry {
  readonly level: 'error' | 'warn' | 'info';
  /** What happened, short (at most 2000 characters). */
  readonly message: string;
  /** The technical details: a stack, a URL (at most 20000 characters). */
  readonly detail?: string;
}

/** A Word file given by the renderer (dropped: its name and bytes), or none: the main process asks with a dialog. */
export interface WordFileRequest {
  readonly name?: string;
  readonly bytes?: Uint8Array;
}

export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = Channels[C]['request'];
export type ResponseOf<C extends Channel> = Channels[C]['response'];

/** Events the main process sends (one-way). */
export interface Events {
  'menu:command': MenuCommand;
  /** The window is about to close or the app to quit: write unsaved work, then call 'app:flushed'. */
  'app:flush': FlushRequest;
}

export type EventName = keyof Events;

const empty: Validator<Record<string, never>> = object({ required: {} }) as Validator<Record<string, never>>;
const anyText = string({ nonEmpty: true });
/**
 * An issue or backup id: letters, digits, '.', '_' and '-', starting with a letter or digit, never '..', at most
 * 128 characters — so an id can never name a path outside the library (the library checks its exact pattern too).
 */
const id: Validator<string> = (value, path, problems) => {
  const text = anyText(value, path, problems);
  if (text === undefined) return undefined;
  if (text.length > 128 || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) || text.includes('..')) {
    return report(problems, path, `编号格式无效：${JSON.stringify(text.slice(0, 40))}（只能包含字母、数字、“.”“_”“-”）`);
  }
  return text;
};

/** A document crossing IPC is validated in full, as if read from a file. */
const documentValidator: Validator<BulletinDocument> = (value, path, problems) => {
  const result = documentFromUnknown(isPlainObject(value) ? { format: 'bulletin-issue', version: 1, ...value } : value);
  if (result.ok) return result.document;
  for (const p of result.problems) problems.push({ path: `${path}.${p.path}`, reason: p.reason });
  return undefined;
};

/** At most this many articles in a document a patch makes (a 20 MB file holds far fewer). */
const MAX_ARTICLES = 100_000;
const version = integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/**
 * A live-preview patch (core/model/document-patch.ts): its articles and issue fields checked with the validators
 * documents use, every index below `articleCount` and given once.
 */
const patchValidator: Validator<DocumentPatch> = (value, path, problems) => {
  const before = problems.length;
  const checked = object({
    required: {
      base: version,
      version,
      issue: issueFieldsSchema,
      articleCount: integer({ min: 1, max: MAX_ARTICLES }),
      articles: array(object({ required: { index: integer({ min: 0, max: MAX_ARTICLES - 1 }), article: articleSchema } })),
    },
    optional: { publication: profileValidator },
  })(value, path, problems);
  if (!checked || problems.length > before) return undefined;
  const seen = new Set<number>();
  checked.articles.forEach(({ index }: PatchedArticle, i: number) => {
    if (index >= checked.articleCount) report(problems, `${path}.articles[${i}].index`, `应小于文章数 ${checked.articleCount}，实际是 ${index}`);
    else if (seen.has(index)) report(problems, `${path}.articles[${i}].index`, `第 ${index} 篇文章重复出现`);
    seen.add(index);
  });
  return problems.length > before ? undefined : (checked as DocumentPatch);
};

const profileValidator: Validator<PublicationProfile> = (value, path, problems) => {
  const result = documentFromUnknown({
    format: 'bulletin-issue',
    version: 1,
    publication: value,
    issue: { year: 2000, number: 1, date: '2000-01-01', editorNote: [], articles: [{ title: 'x', body: [], contributor: '' }], distribution: [], editors: [] },
  });
  if (result.ok) return result.document.publication;
  for (const p of result.problems) problems.push({ path: `${path}.${p.path.replace(/^publication\.?/, '')}`, reason: p.reason });
  return undefined;
};

const publicationSource: Validator<PublicationSource> = (value, path, problems) => {
  const kind = isPlainObject(value) ? value.kind : undefined;
  if (kind === 'template') return object({ required: { kind: oneOf(['template'] as const), templateId: id } })(value, path, problems);
  if (kind === 'supplement' || kind === 'copy') return object({ required: { kind: oneOf(['supplement', 'copy'] as const), of: id } })(value, path, problems);
  return report(problems, `${path}.kind`, '应为 template、supplement 或 copy');
};

const publicationValidator: Validator<Publication> = object({
  required: { id, name: limitedText(40, true), totalNumbering: oneOf(['own', 'none'] as const), profile: profileValidator },
  optional: { signers: array(string({ nonEmpty: true })) },
});

/** Text of at most `max` characters (a log entry cannot flood the log). */
function limitedText(max: number, nonEmpty: boolean): Validator<string> {
  const base = string({ nonEmpty });
  return (value, path, problems) => {
    const text = base(value, path, problems);
    if (text === undefined) return undefined;
    return text.length > max ? report(problems, path, `太长（${text.length} 个字符，最多 ${max} 个）`) : text;
  };
}

const bytes: Validator<Uint8Array> = (value, path, problems) =>
  value instanceof Uint8Array ? value : report(problems, path, '应为字节数组');

/** One validator per channel: the main process rejects any request that does not pass. */
const wordFileOf = (withPublication: boolean): Validator<WordFileRequest & { publication?: string }> => (value, path, problems) => {
  const file = { name: string({ nonEmpty: true }), bytes };
  const optional = withPublication ? { ...file, publication: id } : file;
  const checked = object({ required: {}, optional })(value, path, problems) as (WordFileRequest & { publication?: string }) | undefined;
  if (checked && (checked.name === undefined) !== (checked.bytes === undefined)) {
    return report(problems, path, '拖入的文件需要同时给出文件名和内容');
  }
  return checked;
};
const wordFile = wordFileOf(false);

const previewView = object({ required: { page: integer({ min: 1, max: 100_000 }), count: integer({ min: 1, max: 200 }) } });
const previewDocumentRequest: Validator<PreviewRenderRequest> = object({
  required: { document: documentValidator, draft: boolean() },
  optional: { mode: oneOf(['pdf', 'layout'] as const), session: string(), view: previewView, version },
});
/** A patch: live preview only (mode 'layout', a session: the worker keeps the base per session). */
const previewPatchRequest: Validator<PreviewRenderRequest> = object({
  required: { patch: patchValidator, draft: boolean(), mode: oneOf(['layout'] as const), session: string({ nonEmpty: true }) },
  optional: { view: previewView },
});

export const REQUESTS: { readonly [C in Channel]: Validator<RequestOf<C>> } = {
  'app:info': empty,
  'library:list': object({ required: {}, optional: { query: string(), trash: boolean(), publication: id } }),
  'library:create': object({ required: {}, optional: { publication: id } }),
  'library:read': object({ required: { id } }),
  'library:save': object({ required: { id, document: documentValidator, revision: string() } }),
  'library:duplicate': object({ required: { id } }),
  'library:trash': object({ required: { id } }),
  'library:restore': object({ required: { id } }),
  'library:importText': object({ required: { name: string({ nonEmpty: true }), bytes }, optional: { publication: id } }),
  'library:openFile': empty,
  'library:saveAs': object({ required: { id } }),
  'library:backups': object({ required: { id } }),
  'library:restoreBackup': object({ required: { id, backupId: id } }),
  'journal:write': object({ required: { id, document: documentValidator } }),
  'journal:read': object({ required: { id } }),
  'journal:discard': object({ required: { id } }),
  'profile:get': object({ required: {}, optional: { publication: id } }),
  'profile:save': object({ required: { profile: profileValidator }, optional: { publication: id } }),
  'publications:add': object({ required: { name: limitedText(40, true), source: publicationSource } }),
  'publications:save': object({ required: { publication: publicationValidator } }),
  'publications:remove': object({ required: { publication: id } }),
  'fonts:list': empty,
  'fonts:chooseFile': empty,
  'masthead:chooseArt': empty,
  'preview:render': (value, path, problems) =>
    isPlainObject(value) && Object.hasOwn(value, 'patch')
      ? previewPatchRequest(value, path, problems)
      : previewDocumentRequest(value, path, problems),
  'preview:pages': object({ required: { session: string({ nonEmpty: true }), keys: array(string(), { maxItems: 200 }) } }),
  'check:run': object({ required: { document: documentValidator } }),
  'export:pdf': object({ required: { id, final: boolean() } }),
  'export:ofd': object({ required: { id, final: boolean() } }),
  'export:docx': object({ required: { id } }),
  'word:importIssue': wordFileOf(true),
  'word:readArticle': wordFile,
  'picture:prepare': object({ required: { name: string(), bytes } }),
  'approval:submit': object({ required: { id, by: string() } }),
  'approval:signOff': object({
    required: { id, signer: string({ nonEmpty: true }), pin: string({ nonEmpty: true }), opinion: string() },
  }),
  'approval:reopen': object({ required: { id, reason: string({ nonEmpty: true }) } }),
  'approval:exportRevision': object({ required: { id, number: integer({ min: 1, max: 9999 }) } }),
  'approval:readRevision': object({ required: { id, number: integer({ min: 1, max: 9999 }) } }),
  'approval:exportRevisionRegister': object({ required: { id, number: integer({ min: 1, max: 9999 }) } }),
  'approval:createAuthority': object({ required: { passphrase: string({ nonEmpty: true }) } }),
  'approval:addSigner': object({
    required: { name: string({ nonEmpty: true }), pin: string({ nonEmpty: true }), adminPassphrase: string({ nonEmpty: true }), replace: boolean() },
  }),
  'approval:removeSigner': object({ required: { name: string({ nonEmpty: true }), adminPassphrase: string({ nonEmpty: true }) } }),
  'approval:changePin': object({
    required: { name: string({ nonEmpty: true }), oldPin: string({ nonEmpty: true }), newPin: string({ nonEmpty: true }) },
  }),
  'print:printers': empty,
  'print:run': object({
    required: {
      id,
      printer: string({ nonEmpty: true }),
      copies: integer({ min: 1, max: 9999 }),
      duplex: boolean(),
      pageRange: string(),
      distribution: boolean(),
    },
  }) as Validator<PrintRequest>,
  'app:flushed': empty,
  'app:openLogFolder': empty,
  'app:log': object({
    required: { level: oneOf(['error', 'warn', 'info'] as const), message: limitedText(2000, true) },
    optional: { detail: limitedText(20_000, false) },
  }),
} as const;

/** Every channel name, in declaration order. */
export const CHANNELS = Object.keys(REQUESTS) as Channel[];

/** Every event name. */
export const EVENTS: readonly EventName[] = ['menu:command', 'app:flush'];

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'new', 'open', 'save', 'saveAs', 'exportPdf', 'exportOfd', 'print', 'find', 'replace', 'undo', 'redo', 'settings', 'library',
  'importWord', 'insertWordArticle', 'exportWord', 'openLogFolder',
];

/** The preload method for a channel: 'library:importText' → 'libraryImportText'. */
export function methodName(channel: string): string {
  return channel.replace(/:(\w)/g, (_, c: string) => c.toUpperCase());
}

/** The API the preload exposes on `window.bulletin`: one method per channel, plus event subscription. */
export type BulletinApi = {
  readonly [C in Channel as MethodNameOf<C>]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  /** Subscribes to a main-process event; returns an unsubscribe function. */
  readonly on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => () => void;
};

type MethodNameOf<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : C;

/** Validates a request; the problems, when any, are in Chinese with paths. */
export function validateRequest<C extends Channel>(
  channel: C,
  request: unknown,
): { ok: true; value: RequestOf<C> } | { ok: false; problems: FormatProblem[] } {
  const validator = REQUESTS[channel] as Validator<RequestOf<C>> | undefined;
  if (!validator) return { ok: false, problems: [{ path: '', reason: `未知的通道：${String(channel)}` }] };
  const problems: FormatProblem[] = [];
  const value = validator(request, 'request', problems);
  return value === undefined || problems.length ? { ok: false, problems } : { ok: true, value };
}

/** The envelope every handler answers with, so errors cross IPC as data, not as mangled exceptions. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Builds the `window.bulletin` API from an invoke function and an event subscription (preload and tests). */
export function buildApi(deps: {
  invoke: (channel: Channel, request: unknown) => Promise<Envelope<unknown>>;
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void;
}): BulletinApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[methodName(channel)] = async (request: unknown) => {
      const envelope = await deps.invoke(channel, request ?? {});
      if (envelope.ok) return envelope.value;
      throw new Error(envelope.error);
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => deps.subscribe(event, listener);
  return api as BulletinApi;
}
