import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { Random } from '../internal/random';
import { takeRows } from '../internal/rows';

export interface TrainTestSplitOptions {
  /** Test share: a fraction in (0, 1) (rounded up, like sklearn) or a sample count (default 0.25). */
  testSize?: number;
  /** Shuffle before splitting (default true). Without shuffling the test set is the last samples, like sklearn. */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0; this package's generator, so the split differs from sklearn's). */
  randomState?: number;
  /** Labels to stratify on: each class keeps its proportion in both parts (needs shuffle). */
  stratify?: readonly Label[];
}

export interface TrainTestSplitResult<Y> {
  XTrain: number[][];
  XTest: number[][];
  yTrain: Y[];
  yTest: Y[];
  trainIndices: number[];
  testIndices: number[];
}

/** Largest-remainder allocation of `total` over classes proportional to `counts` (ties → lower class index). */
function allocate(counts: number[], total: number): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (c * total) / n);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((_, c) => c).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (const c of order) {
    if (left <= 0) break;
    if (out[c] < counts[c]) {
      out[c]++;
      left--;
    }
  }
  return out;
}

/**
 * Splits samples into a training and a test part like sklearn's `train_test_split`:
 * nTest = ⌈testSize·n⌉ for a fraction. Without shuffling the split equals sklearn's; shuffled and
 * stratified splits use this package's seeded generator (deterministic, but not numpy's).
 *
 * @example
 * const { XTrain, XTest, yTrain, yTest } = trainTestSplit(X, y, { testSize: 0.2, stratify: y });
 */
export function trainTestSplit<Y extends Label = Label>(
  X: MatrixLike,
  y?: readonly Y[],
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult<Y> {
  const op = 'trainTestSplit';
  const m = toMatrix(op, X, { allowNaN: true, minRows: 2 });
  const n = m.rows;
  if (y !== undefined && (!Array.isArray(y) || y.length !== n))
    throw new ValueError(
      `${op}: 'y' has ${Array.isArray(y) ? y.length : 'no'} values but 'X' has ${n} samples.`,
    );
  const testSize = options.testSize ?? 0.25;
  const shuffle = options.shuffle ?? true;
  let nTest: number;
  if (Number.isInteger(testSize) && testSize >= 1) nTest = testSize;
  else if (testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else
    throw new ValueError(
      `${op}: 'testSize' must be a fraction in (0, 1) or a positive integer, got ${testSize}.`,
    );
  if (nTest >= n)
    throw new ValueError(`${op}: 'testSize' (${testSize}) leaves no training samples out of ${n}.`);
  const rng = new Random(options.randomState ?? 0);
  let test: number[];
  let train: number[];
  if (options.stratify) {
    if (!shuffle) throw new ValueError(`${op}: 'stratify' needs 'shuffle: true' (as in sklearn).`);
    const { classes, indices } = encodeLabels(op, options.stratify, n);
    const members: number[][] = classes.map(() => []);
    for (let i = 0; i < n; i++) members[indices[i]].push(i);
    if (members.some((g) => g.length < 2))
      throw new ValueError(`${op}: every class in 'stratify' needs at least 2 samples.`);
    const perClass = allocate(
      members.map((g) => g.length),
      nTest,
    );
    test = [];
    train = [];
    members.forEach((g, c) => {
      rng.shuffle(g);
      test.push(...g.slice(0, perClass[c]));
      train.push(...g.slice(perClass[c]));
    });
    rng.shuffle(test);
    rng.shuffle(train);
  } else if (shuffle) {
    const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i)) as number[];
    test = perm.slice(0, nTest);
    train = perm.slice(nTest);
  } else {
    train = Array.from({ length: n - nTest }, (_, i) => i);
    test = Array.from({ length: nTest }, (_, i) => n - nTest + i);
  }
  return {
    XTrain: takeRows(m, train),
    XTest: takeRows(m, test),
    yTrain: y ? train.map((i) => y[i]) : [],
    yTest: y ? test.map((i) => y[i]) : [],
    trainIndices: train,
    testIndices: test,
  };
}
