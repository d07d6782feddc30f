// Runs every bench/*.bench.mjs (or those named on the command line: `node bench/run.mjs matmul`),
// prints each one's table and writes bench/results/<name>.json (not under BENCH_QUICK=1).
//
// A benchmark module exports `name` and `run({ quick })`, which resolves to
// `{ cases, table, meta?, summary? }`: `cases` from `runCases`, `table` rows to print, `meta` facts about
// the libraries that ran (versions, variants), `summary` the derived numbers worth keeping (ratios).
import { readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environment, markdownTable, writeResult } from './lib/report.mjs';

const benchDir = new URL('./', import.meta.url);
const resultsDir = new URL('./results/', import.meta.url);
// BENCH_QUICK=1 skips the combinations that take seconds per call; recorded results come from full runs.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: bench runs under node, not as a turbo task.
const quick = process.env.BENCH_QUICK === '1';

const only = process.argv.slice(2);
const files = (await readdir(benchDir)).filter((file) => file.endsWith('.bench.mjs')).sort();
const modules = await Promise.all(files.map((file) => import(new URL(file, benchDir).href)));
const selected = modules.filter((module) => only.length === 0 || only.includes(module.name));
if (selected.length === 0) {
  const names = modules.map((module) => module.name).join(', ');
  throw new Error(`bench: no benchmark named ${only.join(', ')}; have ${names}.`);
}

for (const benchmark of selected) {
  const started = performance.now();
  process.stderr.write(`bench ${benchmark.name}${quick ? ' (BENCH_QUICK=1)' : ''}\n`);
  const { cases, table, meta = {}, summary = {} } = await benchmark.run({ quick });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${benchmark.name} (${seconds.toFixed(0)} s)\n\n${markdownTable(table)}\n`);
  // A quick run is partial; keep the committed full results.
  if (quick) {
    console.log('BENCH_QUICK=1: results not written');
    continue;
  }
  const path = await writeResult(resultsDir, benchmark.name, {
    name: benchmark.name,
    date: new Date().toISOString(),
    env: environment(),
    seconds: Number(seconds.toFixed(1)),
    meta,
    summary,
    cases,
  });
  console.log(`wrote ${relative(process.cwd(), fileURLToPath(path))}`);
}
