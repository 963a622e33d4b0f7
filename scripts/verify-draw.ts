// Re-runs a Panel prize draw from what Panel publishes about it: the seed, the
// number of prizes and the list of entry ids. Anyone can check that the
// winners Panel announced are the ones the rule picks (app/modules/incentives/
// draw.ts: the lowest sha256(seed:id) wins).
//
//   npx tsx scripts/verify-draw.ts --seed <hex> --prizes <N> --entries <file>
//   npx tsx scripts/verify-draw.ts --seed <hex> --prizes <N> --entries - < entries.txt
//
// The entries file has one id per line (blank lines and surrounding spaces are
// ignored; a byte order mark too). Prints the entries' digest on the first
// line (compare it with the digest Panel shows, so you know the list is the
// same), then the winners one per line, first prize first. With
// --digest <hex> it also checks the digest and exits with 1 when it differs.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { drawWinners, entriesDigest } from "../app/modules/incentives/draw";

const USAGE = "usage: npx tsx scripts/verify-draw.ts --seed <hex> --prizes <N> --entries <file | -> [--digest <hex>]";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      prizes: { type: "string" },
      entries: { type: "string" },
      digest: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = values.seed?.trim().toLowerCase() ?? "";
  if (!/^[0-9a-f]+$/.test(seed) || seed.length % 2 !== 0) fail("--seed: the draw's seed as hex, as Panel shows it");
  const prizes = Number(values.prizes);
  if (!values.prizes || !Number.isInteger(prizes) || prizes < 0) fail("--prizes: the number of prizes, a whole number");
  if (!values.entries) fail("--entries: a file with one entry id per line, or - for standard input");

  const text = values.entries === "-" ? await readStdin() : await readFile(values.entries, "utf8");
  const entryIds = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");

  const digest = entriesDigest(entryIds);
  console.log(digest);
  for (const winner of drawWinners(seed, entryIds, prizes)) console.log(winner);
  console.error(`${new Set(entryIds).size} entries, ${prizes} prizes`);
  if (values.digest !== undefined && values.digest.trim().toLowerCase() !== digest) {
    console.error(`The digest differs from ${values.digest.trim()}: this is not the entry list of that draw.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
