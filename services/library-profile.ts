import { documentFromUnknown, serializeDocument } from '../core/model/format.js';
import type { PublicationProfile } from '../core/model/profile.js';
import { firstPublication, publicationNameProblem, type Publication } from '../core/model/publication.js';
import {
  array,
  integer,
  isPlainObject,
  object,
  oneOf,
  report,
  string,
  type FormatProblem,
  type Validator,
} from '../core/model/validate.js';
import { describeProblems } from './library-meta.js';
import {
  NO_SIGNING,
  type AuthorityRecord,
  type LegacySignerRecord,
  type RetiredCertificate,
  type SealedKey,
  type SignerEvent,
  type SignerRecord,
  type SigningData,
} from './signing-types.js';

/**
 * The library's profile file (`profile.json`): the library's publications (core/model/publication.ts: each with
 * the profile its new issues start from, its numbering, the signers who may sign it), and what the library keeps
 * for signing (services/signing-types.ts: the authority, the signers' certificates and sealed keys, retired
 * certificates, the signers' log).
 *
 *     { "format": "bulletin-profile", "version": 3,
 *       "publications": [{ "id", "name", "totalNumbering": "own"|"none", "signers"?: [names], "profile" }, …],
 *       "signing": SigningData }
 *
 * Version 2 had one `"profile": PublicationProfile`: read as the single publication `main` (named as its 刊名).
 * Version 1 had, besides, `"signers": [{ name, salt, hash, scrypt }]` (salted PIN hashes, no keys): read as
 * `signing.legacySigners`, which cannot sign until added again. The library keeps an older file's original bytes
 * (backups/profile-<time>-v<N>.json) before it first writes the current version.
 */

export const PROFILE_FORMAT = 'bulletin-profile';
export const PROFILE_VERSION = 3;

/** What the profile file holds. */
export interface ProfileFile {
  /** The library's publications, at least one; the first is the library's default. */
  readonly publications: readonly Publication[];
  /** The first publication's profile (what a single-publication library calls its profile). */
  readonly profile: PublicationProfile;
  readonly signing: SigningData;
  /** The format version the file was read in (older ones are upgraded on the next write). */
  readonly version?: number;
}

/** An issue that only serves to check a profile with the issue file's own validator. */
const DUMMY_ISSUE = {
  year: 2000,
  number: 1,
  date: '2000-01-01',
  editorNote: [],
  articles: [{ title: 'x', body: [], contributor: '' }],
  distribution: [],
  editors: [],
};

/** Checks a value as a publication profile, exactly as the issue file format checks one. */
export function profileFromUnknown(value: unknown): { ok: true; profile: PublicationProfile } | { ok: false; reason: string } {
  const result = documentFromUnknown({ format: 'bulletin-issue', version: 1, publication: value, issue: DUMMY_ISSUE });
  if (result.ok) return { ok: true, profile: result.document.publication };
  const problems = result.problems.map((p) => ({ path: p.path.replace(/^publication\.?/, 'profile.'), reason: p.reason }));
  return { ok: false, reason: describeProblems(problems) };
}

const positive = integer({ min: 1 });
const hexText: Validator<string> = (value, path, problems) => {
  const s = string({ nonEmpty: true })(value, path, problems);
  if (s === undefined) return undefined;
  if (!/^[0-9a-f]+$/i.test(s)) return report(problems, path, '应为十六进制字符串');
  return s;
};

const legacySignerValidator: Validator<LegacySignerRecord> = object({
  required: {
    name: string({ nonEmpty: true }),
    salt: hexText,
    hash: hexText,
    scrypt: object({ required: { N: positive, r: positive, p: positive, keylen: positive } }),
  },
});

/**
 * A sealed key is checked for its shape only: its fields are checked (and a damaged one reported, for that
 * signer alone) when it is opened, so one damaged key never hides the other signers.
 */
const sealedKey: Validator<SealedKey> = (value, path, problems) =>
  isPlainObject(value) ? (value as unknown as SealedKey) : report(problems, path, '应为密钥记录');
const text = string({ nonEmpty: true });

const authorityValidator: Validator<AuthorityRecord> = object({
  required: { libraryId: text, certificate: text, key: sealedKey, createdAt: text },
});
const signerValidator: Validator<SignerRecord> = object({
  required: { name: text, certificate: text, key: sealedKey, addedAt: text },
});
const retiredValidator: Validator<RetiredCertificate> = object({
  required: { name: text, certificate: text, retiredAt: text, reason: string() },
});
const eventValidator: Validator<SignerEvent> = object({
  required: { at: text, action: oneOf(['authority', 'added', 'rekeyed', 'removed', 'pin-changed', 'locked'] as const) },
  optional: { signer: string(), by: string(), detail: string() },
});
const signingValidator: Validator<SigningData> = object({
  required: { signers: array(signerValidator), retired: array(retiredValidator), legacySigners: array(legacySignerValidator), events: array(eventValidator) },
  optional: { authority: authorityValidator },
});

/** Checks a value as the signing part of a profile. */
export function signingFromUnknown(value: unknown): { ok: true; signing: SigningData } | { ok: false; reason: string } {
  const problems: FormatProblem[] = [];
  const signing = signingValidator(value, 'signing', problems);
  if (!signing || problems.length > 0) return { ok: false, reason: describeProblems(problems) };
  return { ok: true, signing };
}

const envelope = object({
  required: { format: oneOf([PROFILE_FORMAT]), version: integer({ min: 1, max: PROFILE_VERSION }) },
  optional: { profile: (v: unknown) => v, publications: (v: unknown) => v, signers: (v: unknown) => v, signing: (v: unknown) => v },
});

const publicationShape = object({
  required: { id: string({ nonEmpty: true }), name: string({ nonEmpty: true }), totalNumbering: oneOf(['own', 'none'] as const), profile: (v: unknown) => v },
  optional: { signers: array(string({ nonEmpty: true })) },
});

/** Checks a value as a library's list of publications: each well-formed, ids and names unique, at least one. */
export function publicationsFromUnknown(value: unknown): { ok: true; publications: Publication[] } | { ok: false; reason: string } {
  const problems: FormatProblem[] = [];
  const list = array(publicationShape)(value, 'publications', problems);
  if (!list || problems.length > 0) return { ok: false, reason: describeProblems(problems) };
  if (list.length === 0) return { ok: false, reason: 'publications：至少要有一种刊物' };
  const publications: Publication[] = [];
  for (const [i, raw] of list.entries()) {
    const profile = profileFromUnknown(raw.profile);
    if (!profile.ok) return { ok: false, reason: `publications[${i}].${profile.reason}` };
    if (publications.some((p) => p.id === raw.id)) return { ok: false, reason: `publications[${i}].id：编号“${raw.id}”重复` };
    const nameProblem = publicationNameProblem(raw.name, publications);
    if (nameProblem) return { ok: false, reason: `publications[${i}].name：${nameProblem}` };
    publications.push({
      id: raw.id,
      name: raw.name.trim(),
      totalNumbering: raw.totalNumbering,
      ...(raw.signers === undefined ? {} : { signers: raw.signers }),
      profile: profile.profile,
    });
  }
  return { ok: true, publications };
}

/** Reads the text of a profile file; never throws. */
export function parseProfileFile(text: string): { ok: true; file: ProfileFile } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: '不是有效的 JSON' };
  }
  if (!isPlainObject(raw)) return { ok: false, reason: '不是出版设置文件' };
  const problems: FormatProblem[] = [];
  if (!envelope(raw, '', problems)) return { ok: false, reason: describeProblems(problems) };
  const version = raw.version as number;
  const publications = version >= 3 ? publicationsFromUnknown(raw.publications) : single(raw.profile);
  if (!publications.ok) return publications;
  const first = publications.publications[0]!;
  if (version === 1) {
    const legacy = array(legacySignerValidator)(raw.signers ?? [], 'signers', problems);
    if (!legacy || problems.length > 0) return { ok: false, reason: describeProblems(problems) };
    return { ok: true, file: { publications: publications.publications, profile: first.profile, signing: { ...NO_SIGNING, legacySigners: legacy }, version } };
  }
  const signing = raw.signing === undefined ? { ok: true as const, signing: NO_SIGNING } : signingFromUnknown(raw.signing);
  if (!signing.ok) return signing;
  return { ok: true, file: { publications: publications.publications, profile: first.profile, signing: signing.signing, version } };
}

/** The publications of a version-1 or -2 file: its one profile, as the publication `main`. */
function single(value: unknown): { ok: true; publications: Publication[] } | { ok: false; reason: string } {
  if (value === undefined) return { ok: false, reason: 'profile：缺少出版设置' };
  const profile = profileFromUnknown(value);
  return profile.ok ? { ok: true, publications: [firstPublication(profile.profile)] } : profile;
}

/** A profile file holding `publications` and `signing` (the first publication's profile as its `profile`). */
export function profileFileOf(publications: readonly Publication[], signing: SigningData): ProfileFile {
  if (publications.length === 0) throw new Error('a library has at least one publication');
  return { publications, profile: publications[0]!.profile, signing };
}

/** The profile as the issue file's writer writes it: the model's fields only, in a fixed order. */
function publicationJson(profile: PublicationProfile): unknown {
  const file = JSON.parse(serializeDocument({ publication: profile, issue: DUMMY_ISSUE })) as { publication: unknown };
  return file.publication;
}

/** The file text of a profile file. */
export function serializeProfileFile(file: ProfileFile): string {
  const out = {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    publications: file.publications.map((p) => ({
      id: p.id,
      name: p.name,
      totalNumbering: p.totalNumbering,
      ...(p.signers === undefined ? {} : { signers: [...p.signers] }),
      profile: publicationJson(p.profile),
    })),
    signing: signingJson(file.signing),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The signing part in a fixed field order. */
function signingJson(signing: SigningData): unknown {
  const key = (k: SealedKey) => ({ kdf: k.kdf, N: k.N, r: k.r, p: k.p, salt: k.salt, cipher: k.cipher, iv: k.iv, data: k.data, tag: k.tag, check: k.check });
  const a = signing.authority;
  return {
    ...(a ? { authority: { libraryId: a.libraryId, certificate: a.certificate, key: key(a.key), createdAt: a.createdAt } } : {}),
    signers: signing.signers.map((s) => ({ name: s.name, certificate: s.certificate, key: key(s.key), addedAt: s.addedAt })),
    retired: signing.retired.map((r) => ({ name: r.name, certificate: r.certificate, retiredAt: r.retiredAt, reason: r.reason })),
    legacySigners: signing.legacySigners.map((s) => ({
      name: s.name,
      salt: s.salt,
      hash: s.hash,
      scrypt: { N: s.scrypt.N, r: s.scrypt.r, p: s.scrypt.p, keylen: s.scrypt.keylen },
    })),
    events: signing.events.map((e) => ({
      at: e.at,
      action: e.action,
      ...(e.signer === undefined ? {} : { signer: e.signer }),
      ...(e.by === undefined ? {} : { by: e.by }),
      ...(e.detail === undefined ? {} : { detail: e.detail }),
    })),
  };
}
