// Totals of the Vitest and Playwright JSON reports, as the one plain line CI reads.
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
const missing = [];

const unit = 'e2e/.artifacts/unit-report.json';
if (existsSync(unit)) {
  const r = JSON.parse(readFileSync(unit, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
} else missing.push('unit tests (not run: an earlier gate failed)');

const e2e = 'e2e/.artifacts/report.json';
if (existsSync(e2e)) {
  const r = JSON.parse(readFileSync(e2e, 'utf8'));
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
} else missing.push('end-to-end tests (not run: an earlier step failed)');

for (const m of missing) console.log(`ci: no report for ${m}`);
// A failing gate (typecheck, lint, format) with every test green still fails the run.
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
