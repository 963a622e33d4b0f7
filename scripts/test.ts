// `npm test`: everything a reviewer would run, in order, then one summary.
// Steps: generate the Prisma clients, typecheck, lint, build, unit and
// integration tests (Vitest, real PostgreSQL and SMTP), end-to-end tests
// (Playwright on Chromium with axe). The last line reads "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

interface Step {
  name: string;
  command: string[];
  counts?: () => { passed: number; failed: number; skipped: number };
  needs?: string;
}

const only = process.argv.slice(2);

const vitestCounts = () => {
  const report = JSON.parse(readFileSync("test-results/unit.json", "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  // A file that fails to load runs no test but is a failed suite: count it too
  // (a file with failed tests is also a failed suite, hence the larger of the two).
  return { passed: report.numPassedTests, failed: Math.max(report.numFailedTests, report.numFailedTestSuites), skipped: report.numPendingTests + report.numTodoTests };
};

const playwrightCounts = () => {
  const report = JSON.parse(readFileSync("test-results/e2e.json", "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
};

const steps: Step[] = [
  { name: "generate", command: ["npm", "run", "--silent", "db:generate"] },
  { name: "typecheck", command: ["npx", "tsc"] },
  { name: "lint", command: ["npx", "eslint", "--max-warnings", "0", "."] },
  { name: "build", command: ["npx", "remix", "vite:build"] },
  {
    name: "unit+integration",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/unit.json"],
    counts: vitestCounts,
    needs: "build",
  },
  { name: "e2e", command: ["npx", "playwright", "test"], counts: playwrightCounts, needs: "build" },
];

mkdirSync("test-results", { recursive: true });
const results: { name: string; ok: boolean; seconds: number; detail: string }[] = [];
let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = new Set<string>();

for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.needs && failedSteps.has(step.needs)) {
    results.push({ name: step.name, ok: false, seconds: 0, detail: `not run: ${step.needs} failed` });
    failedSteps.add(step.name);
    failed++;
    continue;
  }
  process.stdout.write(`\n=== ${step.name}: ${step.command.join(" ")}\n`);
  const started = Date.now();
  for (const file of ["test-results/unit.json", "test-results/e2e.json"]) if (step.counts && existsSync(file)) rmSync(file);
  const run = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env: process.env });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  let ok = run.status === 0;
  let detail = ok ? "ok" : `exit ${run.status ?? run.signal}`;
  if (step.counts) {
    try {
      const counts = step.counts();
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
      detail = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      // The counts decide, not the exit status: vitest has been seen to exit 0 after a failure.
      if (counts.passed === 0 || counts.failed > 0) ok = false;
    } catch {
      detail += " (no report)";
      failed++;
    }
  } else if (!ok) {
    failed++;
  }
  if (!ok) failedSteps.add(step.name);
  results.push({ name: step.name, ok, seconds, detail });
}

process.stdout.write("\n=== Summary\n");
for (const result of results) {
  process.stdout.write(`${result.ok ? "ok  " : "FAIL"} ${result.name.padEnd(18)} ${String(result.seconds).padStart(6)} s  ${result.detail}\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps.size > 0 ? 1 : 0);
