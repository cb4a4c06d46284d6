import { documentFromUnknown, serializeDocument } from '../core/model/format.js';
import type { PublicationProfile } from '../core/model/profile.js';
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
import type { SignerRecord } from './library-types.js';

/**
 * The library's profile file (`profile.json`): the publication profile new issues start from, and the
 * signers with their salted PIN hashes.
 *
 *     { "format": "bulletin-profile", "version": 1, "profile": PublicationProfile, "signers": SignerRecord[] }
 */

export const PROFILE_FORMAT = 'bulletin-profile';
export const PROFILE_VERSION = 1;

/** What the profile file holds. */
export interface ProfileFile {
  readonly profile: PublicationProfile;
  readonly signers: readonly SignerRecord[];
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

const signerValidator: Validator<SignerRecord> = object({
  required: {
    name: string({ nonEmpty: true }),
    salt: hexText,
    hash: hexText,
    scrypt: object({ required: { N: positive, r: positive, p: positive, keylen: positive } }),
  },
});

/** Checks a value as a list of signer records. */
export function signersFromUnknown(value: unknown): { ok: true; signers: SignerRecord[] } | { ok: false; reason: string } {
  const problems: FormatProblem[] = [];
  const signers = array(signerValidator)(value, 'signers', problems);
  if (!signers || problems.length > 0) return { ok: false, reason: describeProblems(problems) };
  return { ok: true, signers };
}

const envelope = object({
  required: { format: oneOf([PROFILE_FORMAT]), version: integer({ min: 1, max: PROFILE_VERSION }), profile: (v) => v, signers: (v) => v },
});

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
  const profile = profileFromUnknown(raw.profile);
  if (!profile.ok) return profile;
  const signers = signersFromUnknown(raw.signers);
  if (!signers.ok) return signers;
  return { ok: true, file: { profile: profile.profile, signers: signers.signers } };
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
    profile: publicationJson(file.profile),
    signers: file.signers.map((s) => ({
      name: s.name,
      salt: s.salt,
      hash: s.hash,
      scrypt: { N: s.scrypt.N, r: s.scrypt.r, p: s.scrypt.p, keylen: s.scrypt.keylen },
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
