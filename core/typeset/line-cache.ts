import type { FaceSet } from '../fonts/face-set.js';
import type { FontChoice, FontRole } from '../model/profile.js';
import type { BlockLines } from './pages.js';
import type { LayoutPreset } from './preset.js';
import type { StyledBlock } from './styled.js';
import type { MissingGlyph } from './units.js';

/**
 * A memo of line breaking, so that typesetting after an edit re-breaks only the paragraphs that changed: the
 * lines of a block are kept under its content and style (kind, runs with their role, weight, size and colour,
 * alignment, indents) and the context they were broken in (the preset, and the face each role resolves to —
 * a replaced font file has a new face key). Where the block sits (its source path) is not part of the key: a
 * paragraph moved by an edit above it keeps its lines. Characters no font has are remembered with the lines and
 * reported again, with the block's current source, on every hit.
 *
 * Hold one per typesetter (services/typesetter.ts) and pass it in TypesetOptions; lines are immutable and shared.
 */
export interface LineCache {
  /** The block's lines from the memo, or from `compute` (which may push to `missing`) then remembered. */
  lines(block: StyledBlock, ctx: LineCacheContext, compute: () => BlockBreaks): BlockBreaks;
  /**
   * Any other immutable piece of a typesetting (the masthead, the back matter) under `key` (which must name
   * everything it depends on besides `ctx.key`), from the memo or from `compute`; characters no font has are
   * remembered with it and reported again, with their own source, on every hit.
   */
  memo<T>(key: string, ctx: LineCacheContext, compute: () => T): T;
  /** Number of blocks remembered. */
  readonly size: number;
}

export interface LineCacheContext {
  /** From {@link lineContextKey}, once per typesetting. */
  readonly key: string;
  readonly missing: MissingGlyph[];
}

/** A block's lines and its tightened and loosened arrangements, without the block they belong to. */
export type BlockBreaks = Omit<BlockLines, 'block'>;

interface Entry {
  readonly lines: BlockBreaks;
  readonly missing: readonly Omit<MissingGlyph, 'source'>[];
}

interface MemoEntry {
  readonly value: unknown;
  readonly missing: readonly MissingGlyph[];
}

/** Blocks remembered at most; past it the memo starts afresh (a 120-page issue has about 1500 blocks). */
const LIMIT = 8000;

export function createLineCache(): LineCache {
  const entries = new Map<string, Entry>();
  const others = new Map<string, MemoEntry>();
  return {
    memo<T>(key: string, ctx: LineCacheContext, compute: () => T): T {
      const full = `${ctx.key}\u0001${key}`;
      const known = others.get(full);
      if (known) {
        ctx.missing.push(...known.missing);
        return known.value as T;
      }
      const before = ctx.missing.length;
      const value = compute();
      if (others.size >= 64) others.clear();
      others.set(full, { value, missing: ctx.missing.slice(before) });
      return value;
    },
    lines(block, ctx, compute) {
      const key = `${ctx.key}\u0001${blockKey(block)}`;
      const known = entries.get(key);
      if (known) {
        for (const m of known.missing) ctx.missing.push({ ...m, source: block.source });
        return known.lines;
      }
      const before = ctx.missing.length;
      const lines = compute();
      const missing = ctx.missing.slice(before).map(({ char, codePoint }) => ({ char, codePoint }));
      if (entries.size >= LIMIT) entries.clear();
      entries.set(key, { lines, missing });
      return lines;
    },
    get size() {
      return entries.size;
    },
  };
}

function blockKey(block: StyledBlock): string {
  let key = `${block.kind}|${block.align}|${block.firstIndent}|${block.rightIndent}`;
  if (block.table) key += `\u0003${block.table.key}`;
  for (const r of block.runs) key += `\u0002${r.style.role}|${r.style.bold ? 1 : 0}|${r.style.size}|${r.style.color.join(',')}|${r.text}`;
  return key;
}

/**
 * The context of line breaking: the preset and each role's font. A bundled family's files do not change while a
 * process runs; a user's file is named by its face key (path, size and mtime), so a replaced file is a new
 * context. Only faces the layout uses anyway are loaded (a role's regular file, and its bold file if it has one).
 */
export function lineContextKey(ctx: { faces: FaceSet; fonts: Readonly<Record<FontRole, FontChoice>>; preset: LayoutPreset }): string {
  const faces = Object.entries(ctx.fonts).map(([role, choice]) => {
    if (choice.kind === 'bundled') return `${role}=${choice.family}`;
    const bold = choice.boldPath ? `/${ctx.faces.face(choice, 'bold').key}` : '';
    return `${role}=${ctx.faces.face(choice, 'regular').key}${bold}`;
  });
  return `${JSON.stringify(ctx.preset)}|${faces.join('|')}`;
}
