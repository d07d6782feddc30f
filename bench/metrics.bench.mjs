// BLEU and ROUGE over 10,000 seeded sentence pairs: @llm/metrics against nltk's corpus_bleu (Debian's
// python3-nltk, timed by bench/python/nltk_bleu.py on the same pairs) and the npm `rouge` package, in
// one run. Ratios are a case's median time divided by the @llm/metrics case that computes the same
// metric, so `3.00×` means three times as long as @llm/metrics.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './lib/mulberry32.mjs';
import { round, runCases } from './lib/run-cases.mjs';

export const name = 'metrics';

const pairCount = 10_000;
// BENCH_QUICK=1 scores a tenth of the corpus: the code paths, not the numbers.
const quickPairCount = 1_000;
const python = '/usr/bin/python3';
const nltkScript = fileURLToPath(new URL('./python/nltk_bleu.py', import.meta.url));
// Every case scores the whole corpus in one call (0.03–0.6 s on 2 cores), so ten calls give a stable median.
const budget = { time: 0, iterations: 10, warmupTime: 0, warmupIterations: 1 };

const require = createRequire(import.meta.url);
const npmRouge = require('rouge');

// A small vocabulary by part of speech, most frequent first: words are drawn with Zipf-like weights so
// n-grams repeat across the corpus as they do in real text.
const words = {
  det: ['the', 'a', 'this', 'that', 'every', 'each', 'some', 'no', 'another', 'one'],
  adj: [
    'new',
    'old',
    'small',
    'large',
    'early',
    'late',
    'local',
    'public',
    'young',
    'long',
    'strong',
    'quiet',
    'bright',
    'cold',
    'warm',
    'heavy',
    'simple',
    'careful',
    'ancient',
    'modern',
    'narrow',
    'empty',
    'busy',
    'green',
    'silver',
    'northern',
    'final',
    'sudden',
    'curious',
    'gentle',
  ],
  noun: [
    'city',
    'river',
    'report',
    'company',
    'teacher',
    'village',
    'government',
    'student',
    'road',
    'market',
    'house',
    'child',
    'doctor',
    'letter',
    'station',
    'garden',
    'window',
    'council',
    'storm',
    'bridge',
    'family',
    'museum',
    'farmer',
    'library',
    'engine',
    'soldier',
    'harbour',
    'painting',
    'committee',
    'forest',
    'island',
    'kitchen',
    'question',
    'journey',
    'machine',
    'festival',
  ],
  verb: [
    'saw',
    'found',
    'opened',
    'closed',
    'built',
    'visited',
    'crossed',
    'followed',
    'described',
    'reached',
    'left',
    'carried',
    'painted',
    'watched',
    'answered',
    'repaired',
    'approved',
    'remembered',
    'ignored',
    'explained',
    'protected',
    'replaced',
    'measured',
    'welcomed',
  ],
  adv: [
    'quickly',
    'slowly',
    'finally',
    'often',
    'never',
    'recently',
    'quietly',
    'carefully',
    'again',
    'almost',
  ],
  prep: ['in', 'near', 'across', 'behind', 'after', 'before', 'during', 'under', 'beside', 'towards'],
  conj: ['and', 'but', 'because', 'while', 'although', 'so', 'when'],
};

const random = mulberry32;

/** A word of class `pos`, rank r drawn with weight 1 / (r + 1). */
function pick(next, pos) {
  const list = words[pos];
  const total = list.reduce((sum, _, r) => sum + 1 / (r + 1), 0);
  let u = next() * total;
  for (let r = 0; r < list.length; r++) {
    u -= 1 / (r + 1);
    if (u < 0) return list[r];
  }
  return list[list.length - 1];
}

/** `det adj? noun (adv)? verb det adj? noun (prep det noun)?`, as tagged tokens. */
function clause(next) {
  const out = [];
  const push = (pos) => out.push({ pos, word: pick(next, pos) });
  const nounPhrase = () => {
    push('det');
    if (next() < 0.5) push('adj');
    push('noun');
  };
  nounPhrase();
  if (next() < 0.2) push('adv');
  push('verb');
  nounPhrase();
  if (next() < 0.6) {
    push('prep');
    nounPhrase();
  }
  return out;
}

/** One to three clauses joined by conjunctions, sometimes with a comma: 5 to 35 tokens, 15 on average. */
function sentence(next) {
  const tokens = clause(next);
  const extra = next() < 0.45 ? 1 : next() < 0.3 ? 2 : 0;
  for (let i = 0; i < extra; i++) {
    if (next() < 0.3) tokens[tokens.length - 1].word += ',';
    tokens.push({ pos: 'conj', word: pick(next, 'conj') }, ...clause(next));
  }
  return tokens;
}

/**
 * The hypothesis is the reference with seeded edits: same-class substitutions, dropped and inserted
 * words, swapped neighbours. It never equals its reference (npm rouge's LCS loops forever on identical
 * strings).
 */
function perturb(next, reference) {
  const out = [];
  for (const token of reference) {
    const u = next();
    if (u < 0.06 && reference.length > 8) continue;
    if (u < 0.18) out.push({ pos: token.pos, word: pick(next, token.pos) });
    else out.push({ ...token });
    if (next() < 0.05) out.push({ pos: 'adv', word: pick(next, 'adv') });
  }
  for (let i = 0; i + 1 < out.length; i++) {
    if (next() < 0.03) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  }
  if (render(out) === render(reference)) out.splice(1, 0, { pos: 'adv', word: pick(next, 'adv') });
  return out;
}

function render(tokens) {
  const text = tokens
    .map((token) => token.word)
    .join(' ')
    .replace(/,$/, '');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** `{ hypotheses, references }`: `count` English-like sentence pairs from one seed. */
function sentencePairs(count, seed = 1) {
  const next = random(seed);
  const hypotheses = [];
  const references = [];
  for (let i = 0; i < count; i++) {
    const reference = sentence(next);
    references.push(render(reference));
    hypotheses.push(render(perturb(next, reference)));
  }
  return { hypotheses, references };
}

/**
 * Each library is `(corpus) => { run, score } | { skip }`: `run()` scores the whole corpus and returns
 * the scores, so nothing is left undone when the timer stops; `score(result)` is the number reported.
 */
const cases = [
  { metric: 'bleu', library: '@llm/metrics', call: 'nltkBleu', prepare: prepareLlm('nltkBleu') },
  { metric: 'bleu', library: '@llm/metrics', call: 'bleu', prepare: prepareLlm('bleu') },
  { metric: 'bleu', library: 'nltk', call: 'corpus_bleu' },
  { metric: 'rouge1', library: '@llm/metrics', call: "rouge(['rouge1'])", prepare: prepareLlm('rouge1') },
  { metric: 'rouge1', library: 'rouge (npm)', call: 'n(h, r, 1)', prepare: prepareNpmRouge('n1') },
  { metric: 'rouge2', library: '@llm/metrics', call: "rouge(['rouge2'])", prepare: prepareLlm('rouge2') },
  { metric: 'rouge2', library: 'rouge (npm)', call: 'n(h, r, 2)', prepare: prepareNpmRouge('n2') },
  { metric: 'rougeL', library: '@llm/metrics', call: "rouge(['rougeL'])", prepare: prepareLlm('rougeL') },
  { metric: 'rougeL', library: 'rouge (npm)', call: 'l(h, r)', prepare: prepareNpmRouge('l') },
];
// Ratios divide by the @llm/metrics case of the same metric; for BLEU that is nltkBleu, nltk's rules.
const baselines = {
  bleu: 'nltkBleu',
  rouge1: "rouge(['rouge1'])",
  rouge2: "rouge(['rouge2'])",
  rougeL: "rouge(['rougeL'])",
};

let llmMetrics;
async function loadLlm() {
  llmMetrics ??= await import('@llm/metrics').catch((error) => error);
  return llmMetrics;
}

function prepareLlm(call) {
  return async ({ hypotheses, references }) => {
    const llm = await loadLlm();
    if (llm instanceof Error)
      return { skip: `@llm/metrics did not load (${llm.code ?? llm.message}); build it first` };
    if (call === 'nltkBleu') {
      const refs = references.map((r) => [r]);
      return { run: () => llm.nltkBleu(hypotheses, refs), score: (s) => s };
    }
    if (call === 'bleu') return { run: () => llm.bleu(hypotheses, references), score: (r) => r.score };
    // Recall for ROUGE-N and F for ROUGE-L, the quantities npm rouge's `n` and `l` return.
    return {
      run: () => llm.rouge(hypotheses, references, { rougeTypes: [call] }),
      score: (r) => (call === 'rougeL' ? r.mean[call].fmeasure : r.mean[call].recall),
    };
  };
}

/** npm `rouge` scores one pair per call: `n` is ROUGE-N recall over unique n-grams, `l` an F-measure. */
function prepareNpmRouge(fn) {
  return ({ hypotheses, references }) => {
    const score1 = fn === 'l' ? (h, r) => npmRouge.l(h, r) : (h, r) => npmRouge.n(h, r, fn === 'n1' ? 1 : 2);
    try {
      score1(hypotheses[0], references[0]);
    } catch (error) {
      return {
        skip: `rouge ${rougeVersion()} \`${fn === 'l' ? 'l' : 'n'}\` throws on Node ${process.version}: ${error.message}`,
      };
    }
    const out = new Float64Array(hypotheses.length);
    return {
      run() {
        for (let i = 0; i < hypotheses.length; i++) out[i] = score1(hypotheses[i], references[i]);
        return out;
      },
      score: (scores) => scores.reduce((sum, s) => sum + s, 0) / scores.length,
    };
  };
}

function rougeVersion() {
  return require('rouge/package.json').version;
}

/**
 * Runs bench/python/nltk_bleu.py on the corpus and returns a case result in runCases' shape, plus the
 * score; `skipped` when Python or nltk is missing.
 */
async function runNltk(corpus, spec, repeats) {
  const base = { name: caseName(spec), params: paramsOf(spec) };
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-metrics-'));
  try {
    const file = path.join(dir, 'pairs.json');
    await writeFile(file, JSON.stringify(corpus));
    const child = spawnSync(python, [nltkScript, file, String(repeats)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.error)
      return { ...base, skipped: `${python} did not start (${child.error.code ?? child.error.message})` };
    if (child.status !== 0) {
      return {
        ...base,
        skipped: `${path.basename(nltkScript)} exited ${child.status}: ${child.stderr.trim().split('\n').at(-1)}`,
      };
    }
    const report = JSON.parse(child.stdout);
    if (report.skipped) return { ...base, skipped: report.skipped };
    const ms = report.seconds.map((s) => s * 1000).sort((a, b) => a - b);
    process.stderr.write(
      `  done ${base.name}: median ${quantile(ms, 0.5).toFixed(3)} ms over ${ms.length} samples\n`,
    );
    return {
      ...base,
      medianMs: round(quantile(ms, 0.5)),
      meanMs: round(ms.reduce((sum, x) => sum + x, 0) / ms.length),
      p75Ms: round(quantile(ms, 0.75)),
      samples: ms.length,
      score: report.score,
      versions: { nltk: report.nltk, python: report.python },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Linear-interpolated quantile of sorted values, as tinybench reports p50 and p75. */
function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

const caseName = (spec) => `${spec.library} ${spec.call}`;
const paramsOf = (spec) => ({ metric: spec.metric, library: spec.library, call: spec.call });

/** @param {{ quick: boolean }} context */
export async function run({ quick }) {
  const pairs = quick ? quickPairCount : pairCount;
  const corpus = sentencePairs(pairs);
  const scores = {};
  const results = [];
  let nltk = null;
  // One case at a time in table order, so the two sides of each ratio are measured seconds apart.
  for (const spec of cases) {
    if (spec.library === 'nltk') {
      const result = await runNltk(corpus, spec, budget.iterations);
      if (result.score !== undefined) scores[caseName(spec)] = result.score;
      const { score: _, versions, ...rest } = result;
      nltk = versions ?? nltk;
      results.push(rest);
      continue;
    }
    const [result] = await runCases(
      [
        {
          name: caseName(spec),
          params: paramsOf(spec),
          async setup() {
            const prepared = await spec.prepare(corpus);
            if (prepared.skip) return prepared;
            scores[caseName(spec)] = prepared.score(prepared.run());
            return { fn: prepared.run };
          },
        },
      ],
      { budget },
    );
    results.push(result);
  }
  for (const result of results) {
    if (result.medianMs !== undefined) result.pairsPerSecond = Math.round(pairs / (result.medianMs / 1000));
    const score = scores[result.name];
    if (score !== undefined) result.score = score;
  }
  const ratios = ratioTable(results);
  const nltkCheck = scoreCheck(scores);
  if (nltkCheck) {
    console.log(
      `\nnltkBleu vs nltk corpus_bleu on the ${pairs} pairs: @llm ${nltkCheck.llm} nltk ${nltkCheck.nltk} (${nltkCheck.equal ? 'identical' : `differ by ${nltkCheck.difference}`})`,
    );
  }
  return {
    cases: results,
    meta: {
      corpus: {
        pairs,
        seed: 1,
        hypothesisTokens: countTokens(corpus.hypotheses),
        referenceTokens: countTokens(corpus.references),
      },
      llmMetrics: { version: require('@llm/metrics/package.json').version },
      rouge: { version: rougeVersion() },
      nltk,
    },
    summary: {
      ratioIs: 'median time / median time of the @llm/metrics case of the same metric',
      ratios,
      nltkBleuCheck: nltkCheck ?? null,
    },
    table: tableRows(results, ratios),
  };
}

function countTokens(texts) {
  return texts.reduce((sum, text) => sum + text.split(' ').length, 0);
}

/** @llm's nltkBleu against nltk's corpus_bleu on the same corpus: the numbers should be identical. */
function scoreCheck(scores) {
  const llm = scores[caseName(cases[0])];
  const nltk = scores['nltk corpus_bleu'];
  if (llm === undefined || nltk === undefined) return undefined;
  return { llm, nltk, equal: llm === nltk, difference: Math.abs(llm - nltk) };
}

/** `{ [metric]: { [library call]: median time / the @llm/metrics median for that metric } }`. */
function ratioTable(results) {
  const ratios = {};
  for (const [metric, call] of Object.entries(baselines)) {
    const forMetric = results.filter((r) => r.params.metric === metric && r.medianMs !== undefined);
    const base = forMetric.find((r) => r.params.library === '@llm/metrics' && r.params.call === call);
    if (!base) continue;
    ratios[metric] = Object.fromEntries(
      forMetric.map((r) => [r.name, Number((r.medianMs / base.medianMs).toPrecision(4))]),
    );
  }
  return ratios;
}

function tableRows(results, ratios) {
  return results.map((result) => {
    const { metric, library, call } = result.params;
    const ratio = ratios[metric]?.[result.name];
    return {
      metric,
      library,
      call,
      'median ms': result.medianMs === undefined ? 'skipped' : result.medianMs.toFixed(1),
      'pairs/s': result.pairsPerSecond ?? '',
      'time ÷ @llm': ratio === undefined ? '' : `${ratio.toPrecision(3)}×`,
      score: result.score === undefined ? '' : result.score.toPrecision(6),
    };
  });
}
