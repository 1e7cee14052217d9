// A web ReadableStream that asks its source for the next chunk only when the reader wants one, so
// a slow download holds back the export (and its database reads) instead of filling memory.
// Hono's c.body() takes it as is; @hono/node-server writes it chunk by chunk, waiting for 'drain'.

export function pullStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  let source: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        source ??= chunks[Symbol.asyncIterator]();
        const { value, done } = await source.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      // A closed connection ends the source, which closes its files, streams and database cursors.
      async cancel(reason) {
        await source?.return?.(reason);
      },
    },
    // Nothing is read ahead of the reader: the source's own buffers are enough.
    { highWaterMark: 0 },
  );
}
