/**
 * A tagged PDF's structure tree as pdf.js reads it (page.getStructTree with the page's marked content), for the
 * tagged-PDF tests: every marked-content leaf with the roles of the elements above it and the text it marks, the
 * texts marked as artifacts, the marked text in content order, and each page's tree itself.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A marked-content leaf: its ancestors' roles (outermost first) and its text. */
export interface Leaf {
  readonly roles: readonly string[];
  readonly text: string;
}

/** A node of pdf.js's structure tree, with each content leaf's text filled in. */
export interface StructNode {
  readonly role?: string;
  readonly type?: string;
  readonly id?: string;
  readonly text?: string;
  readonly children?: readonly StructNode[];
}

/** Every page's structure tree as pdf.js reads it, flattened to marked-content leaves with their ancestors' roles. */
export async function structureLeaves(
  bytes: Uint8Array,
): Promise<{ leaves: Leaf[]; artifacts: string[]; artifactsByPage: string[][]; contentOrder: string; trees: StructNode[] }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const leaves: Leaf[] = [];
  const artifacts: string[] = [];
  const artifactsByPage: string[][] = [];
  const trees: StructNode[] = [];
  let contentOrder = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    const onPage: string[] = [];
    let current: string | null = null;
    let artifact = false;
    for (const item of content.items as { type?: string; id?: string | null; tag?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        current = item.id ?? null;
        artifact = item.tag === 'Artifact';
      } else if (item.type === 'endMarkedContent') {
        current = null;
        artifact = false;
      } else if (item.str !== undefined) {
        if (current) {
          texts.set(current, (texts.get(current) ?? '') + item.str);
          contentOrder += item.str;
        } else if (artifact) {
          artifacts.push(item.str);
          onPage.push(item.str);
        }
      }
    }
    artifactsByPage.push(onPage);
    type Node = { role?: string; type?: string; id?: string; children?: Node[] };
    const walk = (node: Node, roles: string[]): StructNode => {
      if (node.type === 'content' && node.id) leaves.push({ roles, text: texts.get(node.id) ?? '' });
      const children = (node.children ?? []).map((c) => walk(c, node.role ? [...roles, node.role] : roles));
      return { ...node, ...(node.type === 'content' && node.id ? { text: texts.get(node.id) ?? '' } : {}), children };
    };
    // pdf.js names the tree's root "Root"; the document's elements are its children.
    const root = ((await page.getStructTree()) as Node | null) ?? {};
    trees.push({ ...root, children: (root.children ?? []).map((top) => walk(top, [])) });
  }
  await pdf.destroy();
  return { leaves, artifacts, artifactsByPage, contentOrder, trees };
}
