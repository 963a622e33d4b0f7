// Prize draws that anyone can re-run from what Panel shows about them: the
// seed and the ids of the entries (scripts/verify-draw.ts does it).
//
// Rules:
// - The seed is drawn at random (32 bytes, lowercase hex) and published with
//   the entries' digest, so the draw can be checked against the entry list.
// - Each entry's score is sha256hex(`${seed}:${id}`); the lowest scores win,
//   ties (never in practice) go to the smaller id. The winners come back in
//   that order: first prize first.
// - The order of the entries does not matter, and an id given twice counts
//   once: a member cannot win twice, nor does a list's order change anything.
// - Ids are compared by UTF-16 code units (JavaScript's default sort), which
//   for ASCII ids such as Panel's uuids is plain byte order. Ids must not
//   contain line breaks: the digest joins them with "\n".
// - Pure: node:crypto only, no I/O and no clock.
import { createHash, randomBytes } from "node:crypto";

function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted(entryIds: readonly string[]): string[] {
  return [...new Set(entryIds)].sort(byCodeUnits);
}

/** A new seed for a draw: 32 random bytes as lowercase hex. */
export function newDrawSeed(): string {
  return randomBytes(32).toString("hex");
}

/** sha256 hex of the distinct ids sorted ascending and joined with "\n": names the entry list. */
export function entriesDigest(entryIds: readonly string[]): string {
  return sha256Hex(uniqueSorted(entryIds).join("\n"));
}

/** The winning ids, first prize first; every entry when there are fewer entries than prizes. */
export function drawWinners(seed: string, entryIds: readonly string[], prizes: number): string[] {
  if (!Number.isInteger(prizes) || prizes < 0) throw new RangeError(`prizes must be a whole number ≥ 0, got ${prizes}`);
  return uniqueSorted(entryIds)
    .map((id) => ({ id, score: sha256Hex(`${seed}:${id}`) }))
    .sort((a, b) => byCodeUnits(a.score, b.score) || byCodeUnits(a.id, b.id))
    .slice(0, prizes)
    .map((entry) => entry.id);
}
