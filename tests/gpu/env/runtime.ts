// The environment-test entry for Node, Bun and Deno: `<runtime> runtime.mjs '<plan as JSON>'` after
// bundling by packages/kernels-gpu/env-tests/run-all.mjs. Prints the path's report as the last line
// of stdout. For `webgpu`, Deno uses its built-in navigator.gpu; Node and Bun get Dawn's.
import { installNodeWebGpu } from './install-node-webgpu';
import { type PathPlan, runPath } from './run-path';

const g = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } };
const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);
if (args.length !== 1) throw new Error(`runtime entry: expected one JSON plan, got ${JSON.stringify(args)}.`);
const plan = JSON.parse(args[0]) as PathPlan;

if (plan.mode === 'webgpu' && !g.Deno) await installNodeWebGpu();
console.log(JSON.stringify(await runPath(plan)));
