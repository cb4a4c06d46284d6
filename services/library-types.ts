import type { BulletinDocument } from '../core/model/document.js';
import type { PublicationProfile } from '../core/model/profile.js';
import type { Publication, PublicationSource } from '../core/model/publication.js';
import type { HistoryAction, IssueStatus } from '../core/model/status.js';
import type { AuthorityInfo, SignerEvent, SignerInfo, SigningData } from './signing-types.js';

/**
 * The shapes the library store speaks in. The store keeps each issue as an issue file
 * (`issues/<id>.json`, the core's file format) plus a sidecar of library facts (`issues/<id>.meta.json`:
 * status, history, sign-off). Shared by the store, the IPC contract, the command line and the UI.
 */

// The status and history vocabulary is core's (core/model/status.ts); re-exported for the services that
// speak it.
export { HISTORY_NAMES, STATUS_NAMES, type HistoryAction, type IssueStatus } from '../core/model/status.js';

/** One line of an issue's history: who did what and when. */
export interface HistoryEntry {
  readonly at: string; // ISO date-time
  readonly action: HistoryAction;
  readonly by?: string;
  /** Human-readable detail in Chinese, e.g. "签发意见：同意印发" or "导出 PDF：/path/out.pdf". */
  readonly detail?: string;
}

/**
 * A sign-off (签发): who, their opinion, when, the hash of the content they signed, and — since sign-offs are
 * digitally signed (services/signoff-record.ts) — the signer's certificate fingerprint, the hash of the signed
 * final PDF and the signature. A record without a signature is an old-format one (旧版签发，无数字签名).
 */
export interface SignOff {
  readonly signer: string;
  readonly opinion: string;
  readonly at: string;
  /** SHA-256 (hex) of the serialized document at sign-off. */
  readonly contentHash: string;
  /** SHA-256 fingerprint (hex) of the signer's certificate. */
  readonly certificate?: string;
  /** SHA-256 (hex) of the digitally signed final PDF made at sign-off (finals/<id>.pdf). */
  readonly finalPdf?: string;
  /** ECDSA signature (base64 DER) by the signer's key over the canonical form of the fields above. */
  readonly signature?: string;
}

/** Library facts about an issue, kept beside the issue file. */
export interface IssueMeta {
  readonly id: string;
  /** The id of the publication (刊物) the issue belongs to; absent (issues made before publications): the first. */
  readonly publication?: string;
  readonly status: IssueStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly signOff?: SignOff;
  /** An old-format sign-off (no digital signature), kept for the record when the file was upgraded. */
  readonly legacySignOff?: SignOff;
  readonly history: readonly HistoryEntry[];
}

/** One row of the library list. */
export interface IssueSummary {
  readonly id: string;
  readonly year: number;
  readonly number: number;
  readonly totalNumber?: number;
  readonly date: string;
  readonly title: string;
  readonly status: IssueStatus;
  readonly updatedAt: string;
  /** The id of the publication (刊物) the issue belongs to (the meta's, else the library's first). */
  readonly publication: string;
}

/** A file in the library that could not be read; it is left in place, bytes intact. */
export interface DamagedFile {
  readonly file: string;
  /** Chinese: what is wrong. */
  readonly reason: string;
}

export interface LibraryListing {
  readonly issues: readonly IssueSummary[];
  readonly damaged: readonly DamagedFile[];
}

/** An issue as read from the library. `revision` changes whenever the file changes (also from outside). */
export interface StoredIssue {
  readonly id: string;
  readonly document: BulletinDocument;
  readonly meta: IssueMeta;
  readonly revision: string;
}

export type SaveResult =
  | { readonly status: 'saved'; readonly revision: string; readonly meta: IssueMeta }
  /** The file changed since `revision` was read (another window, the command line, an editor). */
  | { readonly status: 'conflict'; readonly revision: string };

export interface BackupInfo {
  readonly id: string;
  readonly at: string;
  readonly bytes: number;
}

/** What a new issue gets, and warnings about its numbers (gap or duplicate). */
export interface CreatedIssue {
  readonly id: string;
  readonly warnings: readonly string[];
}

export type { AuthorityInfo, SignerInfo } from './signing-types.js';

export interface ProfileWithSigners {
  /** The profile of the publication asked for (the first publication's by default). */
  readonly profile: PublicationProfile;
  /** Every publication of the library (刊物), the first being the default. */
  readonly publications?: readonly Publication[];
  readonly signers: readonly SignerInfo[];
  /** The office's signing authority, once made. */
  readonly authority?: AuthorityInfo;
  /** The signers' log, newest last. */
  readonly signerEvents?: readonly SignerEvent[];
}

/** The library store's operations (services/library.ts implements them over a folder). */
export interface Library {
  /** The folder the library lives in. */
  readonly dir: string;
  /** Every issue, newest first (by year, then 期号), with damaged files listed apart. `query` searches title and text. */
  list(options?: { query?: string; trash?: boolean; publication?: string }): LibraryListing;
  /**
   * A new issue from the publication profile: 第N期 = last of the year + 1 (1 in a new year), 总期号 = last + 1; the
   * 送 list and 责任编辑 the profile's defaults where set, otherwise the last issue's (library-carry-over.ts).
   */
  create(options?: { today?: string; by?: string; publication?: string }): CreatedIssue;
  read(id: string): StoredIssue;
  /** Saves unless the file changed since `revision`; keeps the previous version as a backup. */
  save(id: string, document: BulletinDocument, revision: string, options?: { by?: string }): SaveResult;
  duplicate(id: string, options?: { by?: string }): CreatedIssue;
  /** Moves an issue to the recoverable 回收站. */
  trash(id: string): void;
  restore(id: string): void;
  /** Adds an issue from a text or issue file's bytes (the core's readInput). */
  importBytes(bytes: Uint8Array, name: string, options?: { today?: string; by?: string; publication?: string }): { id: string; notes: string[] };
  /** Adds a document read elsewhere (a Word file) as a new issue; `name` is the source file, for the history. */
  importDocument(document: BulletinDocument, name: string, options?: { by?: string; publication?: string }): { id: string; warnings: string[] };
  /** The issue file's bytes, e.g. to save it elsewhere. */
  exportFile(id: string): string;
  backups(id: string): BackupInfo[];
  restoreBackup(id: string, backupId: string): { revision: string };
  /** Journal of unsaved editor state (crash recovery). */
  writeJournal(id: string, document: BulletinDocument): void;
  readJournal(id: string): { document?: BulletinDocument; savedAt?: string };
  discardJournal(id: string): void;
  /** The profile of a publication (its id; the first publication's when none is given). */
  profile(publication?: string): PublicationProfile;
  /** Saves the profile of a publication (its id; the first publication's when none is given). */
  saveProfile(profile: PublicationProfile, publication?: string): void;
  /** The library's publications (刊物), the first being the default; one (from the profile) in an older library. */
  publications(): readonly Publication[];
  /**
   * The publication of a name or id; throws a Chinese LibraryError listing the known ones when there is none.
   * Undefined asks for the first.
   */
  publication(nameOrId?: string): Publication;
  /** Adds a publication from a template, or as the 增刊 or a copy of another; refuses a duplicate name. */
  addPublication(request: { name: string; source: PublicationSource }): Publication;
  /** Saves a publication's name, numbering, allowed signers and profile (by its id); refuses a duplicate name. */
  savePublication(publication: Publication): void;
  /**
   * 删除刊物: removes a publication (by name or id) from the profile file, the file as it was kept first in
   * backups/ (profile-<time>-before-remove.json). Refused with a Chinese LibraryError while the library lists
   * issues of it, or when it is the only one. Issues of it in the 回收站 do not hold it back (there is no emptying
   * the 回收站): restored, they are listed under the first publication — each keeps its own masthead, which its
   * file carries. Returns the removed publication and how many such issues there are.
   */
  removePublication(nameOrId: string): { removed: Publication; trashed: number };
  /** The signing authority, signers' certificates and sealed keys (never a PIN), kept in the library's profile file. */
  signingData(): SigningData;
  saveSigningData(data: SigningData): void;
  /** Changes an issue's library facts (status, history, sign-off) atomically. */
  updateMeta(id: string, change: (meta: IssueMeta) => IssueMeta): IssueMeta;
  /** Appends a history entry. */
  record(id: string, entry: Omit<HistoryEntry, 'at'>): IssueMeta;
}
