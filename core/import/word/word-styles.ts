import { child, elements, onOff, type XmlElement } from './xml-tree.js';

/**
 * The paragraph styles of word/styles.xml the importer needs: which style is a title or a heading (by name,
 * English or Chinese, or by outline level), whether it centres or bolds its text, its font size, and the list
 * numbering it carries. Properties inherit along w:basedOn.
 */

/** What a paragraph style says, resolved along its basedOn chain. */
export interface ParagraphStyle {
  readonly name: string;
  /** A title style (Title, 标题). */
  readonly title: boolean;
  /** A caption style (Caption, 题注, 图注). */
  readonly caption?: boolean;
  /** Heading 1–9 (or its outline level + 1). */
  readonly headingLevel?: number;
  readonly centered: boolean;
  /** Right-aligned (w:jc right or end). */
  readonly right: boolean;
  readonly bold: boolean;
  /** Font size in half-points (w:sz). */
  readonly size?: number;
  readonly numId?: string;
  readonly ilvl?: number;
}

interface RawStyle {
  name: string;
  basedOn?: string;
  outline?: number;
  jc?: string;
  bold?: boolean;
  size?: number;
  numId?: string;
  ilvl?: number;
}

/** The styles of a package, looked up by style id. */
export class WordStyles {
  private readonly raw = new Map<string, RawStyle>();
  private readonly resolved = new Map<string, ParagraphStyle>();
  private defaultId: string | undefined;

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    for (const s of elements(root, 'w:style')) {
      const id = s.attrs['w:styleId'];
      if (!id) continue;
      const ppr = child(s, 'w:pPr');
      const rpr = child(s, 'w:rPr');
      const numPr = child(ppr, 'w:numPr');
      const outline = child(ppr, 'w:outlineLvl')?.attrs['w:val'];
      const size = child(rpr, 'w:sz')?.attrs['w:val'];
      const ilvl = child(numPr, 'w:ilvl')?.attrs['w:val'];
      const raw: RawStyle = {
        name: child(s, 'w:name')?.attrs['w:val'] ?? id,
        basedOn: child(s, 'w:basedOn')?.attrs['w:val'],
        outline: outline !== undefined ? Number(outline) : undefined,
        jc: child(ppr, 'w:jc')?.attrs['w:val'],
        bold: onOff(child(rpr, 'w:b')),
        size: size !== undefined ? Number(size) : undefined,
        numId: child(numPr, 'w:numId')?.attrs['w:val'],
        ilvl: ilvl !== undefined ? Number(ilvl) : undefined,
      };
      this.raw.set(id, raw);
      if (s.attrs['w:type'] === 'paragraph' && (s.attrs['w:default'] === '1' || s.attrs['w:default'] === 'true')) {
        this.defaultId = id;
      }
    }
  }

  /** The style of a paragraph (its w:pStyle, or the default paragraph style). */
  get(id: string | undefined): ParagraphStyle {
    const key = id ?? this.defaultId ?? '';
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const chain: RawStyle[] = [];
    const seen = new Set<string>();
    let at: string | undefined = key;
    while (at !== undefined && !seen.has(at)) {
      seen.add(at);
      const r = this.raw.get(at);
      if (!r) break;
      chain.push(r);
      at = r.basedOn;
    }
    const pick = <K extends keyof RawStyle>(k: K): RawStyle[K] | undefined => chain.find((r) => r[k] !== undefined)?.[k];
    const name = chain[0]?.name ?? key;
    const byName = headingFromName(name);
    const outline = pick('outline');
    const style: ParagraphStyle = {
      name,
      title: /^(title|标题)$/iu.test(name.trim()),
      ...(/^(caption|题注|图注)$/iu.test(name.trim()) ? { caption: true } : {}),
      headingLevel: byName ?? (outline !== undefined && outline < 9 ? outline + 1 : undefined),
      centered: pick('jc') === 'center',
      right: pick('jc') === 'right' || pick('jc') === 'end',
      bold: pick('bold') === true,
      size: pick('size'),
      numId: pick('numId'),
      ilvl: pick('ilvl'),
    };
    this.resolved.set(key, style);
    return style;
  }
}

/** "heading 2", "Heading2", "标题 2" → 2. */
function headingFromName(name: string): number | undefined {
  const m = /^(?:heading|标题)\s*([1-9])$/iu.exec(name.trim());
  return m ? Number(m[1]) : undefined;
}
