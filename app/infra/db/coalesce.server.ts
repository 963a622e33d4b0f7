// Concurrent calls of one statement, run as one (group commit). Under a burst
// of submissions every request runs the same few key lookups and writes; each
// alone costs a round trip, and each write a commit and a WAL flush. Here a
// call goes at once when no run of the statement is in flight; otherwise it
// waits for that run to finish and then goes with every call that arrived
// meanwhile (up to `max`), as one statement. When nothing else is running a
// call is never held back.
//
// A run that takes longer than `patienceMs` (waiting for a row lock, say)
// stops holding the others back: the next run starts beside it.
//
// `run` gets the inputs of one run and answers with one output per input, in
// the same order. When a run of several fails, each of its inputs is run
// again alone, so that one bad input fails only its own caller.

export interface CoalesceOptions {
  /** runs in flight at once (each holds one pool connection) */
  concurrency?: number;
  /** the most inputs in one run */
  max?: number;
  /** after this long a run no longer counts against `concurrency` */
  patienceMs?: number;
}

interface Call<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export function coalesce<In, Out>(run: (inputs: In[]) => Promise<Out[]>, options: CoalesceOptions = {}): (input: In) => Promise<Out> {
  const { concurrency = 1, max = 100, patienceMs = 100 } = options;
  const waiting: Call<In, Out>[] = [];
  let running = 0;

  const runAll = async (calls: Call<In, Out>[]) => {
    const outputs = await run(calls.map((call) => call.input));
    if (outputs.length !== calls.length) throw new Error(`coalesce: ${outputs.length} outputs for ${calls.length} inputs`);
    calls.forEach((call, i) => call.resolve(outputs[i]!));
  };

  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      const calls = waiting.splice(0, max);
      running++;
      let counted = true;
      const release = () => {
        if (!counted) return;
        counted = false;
        running--;
        next();
      };
      const patience = setTimeout(release, patienceMs);
      runAll(calls)
        .catch(async (error: unknown) => {
          if (calls.length === 1) return calls[0]!.reject(error);
          // Alone, each input fails or succeeds on its own.
          await Promise.all(calls.map((call) => runAll([call]).catch(call.reject)));
        })
        .finally(() => {
          clearTimeout(patience);
          release();
        });
    }
  };

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      next();
    });
}
