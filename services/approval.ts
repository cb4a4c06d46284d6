import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { contentHash } from './content-hash.js';
import { STATUS_NAMES, type HistoryEntry, type IssueMeta, type Library, type SignOff, type SignerRecord } from './library-types.js';

/**
 * Sign-off (签发). Signers are kept in the library's profile file as salted scrypt hashes of their PINs — the
 * PIN itself is never written anywhere (not in the profile, not in the history, not in an error). A sign-off
 * records the signer, the opinion (签发意见), the time and the SHA-256 of the issue's content; any later change
 * of that content voids it. The library does the voiding (on save and on read it compares the hash); this
 * service checks the hash again before anything final is produced ({@link Approval.finalState}).
 */

/** scrypt cost: N = 2^14, r = 8, p = 1, 32-byte key (about 16 MiB and a few tens of ms per check). */
export const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
export const MIN_PIN_LENGTH = 4;
export const DEFAULT_OPINION = '同意印发';
/** Wrong PINs in a row after which a signer's sign-off is refused for {@link LOCKOUT_MS} (in this process). */
export const MAX_PIN_FAILURES = 5;
export const LOCKOUT_MS = 60_000;

export type SignOffResult = { readonly ok: true; readonly meta: IssueMeta } | { readonly ok: false; readonly reason: string };

export type FinalState = { readonly ok: true; readonly signOff: SignOff } | { readonly ok: false; readonly reason: string };

export interface Approval {
  /** Adds a signer; throws (Chinese) for an empty name, a short PIN, or a name already listed unless `replace`. */
  addSigner(name: string, pin: string, options?: { replace?: boolean }): void;
  /** Removes a signer; false when there was none of that name. */
  removeSigner(name: string): boolean;
  /** The signers' names, in the order they were added. */
  signers(): string[];
  /** Whether the PIN is the signer's (constant-time comparison); false for an unknown signer. */
  verifyPin(name: string, pin: string): boolean;
  /** 草稿 → 送审, recorded as 'submitted'. */
  submit(id: string, by: string): IssueMeta;
  /** Signs an issue off (from 草稿 or 送审) with the signer's PIN. */
  signOff(id: string, request: { signer: string; pin: string; opinion?: string }): SignOffResult;
  /** Whether a final PDF may be made: signed off (已签发 or 已印发) and the content unchanged since. */
  finalState(id: string): FinalState;
}

export interface ApprovalOptions {
  readonly library: Library;
  /** The clock (tests). */
  readonly now?: () => Date;
}

export function createApproval({ library, now = () => new Date() }: ApprovalOptions): Approval {
  const at = () => now().toISOString();
  /** Wrong PINs per signer, and until when the signer is locked out. Kept in memory only, never a PIN. */
  const failures = new Map<string, { count: number; until: number }>();
  const find = (name: string) => library.signerRecords().find((r) => r.name === name.trim());

  const verify = (record: SignerRecord, pin: string): boolean => {
    const expected = Buffer.from(record.hash, 'hex');
    const { N, r, p, keylen } = record.scrypt;
    const actual = scryptSync(pin.normalize('NFC'), Buffer.from(record.salt, 'hex'), keylen, { N, r, p, maxmem: 64 * 1024 * 1024 });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };

  return {
    addSigner(name, pin, options = {}) {
      const clean = name.trim();
      if (!clean) throw new Error('签发人姓名不能为空');
      if (/[\r\n\t]/.test(clean) || clean.length > 40) throw new Error('签发人姓名应为一行，不超过 40 个字符');
      if ([...pin].length < MIN_PIN_LENGTH) throw new Error(`PIN 至少 ${MIN_PIN_LENGTH} 位`);
      const records = library.signerRecords();
      if (records.some((r) => r.name === clean) && !options.replace) throw new Error(`签发人“${clean}”已存在`);
      const salt = randomBytes(16);
      const { N, r, p, keylen } = SCRYPT_PARAMS;
      const hash = scryptSync(pin.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 });
      const record: SignerRecord = { name: clean, salt: salt.toString('hex'), hash: hash.toString('hex'), scrypt: { N, r, p, keylen } };
      const others = records.filter((x) => x.name !== clean);
      const index = records.findIndex((x) => x.name === clean);
      library.saveSignerRecords(index < 0 ? [...records, record] : [...others.slice(0, index), record, ...others.slice(index)]);
    },

    removeSigner(name) {
      const records = library.signerRecords();
      const rest = records.filter((r) => r.name !== name.trim());
      if (rest.length === records.length) return false;
      library.saveSignerRecords(rest);
      return true;
    },

    signers: () => library.signerRecords().map((r) => r.name),

    verifyPin(name, pin) {
      const record = find(name);
      return record ? verify(record, pin) : false;
    },

    submit(id, by) {
      library.read(id); // voids a stale sign-off first
      return library.updateMeta(id, (meta) => {
        if (meta.status !== 'draft') throw new Error(`只有草稿可以送审，本期当前状态：${statusName(meta.status)}`);
        const entry: HistoryEntry = { at: at(), action: 'submitted', by: by || undefined, detail: '送审' };
        return { ...meta, status: 'submitted', updatedAt: entry.at, history: [...meta.history, entry] };
      });
    },

    signOff(id, request) {
      const signer = request.signer.trim();
      const record = find(signer);
      if (!record) return { ok: false, reason: '签发人不存在' };
      const t = now().getTime();
      const failed = failures.get(signer);
      if (failed && failed.until > t) {
        return { ok: false, reason: `PIN 连续错误 ${MAX_PIN_FAILURES} 次，请 ${Math.ceil((failed.until - t) / 1000)} 秒后再试` };
      }
      if (!verify(record, request.pin)) {
        const count = (failed?.count ?? 0) + 1;
        failures.set(signer, count >= MAX_PIN_FAILURES ? { count: 0, until: t + LOCKOUT_MS } : { count, until: 0 });
        return { ok: false, reason: 'PIN 不正确' };
      }
      failures.delete(signer);
      // Reading voids a stale sign-off first (the library compares the hash), so the status seen here is current.
      const stored = library.read(id);
      if (stored.meta.status === 'approved') return { ok: false, reason: `本期已由${stored.meta.signOff?.signer ?? ''}签发，无需重复签发` };
      if (stored.meta.status === 'printed') return { ok: false, reason: '本期已印发，不能再次签发' };
      const opinion = (request.opinion ?? '').trim() || DEFAULT_OPINION;
      const when = at();
      const signOff: SignOff = { signer, opinion, at: when, contentHash: contentHash(stored.document) };
      const meta = library.updateMeta(id, (m) => {
        if (m.status !== 'draft' && m.status !== 'submitted') throw new Error(`本期当前状态为${statusName(m.status)}，不能签发`);
        const entry: HistoryEntry = { at: when, action: 'approved', by: signer, detail: `签发意见：${opinion}` };
        return { ...m, status: 'approved', signOff, updatedAt: when, history: [...m.history, entry] };
      });
      return { ok: true, meta };
    },

    finalState(id) {
      const stored = library.read(id);
      const { meta } = stored;
      if ((meta.status !== 'approved' && meta.status !== 'printed') || !meta.signOff) {
        const voided = [...meta.history].reverse().find((h) => h.action === 'voided' || h.action === 'approved');
        if (voided?.action === 'voided') return { ok: false, reason: '签发后内容已修改，需重新签发' };
        return { ok: false, reason: '尚未签发' };
      }
      if (contentHash(stored.document) !== meta.signOff.contentHash) return { ok: false, reason: '签发后内容已修改，需重新签发' };
      return { ok: true, signOff: meta.signOff };
    },
  };
}

function statusName(status: IssueMeta['status']): string {
  return STATUS_NAMES[status];
}
