import type { PublicationProfile } from './profile.js';
import { templateById } from './templates.js';

/**
 * The publications (刊物) of one library: the bulletin, its 增刊, another 简报 — each with its profile (刊名, 拼音,
 * 编印单位, fonts, preset, default 送 list and 责任编辑), its own numbering series (第N期 restarts each year per
 * publication; 总期号 runs on per publication, or the publication has none), and the signers who may sign its
 * issues off. The library keeps them in its profile file (services/library-profile.ts); each issue's meta names
 * the publication it belongs to (an issue without one belongs to the first publication).
 */

/** Whether a publication's issues carry a 总期号 (their own series), or none (e.g. a 增刊). */
export type TotalNumbering = 'own' | 'none';

/** The Chinese names of the two ways of numbering 总期号. */
export const TOTAL_NUMBERING_NAMES: Readonly<Record<TotalNumbering, string>> = {
  own: '有总期号（本刊自行连续编号）',
  none: '无总期号',
};

/** One publication of a library. */
export interface Publication {
  /** Stable id, never shown; the first publication of a library migrated from one profile is `main`. */
  readonly id: string;
  /** The name the library lists and the command line's `--publication` takes; unique within the library. */
  readonly name: string;
  readonly profile: PublicationProfile;
  readonly totalNumbering: TotalNumbering;
  /** Names of the signers (签发人) who may sign this publication's issues off; absent: every signer of the library. */
  readonly signers?: readonly string[];
}

/** The id of the publication a library made from its single profile gets. */
export const FIRST_PUBLICATION_ID = 'main';

/** Longest publication name accepted. */
export const MAX_PUBLICATION_NAME = 40;

/** The one publication a library with a single profile has. */
export function firstPublication(profile: PublicationProfile): Publication {
  return { id: FIRST_PUBLICATION_ID, name: profile.name, profile, totalNumbering: 'own' };
}

/** The publication of a name or id (names first: what a user types), or undefined. */
export function findPublication(publications: readonly Publication[], nameOrId: string): Publication | undefined {
  const wanted = nameOrId.trim();
  return publications.find((p) => p.name === wanted) ?? publications.find((p) => p.id === wanted);
}

/** The publication an issue belongs to: the one its meta names, else the library's first. */
export function publicationOf(publications: readonly Publication[], id: string | undefined): Publication | undefined {
  return (id === undefined ? undefined : publications.find((p) => p.id === id)) ?? publications[0];
}

/** "找不到刊物“X”；本库的刊物：联络动态、联络动态增刊" — for an unknown `--publication` or a wrong choice. */
export function unknownPublicationMessage(name: string, publications: readonly Publication[]): string {
  const known = publications.map((p) => p.name).join('、') || '（无）';
  return `找不到刊物“${name}”；本库的刊物：${known}`;
}

/** Why `name` cannot name a new (or renamed) publication — empty, too long, or taken — or undefined when it can. */
export function publicationNameProblem(name: string, publications: readonly Publication[], ownId?: string): string | undefined {
  const clean = name.trim();
  if (clean === '') return '刊物名称不能为空';
  if ([...clean].length > MAX_PUBLICATION_NAME) return `刊物名称过长（最多 ${MAX_PUBLICATION_NAME} 个字）`;
  if (publications.some((p) => p.id !== ownId && p.name === clean)) return `已有名为“${clean}”的刊物，名称不能重复`;
  return undefined;
}

/** Whether signer `name` may sign issues of `publication` off (its list, or every signer when it has none). */
export function maySign(publication: Publication, name: string): boolean {
  return publication.signers === undefined || publication.signers.includes(name.trim());
}

/** A fresh id for a new publication: `p2`, `p3`… (the first free one). */
export function newPublicationId(publications: readonly Publication[]): string {
  for (let n = publications.length + 1; ; n++) {
    const id = `p${n}`;
    if (!publications.some((p) => p.id === id)) return id;
  }
}

/**
 * What a new publication starts from:
 *  - `template`: a shipped template's profile (assets/templates/*.json, ./templates.ts), with its own 总期号;
 *  - `supplement`: the 增刊 of an existing publication — its profile (编印单位, fonts, preset, 送 list, 责任编辑,
 *    signers) with 刊名 + 增刊 and pinyin + ZENGKAN, its own 第N期 and no 总期号;
 *  - `copy`: an existing publication's profile and numbering kind as they are (a sister 简报 to edit).
 */
export type PublicationSource =
  | { readonly kind: 'template'; readonly templateId: string }
  | { readonly kind: 'supplement'; readonly of: string }
  | { readonly kind: 'copy'; readonly of: string };

/**
 * A new publication named `name` from `source`, with a fresh id; or the Chinese reason it cannot be made
 * (bad name, duplicate, unknown template or publication). Pure: the caller saves it.
 */
export function derivePublication(
  publications: readonly Publication[],
  request: { readonly name: string; readonly source: PublicationSource },
): { ok: true; publication: Publication } | { ok: false; reason: string } {
  const name = request.name.trim();
  const problem = publicationNameProblem(name, publications);
  if (problem) return { ok: false, reason: problem };
  const id = newPublicationId(publications);
  const { source } = request;
  if (source.kind === 'template') {
    const template = templateById(source.templateId);
    if (!template) return { ok: false, reason: `没有这个模板：${source.templateId}` };
    return { ok: true, publication: { id, name, profile: copyOf(template.profile), totalNumbering: 'own' } };
  }
  const base = findPublication(publications, source.of);
  if (!base) return { ok: false, reason: unknownPublicationMessage(source.of, publications) };
  const signers = base.signers === undefined ? {} : { signers: [...base.signers] };
  if (source.kind === 'copy') return { ok: true, publication: { id, name, profile: copyOf(base.profile), totalNumbering: base.totalNumbering, ...signers } };
  const profile = copyOf(base.profile);
  const supplement: PublicationProfile = {
    ...profile,
    name: profile.name.endsWith('增刊') ? profile.name : `${profile.name}增刊`,
    pinyin: profile.pinyin === '' || /ZENGKAN$/.test(profile.pinyin) ? profile.pinyin : `${profile.pinyin} ZENGKAN`,
  };
  return { ok: true, publication: { id, name, profile: supplement, totalNumbering: 'none', ...signers } };
}

function copyOf(profile: PublicationProfile): PublicationProfile {
  return JSON.parse(JSON.stringify(profile)) as PublicationProfile;
}
