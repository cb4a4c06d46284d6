import type { Problem } from '../core/check/problem.js';
import type { BulletinDocument } from '../core/model/document.js';
import { maySign, publicationOf } from '../core/model/publication.js';
import { contentHash } from './content-hash.js';
import { createFinalStore, type FinalStore } from './final-store.js';
import { LEGACY_SIGNOFF, serializeMeta } from './library-meta.js';
import { blockingErrors, ReleaseBlocked } from './release-gate.js';
import { createRegisterStore } from './register-store.js';
import { createRevisionArchive, type RevisionArchive } from './revision-archive.js';
import { STATUS_NAMES, type HistoryEntry, type IssueMeta, type Library, type SignOff } from './library-types.js';
import { createPinLockout } from './pin-lockout.js';
import { createSigners, SigningError, type Signers } from './signers.js';
import type { KdfParams } from './signing-keys.js';
import { sha256Hex, signSignOff, UNVERIFIABLE } from './signoff-record.js';

/**
 * Sign-off (签发) that cannot be forged. The signer's PIN opens the signer's private key (signers.ts); with it
 * the sign-off record — issue id, content hash, signer, opinion, time, certificate fingerprint and the hash of
 * the final PDF — is signed (signoff-record.ts), and the final PDF is made there and then, for exactly the
 * content signed, digitally signed (PAdES baseline B, pdf-signature.ts) and kept as `finals/<id>.pdf`. Every
 * load of the issue verifies the record (library-meta.ts checkSignOff); `export --final` and printing hand out
 * the stored signed PDF only while the record verifies, the content is unchanged and the file is the one the
 * record names ({@link Approval.finalState}).
 */

export const DEFAULT_OPINION = '同意印发';
export { MIN_PIN_LENGTH, MIN_PASSPHRASE_LENGTH, SigningError } from './signers.js';
export { MAX_PIN_FAILURES, LOCKOUT_MS } from './pin-lockout.js';
export { ReleaseBlocked } from './release-gate.js';

/** Shortest reason accepted for 撤回签发 or 修订 (it goes into the history). */
export const MIN_REASON_LENGTH = 2;

export type SignOffResult =
  | { readonly ok: true; readonly meta: IssueMeta }
  | { readonly ok: false; readonly reason: string; readonly problems?: readonly Problem[] };

export type FinalState =
  | { readonly ok: true; readonly signOff: SignOff; readonly document: BulletinDocument; readonly pdf: Buffer }
  | { readonly ok: false; readonly reason: string };

/** Makes the unsigned final PDF of a document for a sign-off (the issue exporter's renderFinal). */
export type RenderFinal = (document: BulletinDocument, signOff: SignOff, options?: { readonly pdfa?: boolean }) => Promise<Uint8Array>;

export interface Approval {
  /** The authority and the signers: listing, adding, removing, PIN changes. */
  readonly signing: Signers;
  /** 草稿 → 送审, recorded as 'submitted'. Does not check the content: see {@link Approval.releaseErrors}. */
  submit(id: string, by: string): IssueMeta;
  /**
   * 草稿 → 送审 after the 校对 checks: throws {@link ReleaseBlocked} (with the errors) when the issue has any.
   * Without a checker (options.check) the same as submit.
   */
  submitChecked(id: string, by: string): Promise<IssueMeta>;
  /**
   * Signs an issue off with the signer's PIN: the signed record and the signed final PDF. From 送审; from 草稿
   * it is 送审并签发, and the history shows both steps. Refused while 校对 finds errors (options.check).
   */
  signOff(id: string, request: { signer: string; pin: string; opinion?: string; pdfa?: boolean }): Promise<SignOffResult>;
  /** The 校对 errors (never warnings) that stop a release; none without a checker. */
  releaseErrors(id: string): Promise<readonly Problem[]>;
  /**
   * Takes a signed or printed issue back to 草稿 with a reason, recorded: 撤回签发 (已签发) or 修订 (已印发; the
   * printed version — content, sign-off record and final PDF — is kept whole in `revisions/`, see
   * revision-archive.ts). The sign-off is removed; the revision goes through 送审/签发 again.
   */
  reopen(id: string, request: { by?: string; reason: string }): IssueMeta;
  /** The printed versions kept by 修订. */
  readonly revisions: RevisionArchive;
  /** Whether a final PDF may be handed out, and which: the stored signed one, checked. */
  finalState(id: string): FinalState;
}

export interface ApprovalOptions {
  readonly library: Library;
  /** The clock (tests). */
  readonly now?: () => Date;
  /** The key-derivation cost of new keys (tests pass a cheap one). */
  readonly kdf?: KdfParams;
  /** Makes the final PDF at sign-off; without it signing is refused. */
  readonly renderFinal?: RenderFinal;
  /** Where the signed final PDFs are kept; finals/ in the library by default. */
  readonly finals?: FinalStore;
  /** The 校对 checks (core/check with the fonts' glyph coverage); with it, errors stop 送审 and 签发. */
  readonly check?: (document: BulletinDocument) => Promise<readonly Problem[]>;
}

export function createApproval(options: ApprovalOptions): Approval {
  const { library } = options;
  const now = options.now ?? (() => new Date());
  const at = () => now().toISOString();
  const lockout = createPinLockout({ dir: library.dir, now });
  const signing = createSigners({ library, lockout, now, ...(options.kdf ? { kdf: options.kdf } : {}) });
  const finals = options.finals ?? createFinalStore({ dir: library.dir });
  const revisions = createRevisionArchive({ dir: library.dir });
  const registers = createRegisterStore({ dir: library.dir });
  const errorsOf = async (document: BulletinDocument) => (options.check ? blockingErrors(await options.check(document)) : []);

  const recordLockout = (id: string, signer: string, until: Date) => {
    const detail = `签发人“${signer}”PIN 连续错误 5 次，锁定 15 分钟（至 ${until.toISOString()}）`;
    library.record(id, { action: 'locked', by: signer, detail });
    const data = library.signingData();
    library.saveSigningData({ ...data, events: [...data.events, { at: at(), action: 'locked', signer, detail }] });
  };

  const approval: Approval = {
    signing,
    revisions,

    async releaseErrors(id) {
      return errorsOf(library.read(id).document);
    },

    async submitChecked(id, by) {
      const errors = await approval.releaseErrors(id);
      if (errors.length > 0) throw new ReleaseBlocked('送审', errors);
      return approval.submit(id, by);
    },

    submit(id, by) {
      library.read(id); // verifies (and voids) the sign-off first
      return library.updateMeta(id, (meta) => {
        if (meta.status !== 'draft') throw new Error(`只有草稿可以送审，本期当前状态：${STATUS_NAMES[meta.status]}`);
        const entry: HistoryEntry = { at: at(), action: 'submitted', by: by || undefined, detail: '送审' };
        return { ...meta, status: 'submitted', updatedAt: entry.at, history: [...meta.history, entry] };
      });
    },

    async signOff(id, request) {
      const signer = request.signer.trim();
      // Reading verifies the record and voids a stale one, so the status seen here is current.
      const stored = library.read(id);
      if (stored.meta.status === 'approved') return { ok: false, reason: `本期已由${stored.meta.signOff?.signer ?? ''}签发，无需重复签发` };
      if (stored.meta.status === 'printed' && stored.meta.signOff) return { ok: false, reason: '本期已印发，不能再次签发' };
      if (!options.renderFinal) return { ok: false, reason: '签发需要排版服务（程序配置有误）' };
      const errors = await errorsOf(stored.document);
      if (errors.length > 0) return { ok: false, reason: new ReleaseBlocked('签发', errors).message, problems: errors };
      // Only the signers the publication allows (期刊设置; every signer when it names none), before any PIN is tried.
      const publication = publicationOf(library.publications(), stored.meta.publication);
      if (publication && !maySign(publication, signer)) {
        const allowed = publication.signers?.join('、') || '（无）';
        return { ok: false, reason: `签发人“${signer}”无权签发《${publication.name}》；本刊可签发的签发人：${allowed}` };
      }
      let unlocked;
      try {
        unlocked = await signing.unlock(signer, request.pin);
      } catch (error) {
        if (!(error instanceof SigningError)) throw error;
        if (error.details.lockedNow && error.details.until) recordLockout(id, signer, error.details.until);
        return { ok: false, reason: error.message };
      }
      const opinion = (request.opinion ?? '').trim() || DEFAULT_OPINION;
      const when = at();
      const hash = contentHash(stored.document);
      const base: SignOff = { signer: unlocked.name, opinion, at: when, contentHash: hash, certificate: unlocked.fingerprint };
      const unsigned = await options.renderFinal(stored.document, base, request.pdfa === undefined ? {} : { pdfa: request.pdfa });
      const { signPdf } = await import('./pdf-signature.js'); // pdf-lib and @signpdf: loaded only to sign
      const pdf = await signPdf(unsigned, {
        signer: { pkcs8: unlocked.pkcs8, certificate: unlocked.certificate, chain: [unlocked.authority] },
        fields: { name: unlocked.name, reason: `签发：${opinion}`, ...(unlocked.organization ? { location: unlocked.organization } : {}), signedAt: new Date(when) },
      });
      const record = signSignOff(id, { ...base, finalPdf: sha256Hex(pdf) }, unlocked.pkcs8);
      // The content may have been saved again while the PDF was made: sign only what is still there.
      if (contentHash(library.read(id).document) !== hash) return { ok: false, reason: '签发过程中内容被修改，请重新签发' };
      finals.write(id, pdf);
      const meta = library.updateMeta(id, (m) => {
        const resigning = m.status === 'printed' && !m.signOff;
        if (m.status !== 'draft' && m.status !== 'submitted' && !resigning) throw new Error(`本期当前状态为${STATUS_NAMES[m.status]}，不能签发`);
        const detail = `签发意见：${opinion}；数字签名（证书指纹 ${unlocked.fingerprint.slice(0, 16)}…），正式版已生成`;
        const entry: HistoryEntry = { at: when, action: 'approved', by: unlocked.name, detail };
        // 送审并签发: straight from 草稿, the history shows the 送审 step too.
        const submitted: HistoryEntry[] = m.status === 'draft' ? [{ at: when, action: 'submitted', by: unlocked.name, detail: '送审并签发' }] : [];
        const { legacySignOff: _replaced, ...rest } = m;
        return { ...rest, status: resigning ? 'printed' : 'approved', signOff: record, updatedAt: when, history: [...m.history, ...submitted, entry] };
      });
      return { ok: true, meta };
    },

    finalState(id) {
      const stored = library.read(id);
      const { meta } = stored;
      if ((meta.status !== 'approved' && meta.status !== 'printed') || !meta.signOff) {
        const last = [...meta.history].reverse().find((h) => h.action === 'voided' || h.action === 'approved' || (h.action === 'migrated' && h.detail?.startsWith(LEGACY_SIGNOFF)));
        if (last?.action === 'voided' && last.detail?.startsWith(UNVERIFIABLE)) return { ok: false, reason: last.detail.replace(/；不作为签发.*$/, '') };
        if (last?.action === 'voided') return { ok: false, reason: '签发后内容已修改，需重新签发' };
        if (meta.legacySignOff) return { ok: false, reason: `${LEGACY_SIGNOFF}，须重新签发后才能导出正式版` };
        return { ok: false, reason: '尚未签发' };
      }
      if (contentHash(stored.document) !== meta.signOff.contentHash) return { ok: false, reason: '签发后内容已修改，需重新签发' };
      const pdf = finals.read(id);
      if (!pdf || sha256Hex(pdf) !== meta.signOff.finalPdf) return { ok: false, reason: '签发时生成的正式版文件缺失或已被改动，需重新签发' };
      return { ok: true, signOff: meta.signOff, document: stored.document, pdf };
    },

    reopen(id, request) {
      const reason = request.reason.trim();
      if (reason.length < MIN_REASON_LENGTH) throw new Error('请填写原因（至少 2 个字），它将记入处理记录');
      const stored = library.read(id); // verifies the record first: an unverifiable one is already voided
      const { meta } = stored;
      if (meta.status !== 'approved' && meta.status !== 'printed') {
        throw new Error(`本期当前状态为${STATUS_NAMES[meta.status]}，无需撤回签发或修订`);
      }
      const printed = meta.status === 'printed';
      let detail = `撤回签发：${reason}`;
      if (printed) {
        const registerPdf = registers.read(id);
        const kept = revisions.keep(id, { issue: library.exportFile(id), meta: serializeMeta(meta), finalPdf: finals.read(id), registerPdf });
        // The register now belongs to the archived version; the revision's own printing makes a new one.
        if (registerPdf) registers.remove(id);
        detail = `修订：${reason}；原印发版本（内容、签发记录、正式版${registerPdf ? '、分发登记表' : ''}）已存档为第 ${kept.number} 版`;
      }
      const when = at();
      return library.updateMeta(id, (m) => {
        if (m.status !== meta.status) throw new Error('本期状态已改变，请重新打开后再试');
        const { signOff: _removed, ...rest } = m;
        const entry: HistoryEntry = { at: when, action: printed ? 'revised' : 'withdrawn', ...(request.by ? { by: request.by } : {}), detail };
        return { ...rest, status: 'draft', updatedAt: when, history: [...m.history, entry] };
      });
    },
  };
  return approval;
}
