import type { OfdPage, PageObject } from './ofd-page.js';
import { el, esc, OFD_NS, XML_HEAD } from './xml.js';

/**
 * The logical structure of the issue as OFD custom tags (GB/T 33190-2016 §16, 自定义标引): CustomTags.xml lists
 * one CustomTag in our namespace, whose file holds the parts in reading order — masthead, editor's
 * note, each article's title, headings, paragraphs and 供稿 line, the back matter — each naming the page
 * objects that print it (ofd:ObjectRef with PageRef). Rules, page numbers and the watermark are artifacts.
 */

/** The namespace of our structure file. */
export const STRUCTURE_NS = 'urn:bulletin-desk:ofd-structure:1';

/** Element names of the structure file by page object role. */
const ELEMENT: Record<PageObject['role'], string> = {
  masthead: 'bd:Masthead',
  note: 'bd:EditorNote',
  title: 'bd:Title',
  heading: 'bd:Heading',
  paragraph: 'bd:Paragraph',
  table: 'bd:Table',
  contributor: 'bd:Contributor',
  picture: 'bd:Picture',
  'back-matter': 'bd:BackMatter',
  'page-number': 'bd:PageNumber',
  rule: 'bd:Artifact',
  artifact: 'bd:Artifact',
};

/** CustomTags.xml, pointing at the structure file (path relative to the document folder). */
export function customTagsXml(structureLoc: string): string {
  return (
    XML_HEAD +
    el(
      'ofd:CustomTags',
      { 'xmlns:ofd': OFD_NS },
      el('ofd:CustomTag', { NameSpace: STRUCTURE_NS, TypeID: 'bulletin' }, el('ofd:FileLoc', {}, esc(structureLoc))),
    ) +
    '\n'
  );
}

/** Heading levels (1 一、 … 4 （1）) by the model path of their block; a run-in heading is typeset as a paragraph. */
export type HeadingLevels = ReadonlyMap<string, number>;

/**
 * The structure file: the objects of one part (same role and model path) form one element even when
 * artifacts (a page's rules and number) come between them, so a paragraph broken across two pages is one
 * element whose references name both pages.
 */
export function structureXml(pages: readonly OfdPage[], levels: HeadingLevels = new Map()): string {
  const groups: { role: PageObject['role']; source: string; refs: string[] }[] = [];
  let lastContent: (typeof groups)[number] | undefined;
  for (const page of pages) {
    for (const object of page.objects) {
      const ref = el('ofd:ObjectRef', { PageRef: page.id }, String(object.id));
      const artifact = object.role === 'rule' || object.role === 'artifact' || object.role === 'page-number';
      const previous = artifact ? groups[groups.length - 1] : lastContent;
      if (previous && previous.role === object.role && previous.source === object.source) {
        previous.refs.push(ref);
        continue;
      }
      const group = { role: object.role, source: object.source, refs: [ref] };
      groups.push(group);
      if (!artifact) lastContent = group;
    }
  }
  const body = groups
    .map((g) => {
      const level = levels.get(g.source);
      // A heading run in with its paragraph is typeset as one paragraph: it is still a heading here.
      const name = level !== undefined && (g.role === 'heading' || g.role === 'paragraph') ? 'bd:Heading' : ELEMENT[g.role];
      const runIn = level !== undefined && g.role === 'paragraph' ? 'true' : undefined;
      return el(name, { Source: g.source || undefined, Level: level, RunIn: runIn }, g.refs.join(''));
    })
    .join('');
  return XML_HEAD + el('bd:Bulletin', { 'xmlns:bd': STRUCTURE_NS, 'xmlns:ofd': OFD_NS }, body) + '\n';
}
