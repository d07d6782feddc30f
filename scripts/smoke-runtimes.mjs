#!/usr/bin/env node
// Runs every scripts/smoke/*-smoke.mjs on Node, Bun and Deno against the built packages, and fails
// unless each runtime prints the same result. The packages promise identical numbers on every JS
// runtime (seeded RNG, plain-JS kernels); this is where that promise is checked. Run after
// `npm run build`.
//
// Each smoke script prints one JSON object as its last line; every field but `runtime` must match.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const smokeDir = join(root, 'scripts', 'smoke');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The command for each runtime; Bun and Deno come from the root devDependencies (npx as fallback). */
const runtimes = [
  { name: 'node', command: process.execPath, args: [] },
  existsSync(bin('bun'))
    ? { name: 'bun', command: bin('bun'), args: [] }
    : { name: 'bun', command: 'npx', args: ['--no-install', 'bun'] },
  existsSync(bin('deno'))
    ? { name: 'deno', command: bin('deno'), args: ['run', '--allow-read'] }
    : { name: 'deno', command: 'npx', args: ['--no-install', 'deno', 'run', '--allow-read'] },
];

const smokes = readdirSync(smokeDir)
  .filter((file) => file.endsWith('-smoke.mjs'))
  .sort();
if (smokes.length === 0) {
  console.error(`smoke-runtimes: no *-smoke.mjs in ${relative(root, smokeDir)}`);
  process.exit(1);
}

const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
const failures = [];

for (const smoke of smokes) {
  const file = join(smokeDir, smoke);
  console.log(`\n${relative(root, file)}`);
  const outputs = [];
  for (const runtime of runtimes) {
    const started = performance.now();
    const result = spawnSync(runtime.command, [...runtime.args, file], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const lastLine = result.stdout?.trim().split('\n').at(-1) ?? '';
    let parsed;
    try {
      parsed = JSON.parse(lastLine);
    } catch {
      parsed = undefined;
    }
    if (result.error || result.status !== 0 || parsed === undefined) {
      const why = result.error?.message ?? `exit ${result.status ?? result.signal}`;
      failures.push(`${smoke} on ${runtime.name}: ${why}`);
      console.log(`  ${runtime.name.padEnd(5)} FAILED (${why}, ${seconds}s)`);
      const detail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      if (detail) console.log(detail.replace(/^/gm, '    | '));
      continue;
    }
    const { runtime: version, ...fields } = parsed;
    outputs.push({ runtime: runtime.name, fields });
    console.log(
      `  ${runtime.name.padEnd(5)} ${String(version ?? '').padEnd(14)} ${seconds}s  ${JSON.stringify(fields)}`,
    );
  }

  // Compare every field of every runtime with Node's (or with the first that ran).
  const [reference, ...others] = outputs;
  for (const other of others) {
    for (const key of new Set([...Object.keys(reference.fields), ...Object.keys(other.fields)])) {
      const a = JSON.stringify(reference.fields[key]);
      const b = JSON.stringify(other.fields[key]);
      if (a !== b)
        failures.push(`${smoke}: '${key}' differs: ${reference.runtime} ${a}, ${other.runtime} ${b}`);
    }
  }
}

if (failures.length > 0) {
  console.error(`\nsmoke-runtimes: ${failures.length} problem(s):`);
  for (const failure of failures) console.error(`  ${failure}`);
  console.error('(the smoke scripts import packages/*/dist: run `npm run build` first)');
  process.exit(1);
}
console.log(
  `\nsmoke-runtimes: OK (${smokes.length} smoke script(s), identical on ${runtimes.map((r) => r.name).join(', ')})`,
);
