import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce.server";

/** A run that answers only when told to, recording what each run was given. */
function controlled() {
  const runs: { inputs: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      runs.push({ inputs, finish: () => resolve(inputs.map((n) => `out ${n}`)), fail: reject });
    });
  return { runs, run };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("coalesce", () => {
  it("runs a lone call at once, and the calls that arrive meanwhile together as the next run", async () => {
    const { runs, run } = controlled();
    const call = coalesce(run);
    const first = call(1);
    expect(runs.map((r) => r.inputs)).toEqual([[1]]);
    const later = [call(2), call(3), call(4)];
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    expect(await first).toBe("out 1");
    await tick();
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2, 3, 4]]);
    runs[1]!.finish();
    expect(await Promise.all(later)).toEqual(["out 2", "out 3", "out 4"]);
  });

  it("puts at most `max` inputs in one run and keeps `concurrency` runs going", async () => {
    const { runs, run } = controlled();
    const call = coalesce(run, { max: 2, concurrency: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => call(n));
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2]]);
    runs[0]!.finish();
    await tick();
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2], [3, 4]]);
    runs[1]!.finish();
    runs[2]!.finish();
    await tick();
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2], [3, 4], [5, 6]]);
    runs[3]!.finish();
    expect(await Promise.all(all)).toEqual(["out 1", "out 2", "out 3", "out 4", "out 5", "out 6"]);
  });

  it("when a run of several fails, runs each alone: only the bad input's caller gets the error", async () => {
    const seen: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const call = coalesce(async (inputs: number[]) => {
      seen.push(inputs);
      if (inputs.length === 1 && inputs[0] === 1) await gate;
      if (inputs.includes(3)) throw new Error("bad input 3");
      return inputs.map((n) => n * 10);
    });
    const first = call(1);
    const results = Promise.allSettled([call(2), call(3), call(4)]);
    release();
    expect(await first).toBe(10);
    const settled = await results;
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([20, "bad input 3", 40]);
    expect(seen).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it("a run that outlasts its patience stops holding the next one back", async () => {
    const { runs, run } = controlled();
    const call = coalesce(run, { patienceMs: 20 });
    const stuck = call(1);
    const waiting = call(2);
    expect(runs).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2]]);
    runs[1]!.finish();
    expect(await waiting).toBe("out 2");
    // The stuck run finishing later does not let two runs go at once afterwards.
    runs[0]!.finish();
    expect(await stuck).toBe("out 1");
    const [a, b] = [call(3), call(4)];
    expect(runs.map((r) => r.inputs)).toEqual([[1], [2], [3]]);
    runs[2]!.finish();
    await tick();
    runs[3]!.finish();
    expect([await a, await b]).toEqual(["out 3", "out 4"]);
  });

  it("a run that answers with the wrong number of outputs fails its callers", async () => {
    const call = coalesce(async (inputs: number[]) => inputs.slice(1));
    await expect(call(1)).rejects.toThrow("0 outputs for 1 inputs");
  });
});
