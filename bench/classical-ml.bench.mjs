// @llm/classical-ml fit and predict times against the ml.js packages on the same seeded data in the same
// run, with scikit-learn and XGBoost (bench/python/sklearn_classical.py) timed on the same data for the
// record. The ratio is the other library's median time divided by @llm/classical-ml's for the same model,
// data and phase: 10× means @llm/classical-ml is ten times faster.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './lib/mulberry32.mjs';
import { round, runCases } from './lib/run-cases.mjs';

export const name = 'classical-ml';

const require = createRequire(import.meta.url);
const python = '/usr/bin/python3';
const sklearnScript = fileURLToPath(new URL('./python/sklearn_classical.py', import.meta.url));
const ours = '@llm/classical-ml';

/** Data sizes; BENCH_QUICK=1 divides them so the whole run takes seconds. */
const sizes = {
  full: {
    train: 10_000,
    test: 2_000,
    features: 20,
    points: 20_000,
    knnQueries: 1_000,
    forestPeer: 500,
    treePeer: 2_000,
  },
  quick: {
    train: 2_000,
    test: 500,
    features: 20,
    points: 4_000,
    knnQueries: 200,
    forestPeer: 200,
    treePeer: 500,
  },
};

// Budgets by how long one call takes. tinybench runs until both `time` and `iterations` are reached.
const budgets = {
  fast: { time: 400, iterations: 5, warmupTime: 50, warmupIterations: 2 },
  slow: { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 },
  // Cases where some library takes seconds per call: that one gets 2 calls and no warm-up, the faster
  // ones fill the second.
  verySlow: { time: 1000, iterations: 2, warmupTime: 0, warmupIterations: 0 },
};

// ---------------------------------------------------------------------------------------------------
// Data: one seed, written once, shared by every library (the Python side reads the same rows as CSV).

const uniform = mulberry32;

function gaussian(random) {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Three overlapping Gaussian classes in `d` dimensions: 8 informative features (class means drawn from
 * N(0, 2²)), the rest pure noise, unit-1.5 spread; labels 0, 1, 2.
 */
function classification(n, d, seed) {
  const random = uniform(seed);
  const informative = Math.min(d, 8);
  const means = Array.from({ length: 3 }, () =>
    Array.from({ length: d }, (_, j) => (j < informative ? 2 * gaussian(random) : 0)),
  );
  const X = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(random() * 3);
    X.push(means[c].map((m) => m + 1.5 * gaussian(random)));
    y.push(c);
  }
  return { X, y };
}

/** Five round 2-D blobs (σ = 0.8) plus 5% uniform background noise: a density-clustering workload. */
function blobs2d(n, seed) {
  const random = uniform(seed);
  const centres = [
    [0, 0],
    [5, 5],
    [-5, 5],
    [5, -5],
    [-5, -5],
  ];
  const X = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.05) {
      X.push([16 * random() - 8, 16 * random() - 8]);
      continue;
    }
    const [cx, cy] = centres[Math.floor(random() * centres.length)];
    X.push([cx + 0.8 * gaussian(random), cy + 0.8 * gaussian(random)]);
  }
  return X;
}

function makeData(size) {
  const { X, y } = classification(size.train + size.test, size.features, 1);
  const train = { X: X.slice(0, size.train), y: y.slice(0, size.train) };
  const test = { X: X.slice(size.train), y: y.slice(size.train) };
  const head = (n) => ({ X: train.X.slice(0, n), y: train.y.slice(0, n) });
  // Fixed starting centres for k-means, so every library runs Lloyd's iterations from the same point.
  const kmeansInit = Array.from({ length: 8 }, (_, i) => train.X[Math.floor((i * train.X.length) / 8)]);
  return {
    train,
    test,
    forestPeer: head(size.forestPeer),
    treePeer: head(size.treePeer),
    knnQueries: { X: test.X.slice(0, size.knnQueries), y: test.y.slice(0, size.knnQueries) },
    points: blobs2d(size.points, 3),
    kmeansInit,
  };
}

// ---------------------------------------------------------------------------------------------------
// Models: each entry is one model on one data set; `libraries` maps a library to
// `(lib, data) => { fit(), predict?(model), check?(model, predicted) }` or to a skip reason.

const accuracy = (predicted, truth) => predicted.filter((p, i) => p === truth[i]).length / truth.length;
const DBSCAN_EPS = 0.3;
const DBSCAN_MIN_SAMPLES = 10;

/** Cluster count (noise excluded) of a label array where -1 marks noise. */
const clusterCount = (labels) => new Set(labels.filter((l) => l >= 0)).size;

function models(data, size) {
  const { train, test } = data;
  const classifierCheck = (testSet) => (_, predicted) => ({ accuracy: accuracy(predicted, testSet.y) });
  const peerRf = (set) => {
    const { RandomForestClassifier } = require('ml-random-forest');
    return {
      fit: () => {
        const model = new RandomForestClassifier({
          nEstimators: 100,
          maxFeatures: Math.floor(Math.sqrt(size.features)),
          replacement: true,
          useSampleBagging: true,
          noOOB: true,
          seed: 1,
          treeOptions: { gainFunction: 'gini', minNumSamples: 1, gainThreshold: 0 },
        });
        model.train(set.X, set.y);
        return model;
      },
      predict: (model) => model.predict(test.X),
      check: classifierCheck(test),
    };
  };
  const peerTree = (set) => {
    const { DecisionTreeClassifier } = require('ml-cart');
    return {
      fit: () => {
        const model = new DecisionTreeClassifier({
          gainFunction: 'gini',
          minNumSamples: 1,
          gainThreshold: 0,
        });
        model.train(set.X, set.y);
        return model;
      },
      predict: (model) => model.predict(test.X),
      check: classifierCheck(test),
    };
  };
  const oursClassifier = (className, params, set) => (lib) => {
    if (typeof lib[className] !== 'function') return { skip: `${ours} does not export ${className} yet` };
    return {
      fit: () => new lib[className](params).fit(set.X, set.y),
      predict: (model) => model.predict(test.X),
      check: classifierCheck(test),
    };
  };
  const forestParams = { nEstimators: 100, randomState: 0 };
  const quadratic = (n, seconds) =>
    `ml-cart's splitter is O(n²) per node (${seconds}); at n = ${n.toLocaleString('en-US')} one call would take minutes`;
  return [
    {
      model: 'RandomForestClassifier',
      note: '100 trees, √d features per split, bootstrap',
      n: data.forestPeer.X.length,
      python: { model: 'random_forest', data: 'forestPeer' },
      budget: budgets.verySlow,
      libraries: {
        [ours]: oursClassifier('RandomForestClassifier', forestParams, data.forestPeer),
        'ml-random-forest': () => peerRf(data.forestPeer),
      },
    },
    {
      model: 'RandomForestClassifier',
      note: '100 trees, √d features per split, bootstrap',
      n: train.X.length,
      python: { model: 'random_forest', data: 'train', xgboost: 'xgb_random_forest' },
      budget: budgets.verySlow,
      libraries: {
        [ours]: oursClassifier('RandomForestClassifier', forestParams, train),
        'ml-random-forest': quadratic(train.X.length, 'about 25 s for 100 trees at n = 1,000 in a trial run'),
      },
    },
    {
      model: 'DecisionTreeClassifier',
      note: 'gini, grown until pure',
      n: data.treePeer.X.length,
      python: { model: 'decision_tree', data: 'treePeer' },
      budget: budgets.verySlow,
      libraries: {
        [ours]: oursClassifier('DecisionTreeClassifier', {}, data.treePeer),
        'ml-cart': () => peerTree(data.treePeer),
      },
    },
    {
      model: 'DecisionTreeClassifier',
      note: 'gini, grown until pure',
      n: train.X.length,
      python: { model: 'decision_tree', data: 'train' },
      budget: budgets.slow,
      libraries: {
        [ours]: oursClassifier('DecisionTreeClassifier', {}, train),
        'ml-cart': quadratic(
          train.X.length,
          '0.8 s at n = 1,000, 3.4 s at 2,000, 14 s at 4,000 in a trial run',
        ),
      },
    },
    {
      model: 'HistGradientBoostingClassifier',
      note: '100 rounds, depth 6, learning rate 0.3, 255 bins (XGBoost hist)',
      n: train.X.length,
      python: { model: 'hist_gradient_boosting', data: 'train', xgboost: 'xgb_hist' },
      budget: budgets.verySlow,
      libraries: {
        [ours]: oursClassifier(
          'HistGradientBoostingClassifier',
          { nEstimators: 100, learningRate: 0.3, maxDepth: 6 },
          train,
        ),
      },
    },
    {
      model: 'KNeighborsClassifier',
      note: `k = 5, ${data.knnQueries.X.length.toLocaleString('en-US')} queries`,
      n: train.X.length,
      python: { model: 'knn', data: 'train', test: 'knnQueries' },
      budget: budgets.fast,
      predictBudget: budgets.verySlow,
      libraries: {
        [ours]: (lib) => ({
          fit: () => new lib.KNeighborsClassifier({ nNeighbors: 5 }).fit(train.X, train.y),
          predict: (model) => model.predict(data.knnQueries.X),
          check: classifierCheck(data.knnQueries),
        }),
        'ml-knn': () => {
          const KNN = require('ml-knn');
          return {
            fit: () => new KNN(train.X, train.y, { k: 5 }),
            predict: (model) => model.predict(data.knnQueries.X),
            check: classifierCheck(data.knnQueries),
          };
        },
      },
    },
    {
      model: 'GaussianNB',
      note: '',
      n: train.X.length,
      python: { model: 'gaussian_nb', data: 'train' },
      budget: budgets.fast,
      libraries: {
        [ours]: (lib) => ({
          fit: () => new lib.GaussianNB().fit(train.X, train.y),
          predict: (model) => model.predict(test.X),
          check: classifierCheck(test),
        }),
        'ml-naivebayes': () => {
          const { GaussianNB } = require('ml-naivebayes');
          return {
            fit: () => {
              const model = new GaussianNB();
              model.train(train.X, train.y);
              return model;
            },
            predict: (model) => model.predict(test.X),
            check: classifierCheck(test),
          };
        },
      },
    },
    {
      model: 'KMeans',
      note: 'k = 8 from the same 8 starting centres, Lloyd, ≤ 300 iterations',
      n: train.X.length,
      python: { model: 'kmeans', data: 'train' },
      budget: budgets.fast,
      libraries: {
        [ours]: (lib) => ({
          fit: () =>
            new lib.KMeans({ nClusters: 8, init: data.kmeansInit, nInit: 1, maxIter: 300, tol: 1e-4 }).fit(
              train.X,
            ),
          predict: (model) => model.predict(test.X),
          check: (model) => ({ inertia: round(model.inertia), iterations: model.nIter }),
        }),
        'ml-kmeans': async () => {
          const { kmeans } = await import('ml-kmeans');
          return {
            fit: () =>
              kmeans(train.X, 8, { initialization: data.kmeansInit, maxIterations: 300, tolerance: 1e-4 }),
            predict: (model) => model.nearest(test.X),
            check: (model) => ({
              inertia: round(model.computeInformation(train.X).reduce((sum, c) => sum + c.error * c.size, 0)),
              iterations: model.iterations,
            }),
          };
        },
      },
    },
    {
      model: 'DBSCAN',
      note: `${data.points.length.toLocaleString('en-US')} 2-D points, eps ${DBSCAN_EPS}, minSamples ${DBSCAN_MIN_SAMPLES}`,
      n: data.points.length,
      python: { model: 'dbscan', data: 'points' },
      budget: budgets.verySlow,
      libraries: {
        [ours]: (lib) => ({
          fit: () => new lib.DBSCAN({ eps: DBSCAN_EPS, minSamples: DBSCAN_MIN_SAMPLES }).fit(data.points),
          check: (model) => ({
            clusters: clusterCount(model.labels),
            noise: model.labels.filter((l) => l < 0).length,
          }),
        }),
        'density-clustering': () => {
          const { DBSCAN } = require('density-clustering');
          return {
            fit: () => {
              const model = new DBSCAN();
              model.clusters = model.run(data.points, DBSCAN_EPS, DBSCAN_MIN_SAMPLES);
              return model;
            },
            check: (model) => ({ clusters: model.clusters.length, noise: model.noise.length }),
          };
        },
      },
    },
    {
      model: 'PCA',
      note: 'all components; predict = transform',
      n: train.X.length,
      python: { model: 'pca', data: 'train' },
      budget: budgets.fast,
      libraries: {
        [ours]: (lib) => ({
          fit: () => new lib.PCA({ nComponents: null }).fit(train.X),
          predict: (model) => model.transform(test.X),
          check: (model) => ({ firstRatio: round(model.explainedVarianceRatio[0]) }),
        }),
        'ml-pca': () => {
          const { PCA } = require('ml-pca');
          return {
            fit: () => new PCA(train.X),
            predict: (model) => model.predict(test.X),
            check: (model) => ({ firstRatio: round(model.getExplainedVariance()[0]) }),
          };
        },
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Running

/** The installed version of `pkg`, read from its package.json (some packages do not export it). */
function packageVersion(pkg) {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    try {
      return JSON.parse(readFileSync(path.join(dir, pkg, 'package.json'), 'utf8')).version;
    } catch {}
  }
  return 'unknown';
}

const caseLabel = (spec) => `${spec.model} n=${spec.n}`;
const noPredict = 'no predict step (fit labels the training points)';

/** Builds the fit and predict runCases cases of one library on one model; they share one fitted model. */
function jsCases(spec, library, entry, lib, checks) {
  const params = { model: spec.model, n: spec.n, library };
  const base = `${caseLabel(spec)} ${library}`;
  if (typeof entry === 'string') {
    return [
      { name: `${base} fit`, params: { ...params, phase: 'fit' }, skip: entry },
      { name: `${base} predict`, params: { ...params, phase: 'predict' }, skip: entry },
    ];
  }
  let prepared = null;
  let fitted = null;
  const prepare = async () => {
    prepared ??= await entry(lib);
    return prepared;
  };
  return [
    {
      name: `${base} fit`,
      params: { ...params, phase: 'fit' },
      budget: spec.budget,
      async setup() {
        const p = await prepare();
        if (p.skip) return { skip: p.skip };
        return {
          fn: () => {
            fitted = p.fit();
          },
          // A model without a predict step is checked on its last fit.
          dispose: () => {
            if (!p.predict) checks[`${caseLabel(spec)} ${library}`] = p.check?.(fitted);
          },
        };
      },
    },
    {
      name: `${base} predict`,
      params: { ...params, phase: 'predict' },
      budget: spec.predictBudget ?? budgets.fast,
      async setup() {
        const p = await prepare();
        if (p.skip) return { skip: p.skip };
        if (!p.predict) return { skip: noPredict };
        fitted ??= p.fit();
        let predicted = null;
        return {
          fn: () => {
            predicted = p.predict(fitted);
          },
          dispose: () => {
            checks[`${caseLabel(spec)} ${library}`] = p.check?.(fitted, predicted);
          },
        };
      },
    },
  ];
}

function toCsv(rows) {
  return `${rows.map((row) => (Array.isArray(row) ? row.join(',') : String(row))).join('\n')}\n`;
}

/**
 * Writes every data set as CSV to a temp dir, runs bench/python/sklearn_classical.py on them and returns
 * its report (`{ versions, results: [{ id, library, fit: [s], predict: [s], check }] }`) or `{ skipped }`.
 */
async function runPython(specs, data, quick) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-classical-ml-'));
  try {
    const sets = { train: data.train, forestPeer: data.forestPeer, treePeer: data.treePeer };
    for (const [key, set] of Object.entries(sets)) {
      await writeFile(path.join(dir, `${key}_X.csv`), toCsv(set.X));
      await writeFile(path.join(dir, `${key}_y.csv`), toCsv(set.y));
    }
    await writeFile(path.join(dir, 'test_X.csv'), toCsv(data.test.X));
    await writeFile(path.join(dir, 'test_y.csv'), toCsv(data.test.y));
    await writeFile(path.join(dir, 'knnQueries_X.csv'), toCsv(data.knnQueries.X));
    await writeFile(path.join(dir, 'knnQueries_y.csv'), toCsv(data.knnQueries.y));
    await writeFile(path.join(dir, 'points_X.csv'), toCsv(data.points));
    await writeFile(path.join(dir, 'kmeans_init.csv'), toCsv(data.kmeansInit));
    const plan = specs.map((spec) => ({
      id: caseLabel(spec),
      ...spec.python,
      test: spec.python.test ?? 'test',
      repeats: spec.budget.iterations,
      warmup: spec.budget.warmupIterations,
      minSeconds: spec.budget.time / 1000,
      eps: DBSCAN_EPS,
      minSamples: DBSCAN_MIN_SAMPLES,
    }));
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify({ quick, cases: plan }));
    const child = spawnSync(python, [sklearnScript, dir], {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
      // One thread, like @llm/classical-ml and the ml.js packages.
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.error)
      return { skipped: `${python} did not start (${child.error.code ?? child.error.message})` };
    if (child.status !== 0) {
      return { skipped: `${path.basename(sklearnScript)} exited ${child.status}` };
    }
    return JSON.parse(child.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
}

/** One Python timing list in runCases' result shape. */
function pythonCase(spec, library, phase, seconds, skipped) {
  const params = { model: spec.model, n: spec.n, library, phase };
  const name = `${caseLabel(spec)} ${library} ${phase}`;
  if (skipped) return { name, params, skipped };
  if (!seconds) return { name, params, skipped: noPredict };
  const ms = seconds.map((s) => s * 1000).sort((a, b) => a - b);
  return {
    name,
    params,
    medianMs: round(quantile(ms, 0.5)),
    meanMs: round(ms.reduce((sum, x) => sum + x, 0) / ms.length),
    p75Ms: round(quantile(ms, 0.75)),
    samples: ms.length,
  };
}

/** @param {{ quick: boolean }} context */
export async function run({ quick }) {
  const size = quick ? sizes.quick : sizes.full;
  const data = makeData(size);
  const lib = await import(ours).catch((error) => error);
  if (lib instanceof Error) {
    throw new Error(
      `classical-ml bench: ${ours} did not load (${lib.code ?? lib.message}); run npx turbo run build --filter=${ours} first.`,
    );
  }
  const specs = models(data, size);
  const checks = {};
  const results = [];
  // Model by model, so the two times in a ratio are measured seconds apart.
  for (const spec of specs) {
    for (const [library, entry] of Object.entries(spec.libraries)) {
      results.push(...(await runCases(jsCases(spec, library, entry, lib, checks))));
    }
  }

  process.stderr.write('  running bench/python/sklearn_classical.py (scikit-learn, XGBoost; one thread)\n');
  const py = await runPython(specs, data, quick);
  for (const spec of specs) {
    const id = caseLabel(spec);
    const libraries = ['scikit-learn', ...(spec.python.xgboost ? ['xgboost'] : [])];
    for (const library of libraries) {
      const entry = py.results?.find((r) => r.id === id && r.library === library);
      const skipped = py.skipped ?? entry?.skipped ?? (entry ? undefined : 'no result from the script');
      results.push(pythonCase(spec, library, 'fit', entry?.fit, skipped));
      results.push(pythonCase(spec, library, 'predict', entry?.predict, skipped));
      if (entry?.check) checks[`${id} ${library}`] = entry.check;
    }
  }
  for (const result of results) {
    const check = checks[`${caseLabel(result.params)} ${result.params.library}`];
    if (check && result.medianMs !== undefined) result.check = check;
  }

  const ratios = ratioTable(specs, results);
  return {
    cases: results,
    meta: {
      sizes: size,
      versions: {
        [ours]: packageVersion(ours),
        ...Object.fromEntries(
          [
            'ml-random-forest',
            'ml-cart',
            'ml-kmeans',
            'density-clustering',
            'ml-knn',
            'ml-naivebayes',
            'ml-pca',
          ].map((pkg) => [pkg, packageVersion(pkg)]),
        ),
        ...(py.versions ?? {}),
      },
      python: py.skipped ? { skipped: py.skipped } : { threads: 1 },
    },
    summary: { baseline: ours, ratio: 'other median ms / @llm/classical-ml median ms', ratios },
    table: tableRows(specs, results, ratios),
  };
}

const others = ['ml.js', 'scikit-learn', 'xgboost'];
const peerOf = (spec) => Object.keys(spec.libraries).find((library) => library !== ours);

/** `{ [model n=…]: { [phase]: { [library]: ratio } } }`. */
function ratioTable(specs, results) {
  const ratios = {};
  for (const spec of specs) {
    const id = caseLabel(spec);
    for (const phase of ['fit', 'predict']) {
      const find = (library) =>
        results.find(
          (r) =>
            caseLabel(r.params) === id &&
            r.params.library === library &&
            r.params.phase === phase &&
            r.medianMs !== undefined,
        );
      const base = find(ours);
      if (!base) continue;
      const row = {};
      for (const library of [peerOf(spec), 'scikit-learn', 'xgboost']) {
        const other = library && find(library);
        if (other) row[library] = Number((other.medianMs / base.medianMs).toPrecision(3));
      }
      if (Object.keys(row).length > 0) {
        ratios[id] ??= {};
        ratios[id][phase] = row;
      }
    }
  }
  return ratios;
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function tableRows(specs, results) {
  const rows = [];
  for (const spec of specs) {
    const peer = peerOf(spec);
    for (const phase of ['fit', 'predict']) {
      const find = (library) =>
        results.find(
          (r) =>
            caseLabel(r.params) === caseLabel(spec) &&
            r.params.library === library &&
            r.params.phase === phase,
        );
      const base = find(ours);
      if (base?.skipped === noPredict) continue;
      const cell = (library) => {
        const r = library && find(library);
        if (!r) return '—';
        if (r.medianMs === undefined) return 'skipped';
        if (library === ours) return formatMs(r.medianMs);
        const ratio = base?.medianMs ? ` (${(r.medianMs / base.medianMs).toPrecision(3)}×)` : '';
        return `${formatMs(r.medianMs)}${ratio}`;
      };
      rows.push({
        model: spec.model,
        n: spec.n.toLocaleString('en-US'),
        phase,
        [`${ours} ms`]: cell(ours),
        'ml.js peer': peer ? `${peer}` : '—',
        [`${others[0]} ms (×)`]: peer ? cell(peer) : '—',
        [`${others[1]} ms (×)`]: cell('scikit-learn'),
        [`${others[2]} ms (×)`]: spec.python.xgboost ? cell('xgboost') : '—',
      });
    }
  }
  return rows;
}
