/**
 * Files dropped onto the window: which kind each is (by its extension — the main process reads the bytes and
 * refuses what is not what it claims), and the bytes the IPC contract carries.
 */

export type DroppedKind = 'word' | 'text' | 'other';

/** The kind of a dropped file by its name. */
export function droppedKind(name: string): DroppedKind {
  if (/\.(docx|docm|doc|wps|dotx|dot)$/iu.test(name)) return 'word';
  if (/\.(txt|json)$/iu.test(name)) return 'text';
  return 'other';
}

/** Whether a drag carries files (not text or a link being dragged inside the page). */
export function carriesFiles(types: readonly string[]): boolean {
  return types.includes('Files');
}

/** A dropped file's name and bytes. */
export async function fileBytes(file: File): Promise<{ name: string; bytes: Uint8Array }> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
