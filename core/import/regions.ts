import { matchContributor, isTitleCandidate, isTitleContinuation } from './body-reader.js';
import { APPROVAL, CONTACT, DISTRIBUTION, EDITORS } from './back-matter-reader.js';
import { NOTE_LABEL, PINYIN, SECURITY_MARK, matchMasthead, nameCandidate } from './masthead-reader.js';
import { len } from './text-helpers.js';

/**
 * Pass 1 of the plain-text importer: the lines of the text sorted into regions — masthead, 编者按, articles
 * (title lines, body lines, contributor) and back matter — by the readers of each (./masthead-reader.ts,
 * ./body-reader.ts, ./back-matter-reader.ts). Nothing is cleaned here; ./plain-text.ts builds the document.
 */

/** An article as read: its title lines, body lines and contributor, before cleaning. */
export interface RawArticle {
  titleLines: string[];
  bodyLines: string[];
  contributor?: string;
}

/** The regions of an issue as read from its lines, before cleaning. */
export interface Raw {
  name?: string;
  pinyin?: string;
  number?: number;
  total?: number;
  year?: number;
  date?: string;
  unit?: string;
  noteLines: string[];
  articles: RawArticle[];
  distribution: string[];
  editors?: string;
  contact?: string;
  approval?: string;
  ignored: string[];
  untitled: number;
  preTitleText: boolean;
}

type Phase = 'head' | 'note' | 'body' | 'between' | 'back';

/** Sorts the lines of the text into masthead, note, articles and back matter. */
export function readRegions(lines: readonly string[]): Raw {
  const raw: Raw = { noteLines: [], articles: [], distribution: [], ignored: [], untitled: 0, preTitleText: false };
  let phase: Phase = 'head';
  let inDistribution = false;
  let article: RawArticle | undefined;
  const startArticle = (title: string | undefined): RawArticle => {
    const a: RawArticle = { titleLines: title === undefined ? [] : [title], bodyLines: [] };
    raw.articles.push(a);
    return a;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1];

    // Back matter can start anywhere once the masthead is behind.
    if (EDITORS.test(line)) {
      const rest = line.replace(EDITORS, '');
      const contact = CONTACT.exec(rest);
      raw.editors = contact ? rest.slice(0, contact.index) : rest;
      if (contact) raw.contact = rest.slice(contact.index + contact[0].length);
      phase = 'back';
      inDistribution = false;
      continue;
    }
    if (APPROVAL.test(line) && /[:：]/u.test(line.slice(0, 12))) {
      raw.approval = line.replace(APPROVAL, '');
      phase = 'back';
      inDistribution = false;
      continue;
    }
    if (DISTRIBUTION.test(line)) {
      const rest = line.replace(DISTRIBUTION, '');
      if (rest) raw.distribution.push(rest);
      phase = 'back';
      inDistribution = true;
      continue;
    }
    if (phase === 'back') {
      const contact = CONTACT.exec(line);
      if (contact && contact.index === 0) {
        raw.contact = line.slice(contact[0].length);
        inDistribution = false;
      } else if (inDistribution) raw.distribution.push(line);
      else raw.ignored.push(line);
      continue;
    }

    const note = NOTE_LABEL.exec(line);
    if (phase === 'head') {
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        phase = 'note';
        continue;
      }
      const masthead = matchMasthead(line);
      if (masthead) {
        raw.number ??= masthead.number;
        raw.total ??= masthead.total;
        raw.year ??= masthead.year;
        raw.date ??= masthead.date;
        raw.unit ??= masthead.unit;
        continue;
      }
      if (PINYIN.test(line) && raw.pinyin === undefined) {
        raw.pinyin = line.replace(/ +/g, ' ');
        continue;
      }
      const name = nameCandidate(line);
      if (
        name !== undefined &&
        raw.name === undefined &&
        raw.pinyin === undefined &&
        next !== undefined &&
        (PINYIN.test(next) || matchMasthead(next) !== undefined)
      ) {
        raw.name = name;
        continue;
      }
      if (SECURITY_MARK.test(line) && len(line) <= 20) {
        raw.ignored.push(line);
        continue;
      }
      if (isTitleCandidate(line)) {
        article = startArticle(line);
        phase = 'body';
        continue;
      }
      // Text before any title: most likely an editor's note without its label.
      raw.noteLines.push(line);
      raw.preTitleText = true;
      phase = 'note';
      continue;
    }

    if (phase === 'note') {
      if (isTitleCandidate(line)) {
        article = startArticle(line);
        phase = 'body';
      } else {
        raw.noteLines.push(note ? line.slice(note[0].length) : line);
      }
      continue;
    }

    if (phase === 'between') {
      if (matchContributor(line) !== undefined) {
        raw.ignored.push(line);
        continue;
      }
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        continue;
      }
      if (isTitleCandidate(line)) {
        article = startArticle(line);
      } else {
        article = startArticle(undefined);
        article.bodyLines.push(line);
        raw.untitled++;
      }
      phase = 'body';
      continue;
    }

    // phase === 'body'
    const current = article ?? startArticle(undefined);
    article = current;
    const contributor = matchContributor(line);
    if (contributor !== undefined) {
      current.contributor = contributor;
      phase = 'between';
      continue;
    }
    if (current.bodyLines.length === 0) {
      if (note) {
        const rest = line.slice(note[0].length);
        if (rest) raw.noteLines.push(rest);
        continue;
      }
      if (isTitleContinuation(line, next, current)) {
        current.titleLines.push(line);
        continue;
      }
    }
    current.bodyLines.push(line);
  }
  return raw;
}
