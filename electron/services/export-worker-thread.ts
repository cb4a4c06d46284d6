// The export worker's thread: one typesetter (fonts read and parsed once, on the first render) and one PDF
// renderer, serving preview renders one at a time. Started by export-worker.ts; never imports 'electron'.
import { parentPort, workerData } from 'node:worker_threads';
import type { BulletinDocument } from '../../core/model/document.js';
import type { PreviewResult } from '../ipc/contract.js';
import { createPreviewRenderer, type PreviewRenderer } from './export-worker-preview.js';
import type { FontFilesOptions } from './font-files.js';
import { createTypesetter } from './typesetter.js';

/** What the thread is started with. */
export interface ThreadData {
  readonly fonts: FontFilesOptions;
}

/** main → thread */
export interface ThreadRequest {
  readonly id: number;
  readonly document: BulletinDocument;
  readonly draft: boolean;
}

/** thread → main */
export type ThreadResponse =
  | { readonly id: number; readonly ok: true; readonly result: PreviewResult }
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (!port) throw new Error('export-worker-thread must run in a worker thread');
const { fonts } = (workerData ?? { fonts: {} }) as ThreadData;

let preview: PreviewRenderer | undefined;

port.on('message', (request: ThreadRequest) => {
  void handle(request);
});

async function handle(request: ThreadRequest): Promise<void> {
  let response: ThreadResponse;
  try {
    preview ??= createPreviewRenderer(createTypesetter(fonts));
    const result = await preview.render(request.document, { draft: request.draft });
    response = { id: request.id, ok: true, result };
    port!.postMessage(response, [result.pdf.buffer as ArrayBuffer]);
    return;
  } catch (err) {
    response = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port!.postMessage(response);
}
