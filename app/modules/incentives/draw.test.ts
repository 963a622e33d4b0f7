// Prize draws: the same seed and entries give the same winners in any order,
// and over many seeds every entry wins about equally often.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { drawWinners, entriesDigest, newDrawSeed } from "./draw";

const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");
const ids = (count: number) => Array.from({ length: count }, (_, i) => `member-${String(i).padStart(4, "0")}`);

function shuffled<T>(items: readonly T[], salt: string): T[] {
  return [...items]
    .map((item, i) => ({ item, key: sha256Hex(`${salt}:${i}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((x) => x.item);
}

describe("draw", () => {
  it("makes seeds of 32 random bytes in lowercase hex", () => {
    const seed = newDrawSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(newDrawSeed()).not.toBe(seed);
  });

  it("follows the published rule: the lowest sha256(seed:id) wins, first prize first", () => {
    const seed = "00".repeat(32);
    expect(drawWinners(seed, ["m-1", "m-2", "m-3", "m-4", "m-5"], 5)).toEqual(["m-2", "m-5", "m-3", "m-1", "m-4"]);
    expect(drawWinners(seed, ["m-1", "m-2", "m-3", "m-4", "m-5"], 2)).toEqual(["m-2", "m-5"]);
    expect(entriesDigest(["m-1", "m-2", "m-3", "m-4", "m-5"])).toBe(
      "68776f5dc3ac46e1b82ef8e2ba239bb8e75592be2b64a64a3ee5cfe7a6e5a14d",
    );
  });

  it("gives the same winners for the same seed and entries in any order, ignoring repeats", () => {
    const seed = newDrawSeed();
    const entries = ids(200);
    const winners = drawWinners(seed, entries, 5);
    expect(winners).toHaveLength(5);
    expect(new Set(winners).size).toBe(5);
    expect(drawWinners(seed, [...entries].reverse(), 5)).toEqual(winners);
    expect(drawWinners(seed, shuffled(entries, "a"), 5)).toEqual(winners);
    expect(drawWinners(seed, [...entries, ...shuffled(entries, "b")], 5)).toEqual(winners);
  });

  it("gives different winners for different seeds", () => {
    const entries = ids(1000);
    const first = drawWinners(newDrawSeed(), entries, 10);
    const second = drawWinners(newDrawSeed(), entries, 10);
    expect(new Set([...first, ...second]).size).toBeGreaterThan(10);
  });

  it("lets every entry win when there are no more entries than prizes", () => {
    const seed = newDrawSeed();
    expect(drawWinners(seed, ["b", "a", "c"], 3).sort()).toEqual(["a", "b", "c"]);
    expect(drawWinners(seed, ["b", "a", "c", "a"], 10).sort()).toEqual(["a", "b", "c"]);
    expect(drawWinners(seed, [], 3)).toEqual([]);
    expect(drawWinners(seed, ["a", "b"], 0)).toEqual([]);
  });

  it("refuses a prize count that is negative or not whole", () => {
    expect(() => drawWinners(newDrawSeed(), ["a"], -1)).toThrow(RangeError);
    expect(() => drawWinners(newDrawSeed(), ["a"], 1.5)).toThrow(RangeError);
    expect(() => drawWinners(newDrawSeed(), ["a"], Number.NaN)).toThrow(RangeError);
  });

  it("lets every entry win about equally often over many seeds", () => {
    const entries = ids(20);
    const wins = new Map(entries.map((id) => [id, 0]));
    for (let i = 0; i < 4000; i++) {
      const [winner] = drawWinners(sha256Hex(`seed ${i}`), entries, 1);
      wins.set(winner!, wins.get(winner!)! + 1);
    }
    for (const [id, count] of wins) {
      expect(count, id).toBeGreaterThan(140);
      expect(count, id).toBeLessThan(260);
    }
  });

  it("names the entry list the same way in any order, and differently for another list", () => {
    const entries = ids(50);
    const digest = entriesDigest(entries);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(entriesDigest(shuffled(entries, "c"))).toBe(digest);
    expect(entriesDigest([...entries, entries[0]!])).toBe(digest);
    expect(entriesDigest(entries.slice(1))).not.toBe(digest);
    expect(entriesDigest(["a", "b"])).toBe(sha256Hex("a\nb"));
  });
});
