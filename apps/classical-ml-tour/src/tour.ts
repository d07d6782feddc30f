// The tour: every catalogue estimator fitted and scored on real data, then clustering and PCA on iris.
import { DBSCAN, KMeans, type Label, MiniBatchKMeans, PCA, StandardScaler } from '@llm/classical-ml';
import { accuracy, adjustedRandScore, precisionRecallFscore, r2Score } from '@llm/metrics';
import { boundaryPanels, type Classifier, classifiers, type Entry, regressors } from './catalogue';
import { boston, iris, type Split, spam } from './data';

export interface TourConfig {
  /** Leave out the estimators marked `slow` and use a smaller spam sample (the test's reduced tour). */
  quick: boolean;
  /** SpamAssassin messages drawn (of 6,046); 30% are held out. */
  spamMessages: number;
  /** Spam vocabulary: the words found in the most training messages. */
  vocabularySize: number;
  /** Decision-boundary grid: cells per side of each panel. */
  gridSize: number;
  /** Seed of every split and draw. */
  seed: number;
}

export const defaultConfig: TourConfig = {
  quick: false,
  spamMessages: 1500,
  vocabularySize: 500,
  gridSize: 120,
  seed: 0,
};

export const quickConfig: TourConfig = {
  quick: true,
  spamMessages: 600,
  vocabularySize: 300,
  gridSize: 40,
  seed: 0,
};

export interface Score {
  dataset: string;
  model: string;
  /** Held-out accuracy (classification). */
  accuracy?: number;
  /** Held-out macro-averaged F1 (classification). */
  macroF1?: number;
  /** Held-out R² (regression). */
  r2?: number;
  /** Adjusted Rand index against the species (clustering). */
  ari?: number;
  fitMs: number;
}

/** What the plots need: the iris PCA plane, each panel's predictions over a grid, the clusterings. */
export interface TourPlots {
  /** Iris projected on its first two principal components of the standardised features, (150, 2). */
  plane: number[][];
  species: string[];
  classes: string[];
  /** Panel bounds in the plane. */
  bounds: { x0: number; x1: number; y0: number; y1: number };
  boundaries: { model: string; grid: Label[][]; accuracy: number }[];
  kmeans: { labels: number[]; centres: number[][] };
  dbscan: { labels: number[]; eps: number; minSamples: number };
  explainedVariance: { dataset: string; ratios: number[] }[];
}

export interface TourResult {
  scores: Score[];
  plots: TourPlots;
  seconds: number;
}

export interface TourHooks {
  /** Called before each fit with the number of fits done, the total, and what is about to run. */
  onProgress?: (done: number, total: number, label: string) => void;
}

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

function standardise(split: Split<unknown>): { Xtrain: number[][]; Xtest: number[][] } {
  const scaler = new StandardScaler().fit(split.Xtrain);
  return { Xtrain: scaler.transform(split.Xtrain), Xtest: scaler.transform(split.Xtest) };
}

const included = <M>(entries: Entry<M>[], quick: boolean) => entries.filter((e) => !quick || !e.slow);

/** Runs the tour; fits, scores and plot data come back, nothing is printed or written. */
export function runTour(config: TourConfig, hooks: TourHooks = {}): TourResult {
  const started = performance.now();
  const data = {
    iris: iris(config.seed),
    spam: spam({
      messages: config.spamMessages,
      vocabularySize: config.vocabularySize,
      testFraction: 0.3,
      seed: config.seed,
    }),
  };
  const housing = boston(config.seed);
  const scaled = { iris: standardise(data.iris), spam: standardise(data.spam), boston: standardise(housing) };

  const classifierJobs = (['iris', 'spam'] as const).flatMap((dataset) =>
    included(classifiers, config.quick)
      .filter((e) => !e.on || e.on.includes(dataset))
      .map((entry) => ({ dataset, entry })),
  );
  const regressorJobs = included(regressors, config.quick);
  const panels = boundaryPanels.filter((name) =>
    included(classifiers, config.quick).some((e) => e.name === name),
  );
  const total = classifierJobs.length + regressorJobs.length + panels.length + 3;
  let done = 0;
  const step = (label: string) => hooks.onProgress?.(done++, total, label);

  const scores: Score[] = [];
  for (const { dataset, entry } of classifierJobs) {
    step(`${dataset}: ${entry.name}`);
    const split = data[dataset];
    const X = entry.scaled ? scaled[dataset] : split;
    const model = entry.make();
    const [, fitMs] = timed(() => model.fit(X.Xtrain, split.ytrain));
    const predicted = model.predict(X.Xtest);
    scores.push({
      dataset,
      model: entry.name,
      accuracy: accuracy(split.ytest, predicted),
      macroF1: precisionRecallFscore(split.ytest, predicted, { average: 'macro' }).fscore,
      fitMs,
    });
  }
  for (const entry of regressorJobs) {
    step(`boston: ${entry.name}`);
    const X = entry.scaled ? scaled.boston : housing;
    const model = entry.make();
    const [, fitMs] = timed(() => model.fit(X.Xtrain, housing.ytrain));
    scores.push({
      dataset: 'boston',
      model: entry.name,
      r2: r2Score(housing.ytest, model.predict(X.Xtest)),
      fitMs,
    });
  }

  // Iris on the plane of its first two principal components (standardised features).
  const { X, y: species, classes } = data.iris;
  const Xs = new StandardScaler().fit(X).transform(X);
  step('iris: PCA');
  const pca = new PCA({ nComponents: null }).fit(Xs);
  const plane = pca.transform(Xs).map((row) => row.slice(0, 2));
  const bounds = paddedBounds(plane);
  const boundaries: TourPlots['boundaries'] = [];
  for (const name of panels) {
    step(`iris plane: ${name}`);
    const entry = classifiers.find((e) => e.name === name) as Entry<Classifier>;
    const model = entry.make();
    model.fit(plane, species);
    boundaries.push({
      model: name,
      grid: predictGrid(model, bounds, config.gridSize),
      accuracy: accuracy(species, model.predict(plane)),
    });
  }

  step('iris: KMeans, MiniBatchKMeans');
  const [kmeans, kmeansMs] = timed(() => new KMeans({ nClusters: 3, randomState: config.seed }).fit(Xs));
  const [minibatch, minibatchMs] = timed(() =>
    new MiniBatchKMeans({ nClusters: 3, randomState: config.seed }).fit(Xs),
  );
  step('iris plane: DBSCAN');
  const dbscanParams = { eps: 0.45, minSamples: 5 };
  const [dbscan, dbscanMs] = timed(() => new DBSCAN(dbscanParams).fit(plane));
  scores.push(
    {
      dataset: 'iris',
      model: 'KMeans (k=3)',
      ari: adjustedRandScore(species, kmeans.labels),
      fitMs: kmeansMs,
    },
    {
      dataset: 'iris',
      model: 'MiniBatchKMeans (k=3)',
      ari: adjustedRandScore(species, minibatch.labels),
      fitMs: minibatchMs,
    },
    {
      dataset: 'iris (PCA plane)',
      model: `DBSCAN (eps ${dbscanParams.eps})`,
      ari: adjustedRandScore(species, dbscan.labels),
      fitMs: dbscanMs,
    },
  );

  const bostonPca = new PCA({ nComponents: null }).fit(scaled.boston.Xtrain);
  hooks.onProgress?.(done, total, 'done');
  return {
    scores,
    plots: {
      plane,
      species,
      classes,
      bounds,
      boundaries,
      // Centres and labels in the plane: the clustering ran on all four standardised features.
      kmeans: {
        labels: kmeans.labels,
        centres: pca.transform(kmeans.clusterCenters).map((c) => c.slice(0, 2)),
      },
      dbscan: { labels: dbscan.labels, ...dbscanParams },
      explainedVariance: [
        { dataset: 'iris (4 features)', ratios: pca.explainedVarianceRatio },
        { dataset: 'Boston (13 features)', ratios: bostonPca.explainedVarianceRatio },
      ],
    },
    seconds: (performance.now() - started) / 1000,
  };
}

function paddedBounds(points: number[][]) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const pad = (lo: number, hi: number) => [lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)];
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  return { x0, x1, y0, y1 };
}

/** The class predicted at each cell centre of an (n, n) grid over `bounds`; row 0 is the top (largest y). */
function predictGrid(model: Classifier, bounds: TourPlots['bounds'], n: number): Label[][] {
  const cells: number[][] = [];
  for (let r = 0; r < n; r++) {
    const y = bounds.y1 - ((r + 0.5) / n) * (bounds.y1 - bounds.y0);
    for (let c = 0; c < n; c++) cells.push([bounds.x0 + ((c + 0.5) / n) * (bounds.x1 - bounds.x0), y]);
  }
  const predicted = model.predict(cells);
  return Array.from({ length: n }, (_, r) => predicted.slice(r * n, (r + 1) * n));
}
