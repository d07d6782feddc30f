// Loads parity/fixtures/ensemble.json (made by parity/generate_ensemble.py) into train/test splits.
import fx from '../parity/fixtures/ensemble.json';

function withNaN(X: number[][], flat: number[]): number[][] {
  const out = X.map((r) => [...r]);
  const cols = X[0].length;
  for (const k of flat) out[Math.floor(k / cols)][k % cols] = Number.NaN;
  return out;
}

const c = fx.classification;
const r = fx.regression;

export const clf = {
  Xtr: c.X.slice(0, c.nTrain),
  ytr: c.y.slice(0, c.nTrain),
  ybtr: c.yBinary.slice(0, c.nTrain),
  Xte: c.X.slice(c.nTrain),
  yte: c.y.slice(c.nTrain),
  ybte: c.yBinary.slice(c.nTrain),
  XNaN: withNaN(c.X, c.nanIndex),
  nTrain: c.nTrain,
};

export const reg = {
  Xtr: r.X.slice(0, r.nTrain),
  ytr: r.y.slice(0, r.nTrain),
  Xte: r.X.slice(r.nTrain),
  yte: r.y.slice(r.nTrain),
  XNaN: withNaN(r.X, r.nanIndex),
  nTrain: r.nTrain,
};

/** sklearn / xgboost reference results keyed by estimator (and variant). */
export const cases = fx.cases as unknown as Record<
  string,
  { score: number; predict?: number[]; oobScore?: number; importances?: number[]; proba?: number[][] }
>;

export const real = fx.real;

/** A small slice for the conformance suite. */
export const small = { X: c.X.slice(0, 60), y: c.y.slice(0, 60), yr: r.y.slice(0, 60), Xr: r.X.slice(0, 60) };
