type Waiting<I, O> = { item: I; resolve: (out: O) => void; reject: (err: unknown) => void }

/**
 * Runs the calls made during one turn of the event loop as one batch (flushed by setImmediate, at
 * most `maxSize` at a time): group commit. Under load, statements that would each wait for a
 * connection, run and commit one by one share one statement and one commit; when idle a batch is
 * a single call, so nothing waits longer than it did. `run` answers one output per input, in order;
 * if it throws, every call of the batch gets the error.
 */
export function batched<I, O>(run: (items: I[]) => Promise<O[]>, maxSize = 100): (item: I) => Promise<O> {
  const pending: Waiting<I, O>[] = []
  const flush = () => {
    const now = pending.splice(0, maxSize)
    if (pending.length) setImmediate(flush)
    run(now.map((w) => w.item)).then(
      (outs) => now.forEach((w, i) => w.resolve(outs[i]!)),
      (err: unknown) => now.forEach((w) => w.reject(err)),
    )
  }
  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (pending.push({ item, resolve, reject }) === 1) setImmediate(flush)
    })
}
