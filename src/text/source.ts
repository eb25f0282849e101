/**
 * One rule for reading a source of chunks or events: it is iterated as it is, except a web
 * `ReadableStream` that is not async-iterable (Safari's, at the time of writing), which is read
 * through its reader.
 */

/**
 * The items of a source, as an iterable `for await` can walk.
 *
 * @param source - an async or sync iterable, or a web `ReadableStream`.
 * @returns the source itself when it is iterable, else an async generator over its reader.
 * @example
 * ```ts
 * for await (const chunk of iterableOf(response.body!)) console.log(chunk.length);
 * ```
 */
export function iterableOf<T>(source: AsyncIterable<T> | Iterable<T> | ReadableStream<T>): AsyncIterable<T> | Iterable<T> {
  const s = source as Partial<AsyncIterable<unknown> & Iterable<unknown> & ReadableStream<T>> | null;
  if (typeof s === 'object' && s !== null && s[Symbol.asyncIterator] === undefined && s[Symbol.iterator] === undefined && typeof s.getReader === 'function') {
    return readerItems(source as ReadableStream<T>);
  }
  return source as AsyncIterable<T>;
}

async function* readerItems<T>(stream: ReadableStream<T>): AsyncGenerator<T, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (an error downstream, a `break`): cancel the stream, as async iteration does.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
