import { dirname, isAbsolute, resolve } from 'node:path';
import type { ReadInputResult } from '../core/io/read-input.js';
import { presetByName } from '../core/typeset/preset.js';

/**
 * `--masthead-art` and `--masthead-art-colour` of `bulletin export` (PDF, OFD and Word alike): the document with the
 * 刊名 picture read, checked and embedded (refused with the reason on stderr, the typeset 刊名 kept) and its colour;
 * a file picture named by a relative path in the issue file is found beside the issue file.
 */
export async function withMastheadArt(
  input: ReadInputResult,
  opts: {
    inputPath: string;
    art: string | undefined;
    colour: string | undefined;
    io: { readonly err: (line: string) => void };
    usageError: (message: string) => Error;
  },
): Promise<ReadInputResult> {
  let publication = input.document.publication;
  if (opts.colour !== undefined) {
    if (opts.colour !== 'red' && opts.colour !== 'own') throw opts.usageError(`未知的刊名图颜色：${opts.colour}（可选 red、own）`);
    publication = { ...publication, mastheadArtColour: opts.colour };
  }
  if (opts.art === 'none') {
    const { mastheadArt: _dropped, ...rest } = publication;
    publication = rest;
  } else if (opts.art !== undefined) {
    // Loaded on demand: the SVG reader is not part of every command's start-up.
    const { readMastheadArtFile } = await import('../services/masthead-art-file.js');
    const read = readMastheadArtFile(opts.art, { preset: presetByName(publication.preset) });
    if (read.ok) publication = { ...publication, mastheadArt: read.spec };
    else opts.io.err(`提示：刊名图未采用：${read.reason}；仍使用排印的刊名`);
  } else if (publication.mastheadArt?.kind === 'file' && !isAbsolute(publication.mastheadArt.path)) {
    publication = { ...publication, mastheadArt: { kind: 'file', path: resolve(dirname(opts.inputPath), publication.mastheadArt.path) } };
  }
  return publication === input.document.publication ? input : { ...input, document: { ...input.document, publication } };
}
