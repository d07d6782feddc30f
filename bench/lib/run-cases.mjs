import { Bench } from 'tinybench';

/**
 * @typedef {object} Case
 * @property {string} name  unique label, e.g. `tfjs-wasm n=512`
 * @property {Record<string, unknown>} params  what the case varies, copied into the result
 * @property {() => Promise<Prepared> | Prepared} setup  builds inputs outside the timed region
 * @property {string} [skip]  when set, the case is not run and this reason is recorded
 * @property {Budget} [budget]  overrides the budget given to `runCases`
 *
 * @typedef {object} Prepared
 * @property {() => unknown} [fn]  the timed call; it must finish the work before returning
 * @property {() => void} [dispose]  frees what `setup` allocated
 * @property {string} [skip]  set instead of `fn` when setup finds the case cannot run (a missing export)
 *
 * @typedef {object} Budget
 * @property {number} [time]  ms per case; tinybench runs until both `time` and `iterations` are reached
 * @property {number} [iterations]  minimum timed calls
 * @property {number} [warmupTime]  ms of untimed warm-up
 * @property {number} [warmupIterations]  minimum untimed warm-up calls
 *
 * @typedef {object} CaseResult
 * @property {string} name
 * @property {Record<string, unknown>} params
 * @property {string} [skipped]  the skip reason; no statistics then
 * @property {number} [medianMs]
 * @property {number} [meanMs]
 * @property {number} [p75Ms]
 * @property {number} [samples]
 */

const defaultBudget = { time: 500, iterations: 5, warmupTime: 100, warmupIterations: 2 };

/**
 * Runs each case in its own tinybench `Bench`, one after another, so every case can have its own
 * budget and its inputs live only while it runs. Latencies are in milliseconds.
 *
 * @param {Case[]} cases
 * @param {{ budget?: Budget, log?: (line: string) => void }} [options]
 * @returns {Promise<CaseResult[]>}
 */
export async function runCases(
  cases,
  { budget = {}, log = (line) => process.stderr.write(`${line}\n`) } = {},
) {
  const results = [];
  for (const c of cases) {
    const { time, iterations, warmupTime, warmupIterations } = { ...defaultBudget, ...budget, ...c.budget };
    const prepared = c.skip ? { skip: c.skip } : await c.setup();
    if (prepared.skip) {
      log(`  skip ${c.name}: ${prepared.skip}`);
      results.push({ name: c.name, params: c.params, skipped: prepared.skip });
      continue;
    }
    try {
      const bench = new Bench({ time, iterations, warmupTime, warmupIterations, throws: true });
      bench.add(c.name, prepared.fn);
      await bench.run();
      const { result } = bench.tasks[0];
      if (result.state !== 'completed') throw new Error(`runCases: case '${c.name}' ended ${result.state}.`);
      const { latency } = result;
      results.push({
        name: c.name,
        params: c.params,
        medianMs: round(latency.p50),
        meanMs: round(latency.mean),
        p75Ms: round(latency.p75),
        samples: latency.samplesCount,
      });
      log(`  done ${c.name}: median ${latency.p50.toFixed(3)} ms over ${latency.samplesCount} samples`);
    } finally {
      prepared.dispose?.();
    }
  }
  return results;
}

/** Six significant digits: beyond what the timer resolves, short enough to diff. */
export function round(value) {
  return Number(value.toPrecision(6));
}
