/**
 * The worker thread of a batch (`--out-dir … --jobs N`): takes {@link FileTask}s from the main
 * thread one at a time and posts back each {@link FileOutcome}, and the bytes read as they are
 * read (for the progress bar).
 */
import { parentPort } from 'node:worker_threads';
import { convertFile, type FileTask } from './convert-file.js';

/** A message from the main thread: convert this (`id` comes back with the outcome). */
export interface WorkerRequest {
  readonly id: number;
  readonly task: FileTask;
}

/** A message to the main thread: bytes read so far by task `id`, or its outcome. */
export type WorkerReply =
  | { readonly id: number; readonly kind: 'bytes'; readonly bytes: number }
  | { readonly id: number; readonly kind: 'done'; readonly ok: boolean; readonly bytes: number; readonly report: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      let reply: WorkerReply;
      try {
        const outcome = await convertFile(request.task, (bytes) => port.postMessage({ id: request.id, kind: 'bytes', bytes } satisfies WorkerReply));
        reply = { id: request.id, kind: 'done', ...outcome };
      } catch (e) {
        // Not bad input (convertFile reports that): a bug. Say so for this file; the others go on.
        reply = { id: request.id, kind: 'done', ok: false, bytes: 0, report: `${request.task.input}: internal error: ${(e as Error).stack ?? String(e)}\n` };
      }
      port.postMessage(reply);
    })();
  });
}
