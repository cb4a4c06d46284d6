import { createHash } from 'node:crypto';
import type { BulletinDocument } from '../core/model/document.js';
import { serializeDocument } from '../core/model/format.js';

/** SHA-256 (hex) of a document's canonical serialization: what a sign-off certifies. */
export function contentHash(doc: BulletinDocument): string {
  return createHash('sha256').update(serializeDocument(doc), 'utf8').digest('hex');
}
