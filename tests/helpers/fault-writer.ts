/**
 * The writing process of the kill test (tests/integration/fault-kill.test.ts), and the versioned contents it
 * writes. Run as a script:
 *
 *     node --import tsx tests/helpers/fault-writer.ts <library dir> <issue id> <issue|profile|journal|mixed> [limit]
 *
 * it opens the library, prints `state <kind> <n>` for the version each file holds now, then `ready`, then
 * writes new versions in a loop (at most `limit`, default 600) through the library's own functions — save()
 * for the issue, saveProfile() for the profile, writeJournal() for the journal — printing `begin <kind> <n>`
 * before each write and `done <kind> <n>` after it, until it is killed (or prints `finished`). Lines go out
 * with a synchronous write to fd 1 (each far below PIPE_BUF), so what the parent reads after a SIGKILL is
 * exactly what happened before it.
 *
 * Every version is recognisable: the title of the issue (and of the journal's document) starts with
 * "第N版", the profile's contact line ends with "第N版"; even and odd versions differ in size (the whole
 * sample body / two paragraphs; a long / a short 送 list), so a torn file could not pass for either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BulletinDocument } from '../../core/model/document.js';
import { plain } from '../../core/model/inline.js';
import type { PublicationProfile } from '../../core/model/profile.js';
import { importPlainText } from '../../core/import/plain-text.js';
import { createLibrary } from '../../services/library.js';
import { SAMPLE_FILE } from './sample.js';

export type WriteKind = 'issue' | 'profile' | 'journal';
export type WriterMode = WriteKind | 'mixed';
export const WRITE_KINDS: readonly WriteKind[] = ['issue', 'profile', 'journal'];

export const SAMPLE_PATH = SAMPLE_FILE;

/** The sample issue, imported. */
export function sampleDocument(): BulletinDocument {
  return importPlainText(fs.readFileSync(SAMPLE_PATH, 'utf8'), { today: '2021-06-02' }).document;
}

/** Version `n` of the issue (or of the journal's document): "第N版" in the title; even versions long, odd short. */
export function versionedDocument(base: BulletinDocument, n: number, kind: 'issue' | 'journal' = 'issue'): BulletinDocument {
  const [first, ...rest] = base.issue.articles;
  if (!first) throw new Error('the sample has no article');
  const title = `第${n}版${kind === 'journal' ? '（未保存）' : ''}${first.title}`;
  const body =
    n % 2 === 0
      ? first.body
      : [...first.body.slice(0, 2), { type: 'paragraph' as const, content: plain(`这是第${n}版的修改。`) }];
  return { ...base, issue: { ...base.issue, articles: [{ ...first, title, body }, ...rest] } };
}

/** The version of an issue or journal document written by {@link versionedDocument}, if any. */
export function documentVersion(doc: BulletinDocument): number | undefined {
  const m = /^第(\d+)版/.exec(doc.issue.articles[0]?.title ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Version `n` of the profile: "第N版" at the end of the contact line; even versions with a long 送 list. */
export function versionedProfile(base: PublicationProfile, n: number): PublicationProfile {
  const many = Array.from({ length: 40 }, (_, i) => ({ text: `第${i + 1}联络组各位代表`, copies: (i % 9) + 1 }));
  return {
    ...base,
    contact: `0731-88880000 第${n}版`,
    defaultDistribution: n % 2 === 0 ? many : [{ text: '各市州人大常委会', copies: 2 }],
  };
}

/** The version of a profile written by {@link versionedProfile}, if any. */
export function profileVersion(profile: PublicationProfile): number | undefined {
  const m = /第(\d+)版$/.exec(profile.contact);
  return m ? Number(m[1]) : undefined;
}

function emit(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

function main(args: readonly string[]): void {
  const [dir, id, mode, limitArg] = args;
  if (!dir || !id || !mode || !['issue', 'profile', 'journal', 'mixed'].includes(mode)) {
    fs.writeSync(2, 'usage: fault-writer.ts <library dir> <issue id> <issue|profile|journal|mixed> [limit]\n');
    process.exit(64);
  }
  const limit = limitArg ? Number(limitArg) : 600;
  const lib = createLibrary({ dir });
  const base = sampleDocument();
  const stored = lib.read(id);
  let revision = stored.revision;
  const journal = lib.readJournal(id).document;
  const counters: Record<WriteKind, number> = {
    issue: documentVersion(stored.document) ?? 0,
    profile: profileVersion(lib.profile()) ?? 0,
    journal: journal ? (documentVersion(journal) ?? 0) : 0,
  };
  for (const kind of WRITE_KINDS) emit(`state ${kind} ${counters[kind]}`);
  const baseProfile = lib.profile();
  emit('ready');
  for (let i = 0; i < limit; i++) {
    const kind: WriteKind = mode === 'mixed' ? WRITE_KINDS[i % WRITE_KINDS.length]! : (mode as WriteKind);
    const n = ++counters[kind];
    emit(`begin ${kind} ${n}`);
    if (kind === 'issue') {
      const result = lib.save(id, versionedDocument(base, n), revision, { by: '测试' });
      if (result.status !== 'saved') {
        emit(`conflict ${result.revision}`);
        process.exit(3);
      }
      revision = result.revision;
    } else if (kind === 'profile') {
      lib.saveProfile(versionedProfile(baseProfile, n));
    } else {
      lib.writeJournal(id, versionedDocument(base, n, 'journal'));
    }
    emit(`done ${kind} ${n}`);
  }
  emit('finished');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
