import { SaxesParser } from 'saxes';
import { ImportError } from '../plain-text.js';

/**
 * A small element tree of one XML part, built with saxes (a pure-JavaScript, non-validating parser). Names keep
 * their prefixes as written ("w:p"); Word always writes the usual prefixes (w:, wp:, a:, v:, mc:), which is what
 * the readers in this folder match on.
 */

/** An element: its qualified name, attributes and children (elements and text). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

/** Parses one part into its root element. Throws ImportError naming the part when it is not well-formed XML. */
export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: { name: string; attrs: Record<string, string>; children: XmlNode[] } = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const el = { name: tag.name, attrs, children: [] as XmlNode[] };
    stack[stack.length - 1]!.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.children.push(t);
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1]!.children.push(t);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw new ImportError(`文件已损坏：${part} 不是有效的 XML`, { cause: error });
  }
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new ImportError(`文件已损坏：${part} 是空的`);
  return first;
}

/** The element children of an element, optionally only those named `name`. */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** The first element child named `name`, or undefined. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** Every descendant named `name`, in document order. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** An OOXML on/off property (<w:b/>, <w:b w:val="0"/>): absent → undefined, present → its value. */
export function onOff(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return v === undefined || !(v === '0' || v === 'false' || v === 'off');
}

/** The text of all w:t descendants, for messages (comments, footnotes, text boxes). */
export function plainText(el: XmlElement): string {
  return descendants(el, 'w:t')
    .map((t) => t.children.filter((c): c is string => typeof c === 'string').join(''))
    .join('');
}
