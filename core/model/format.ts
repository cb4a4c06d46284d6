/**
 * The issue file format: versioned JSON.
 *
 *     { "format": "bulletin-issue", "version": 1, "publication": PublicationProfile, "issue": Issue }
 *
 * Reading is strict and complete: every problem of a file is reported with its path and a reason in
 * Chinese, unknown fields included. Any object may carry an `extensions` object for other tools' data; it
 * is accepted without checks and not kept (the model has no place for it). Files of older versions are
 * upgraded step by step through {@link MIGRATIONS} before they are checked.
 *
 * This file reads and writes the envelope; ./format-versions.ts holds the versions and upgrades,
 * ./format-schema.ts the checks of the content, ./json-errors.ts the messages for text that is not JSON.
 */
import type { MastheadArtSpec } from '../masthead-art/spec.js';
import type { BulletinDocument } from './document.js';
import type { Inline } from './inline.js';
import type { Article, Block, DistributionEntry, Issue } from './issue.js';
import type { FontChoice, PublicationProfile } from './profile.js';
import { validateContent } from './format-schema.js';
import { CURRENT_VERSION, FORMAT_ID, MIGRATIONS, migrate, type Migration } from './format-versions.js';
import { jsonErrorReason } from './json-errors.js';
import { actually, isPlainObject, type FormatProblem } from './validate.js';

export type { FormatProblem } from './validate.js';
export { CURRENT_VERSION, FORMAT_ID, MIGRATIONS, type Migration } from './format-versions.js';
export { jsonErrorOffset } from './json-errors.js';

/** Texts longer than this (UTF-16 code units, 20 MiB) are refused without being parsed. */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

/** Why a file could not be read. */
export type ParseFailureKind =
  /** The text is not JSON at all (damaged, truncated, another kind of file). */
  | 'not-json'
  /** JSON, but not an issue file (no or another `format`). */
  | 'foreign'
  /** An issue file written by a newer version of the program. */
  | 'too-new'
  /** An issue file with invalid content, or too large to be one. */
  | 'invalid';

/** The outcome of reading an issue file. `migratedFrom` is the file's version when it was upgraded. */
export type ParseResult =
  | { readonly ok: true; readonly document: BulletinDocument; readonly migratedFrom?: number }
  | { readonly ok: false; readonly problems: FormatProblem[]; readonly kind: ParseFailureKind };

/** Options of {@link parseDocument} and {@link documentFromUnknown}. */
export interface ParseOptions {
  /** The upgrade table to use instead of {@link MIGRATIONS} (for tests). */
  readonly migrations?: Readonly<Record<number, Migration>>;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/**
 * The file text of a document: pretty JSON with a two-space indent, fields in a fixed order (the order of
 * the model), and a trailing newline. Only the model's fields are written.
 */
export function serializeDocument(doc: BulletinDocument): string {
  const file = {
    format: FORMAT_ID,
    version: CURRENT_VERSION,
    publication: publicationJson(doc.publication),
    issue: issueJson(doc.issue),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function publicationJson(p: PublicationProfile) {
  return {
    name: p.name,
    pinyin: p.pinyin,
    unit: p.unit,
    approvalNumber: p.approvalNumber,
    contact: p.contact,
    defaultDistribution: p.defaultDistribution.map(distributionJson),
    defaultEditors: [...p.defaultEditors],
    preset: p.preset,
    fonts: {
      title: fontJson(p.fonts.title),
      body: fontJson(p.fonts.body),
      hei: fontJson(p.fonts.hei),
      kai: fontJson(p.fonts.kai),
      song: fontJson(p.fonts.song),
    },
    ...(p.preferEvenPages === undefined ? {} : { preferEvenPages: p.preferEvenPages }),
    ...(p.finalPdfA === undefined ? {} : { finalPdfA: p.finalPdfA }),
    ...(p.mastheadArt === undefined ? {} : { mastheadArt: mastheadArtJson(p.mastheadArt) }),
    ...(p.mastheadArtColour === undefined ? {} : { mastheadArtColour: p.mastheadArtColour }),
  };
}

/** The 刊名 picture (issue 12): a file path, or the embedded picture's type, base64 data and original name. */
function mastheadArtJson(a: MastheadArtSpec) {
  if (a.kind === 'file') return { kind: a.kind, path: a.path };
  return { kind: a.kind, mime: a.mime, data: a.data, ...(a.name === undefined ? {} : { name: a.name }) };
}

function fontJson(f: FontChoice) {
  if (f.kind === 'bundled') return { kind: f.kind, family: f.family };
  return { kind: f.kind, path: f.path, ...(f.boldPath === undefined ? {} : { boldPath: f.boldPath }) };
}

function issueJson(i: Issue) {
  return {
    year: i.year,
    number: i.number,
    ...(i.totalNumber === undefined ? {} : { totalNumber: i.totalNumber }),
    date: i.date,
    editorNote: i.editorNote.map(inlinesJson),
    articles: i.articles.map(articleJson),
    distribution: i.distribution.map(distributionJson),
    editors: [...i.editors],
  };
}

function articleJson(a: Article) {
  return { title: a.title, body: a.body.map(blockJson), contributor: a.contributor };
}

function blockJson(b: Block) {
  if (b.type === 'paragraph') return { type: b.type, content: inlinesJson(b.content) };
  if (b.type === 'table') {
    const rows = b.rows.map((r) => ({ cells: r.cells.map((c) => ({ content: inlinesJson(c.content) })) }));
    return { type: b.type, rows, ...(b.widths ? { widths: [...b.widths] } : {}) };
  }
  if (b.type === 'picture') {
    const { format, width, height, data } = b.image;
    return { type: b.type, content: inlinesJson(b.content), image: { format, width, height, data } };
  }
  return {
    type: b.type,
    level: b.level,
    content: inlinesJson(b.content),
    ...(b.body === undefined ? {} : { body: inlinesJson(b.body) }),
  };
}

function inlinesJson(inlines: readonly Inline[]) {
  return inlines.map((i) => ({ text: i.text, ...(i.bold === undefined ? {} : { bold: i.bold }) }));
}

function distributionJson(d: DistributionEntry) {
  return { text: d.text, copies: d.copies };
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/**
 * Reads the text of an issue file. Never throws: a text that is too large, not JSON, not an issue file,
 * from a newer version or invalid gives `ok: false` with the kind of failure and every problem found.
 */
export function parseDocument(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return failure('invalid', [{ path: '', reason: `文件过大（约 ${mb} MB），简报文件不会超过 20 MB` }]);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return failure('not-json', [{ path: '', reason: jsonErrorReason(body) }]);
  }
  return documentFromUnknown(raw, options);
}

/**
 * Checks an already parsed value (e.g. received over IPC) as the content of an issue file, upgrading it
 * from an older version first. Never throws; the document returned shares no objects with the value.
 */
export function documentFromUnknown(value: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return readEnvelope(value, options.migrations ?? MIGRATIONS);
  } catch (error) {
    // Validators do not throw; this guards against exotic values (getters, proxies) passed over IPC.
    return failure('invalid', [{ path: '', reason: `无法读取内容：${String(error)}` }]);
  }
}

function readEnvelope(value: unknown, migrations: Readonly<Record<number, Migration>>): ParseResult {
  if (!isPlainObject(value) || value.format !== FORMAT_ID) {
    const where = isPlainObject(value) ? 'format' : '';
    const reason = `这不是简报文件（format 字段应为 ${FORMAT_ID}）`;
    return failure('foreign', [{ path: where, reason }]);
  }
  const version = value.version;
  if (!Object.hasOwn(value, 'version') || typeof version !== 'number' || !Number.isInteger(version)) {
    // Without a usable version, check the rest as the current version to report everything at once.
    const problems: FormatProblem[] = [{ path: 'version', reason: versionReason(value) }];
    validateContent({ ...value, version: CURRENT_VERSION }, problems);
    return failure('invalid', problems);
  }
  if (version > CURRENT_VERSION) {
    const reason = `文件版本 ${version} 比本程序支持的版本 ${CURRENT_VERSION} 新，请升级程序`;
    return failure('too-new', [{ path: 'version', reason }]);
  }
  const migrated = migrate(value, version, migrations);
  if (!migrated.ok) return failure('invalid', [{ path: migrated.path, reason: migrated.reason }]);
  const problems: FormatProblem[] = [];
  const document = validateContent(migrated.raw, problems);
  if (!document) return failure('invalid', problems);
  return version < CURRENT_VERSION ? { ok: true, document, migratedFrom: version } : { ok: true, document };
}

function versionReason(value: Record<string, unknown>): string {
  if (!Object.hasOwn(value, 'version')) return '缺少必填字段';
  return `应为整数，${actually(value.version)}`;
}

function failure(kind: ParseFailureKind, problems: FormatProblem[]): Extract<ParseResult, { ok: false }> {
  return { ok: false, kind, problems };
}
