import { Estimator } from '../base';
import { ShapeError, ValueError } from '../errors';
import type { Label } from '../internal/labels';
import { type MatrixLike, toMatrix } from '../internal/matrix';
import { oneOf, validateParams } from '../internal/params';

export interface OneHotEncoderParams {
  /** 'error' (default): an unseen category in transform throws; 'ignore': it encodes as all zeros. */
  handleUnknown: 'error' | 'ignore';
}

interface OneHotEncoderState {
  categories: Label[][];
  nFeaturesIn: number;
}

/** Categorical rows: numbers or strings (each column all one kind). */
export type CategoricalMatrix = readonly (readonly Label[])[];

function toRows(op: string, X: MatrixLike | CategoricalMatrix): Label[][] {
  if (!Array.isArray(X)) {
    const m = toMatrix(op, X as MatrixLike);
    return Array.from({ length: m.rows }, (_, i) =>
      Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)),
    );
  }
  if (X.length === 0) throw new ValueError(`${op}: 'X' must have at least 1 sample(s), got 0.`);
  const cols = (X[0] as Label[]).length;
  return X.map((row: readonly Label[], i: number) => {
    if (!Array.isArray(row) || row.length !== cols)
      throw new ShapeError(
        `${op}: 'X' is ragged: row ${i} has ${Array.isArray(row) ? row.length : 'no'} features, row 0 has ${cols}.`,
      );
    row.forEach((v, j) => {
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string')
        throw new ValueError(
          `${op}: 'X' has ${String(v)} at row ${i}, column ${j}; categories must be finite numbers or strings.`,
        );
    });
    return [...row];
  });
}

/**
 * One-hot encodes categorical features like sklearn's OneHotEncoder (dense output): each feature's
 * sorted categories become 0/1 columns, features in order.
 *
 * @example
 * const enc = new OneHotEncoder().fit([['red'], ['blue']]);
 * enc.transform([['red']]); // [[0, 1]]  (categories: ['blue', 'red'])
 */
export class OneHotEncoder extends Estimator<OneHotEncoderParams, OneHotEncoderState> {
  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super({ handleUnknown: 'error' }, params);
  }

  fit(X: MatrixLike | CategoricalMatrix): this {
    validateParams('OneHotEncoder', this.params, { handleUnknown: oneOf('error', 'ignore') });
    const rows = toRows('OneHotEncoder.fit', X);
    const d = rows[0].length;
    const categories: Label[][] = [];
    for (let j = 0; j < d; j++) {
      const col: Label[] = rows.map((r) => r[j]);
      const numeric = col.every((v) => typeof v === 'number');
      if (!numeric && !col.every((v) => typeof v === 'string'))
        throw new ValueError(`OneHotEncoder.fit: column ${j} mixes numbers and strings.`);
      categories.push(
        [...new Set<Label>(col)].sort((a, b) =>
          numeric ? (a as number) - (b as number) : a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    this.state = { categories, nFeaturesIn: d };
    return this;
  }

  /** The categories of each feature, sorted (sklearn's `categories_`). */
  get categories(): Label[][] {
    return structuredClone(this.fitted('reading categories').categories);
  }

  /** Output column names, `x<feature>_<category>` unless names are given (sklearn's get_feature_names_out). */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    const s = this.fitted('getFeatureNamesOut()');
    return s.categories.flatMap((cats, j) => cats.map((c) => `${inputFeatures?.[j] ?? `x${j}`}_${c}`));
  }

  transform(X: MatrixLike | CategoricalMatrix): number[][] {
    const s = this.fitted('transform()');
    const rows = toRows('OneHotEncoder.transform', X);
    if (rows[0].length !== s.nFeaturesIn)
      throw new ShapeError(
        `OneHotEncoder.transform: 'X' has ${rows[0].length} features, but the estimator was fitted with ${s.nFeaturesIn}.`,
      );
    const lookups = s.categories.map((cats) => new Map(cats.map((c, i) => [c, i])));
    const offsets: number[] = [];
    let width = 0;
    for (const cats of s.categories) {
      offsets.push(width);
      width += cats.length;
    }
    return rows.map((r, i) => {
      const out = new Array<number>(width).fill(0);
      r.forEach((v, j) => {
        const code = lookups[j].get(v);
        if (code === undefined) {
          if (this.params.handleUnknown === 'error')
            throw new ValueError(
              `OneHotEncoder.transform: unknown category ${JSON.stringify(v)} in column ${j} (row ${i}); use handleUnknown: 'ignore' to encode it as zeros.`,
            );
          return;
        }
        out[offsets[j] + code] = 1;
      });
      return out;
    });
  }

  fitTransform(X: MatrixLike | CategoricalMatrix): number[][] {
    return this.fit(X).transform(X);
  }

  /** Decodes one-hot rows back to categories (an all-zero block gives null, as with unknowns). */
  inverseTransform(X: MatrixLike): (Label | null)[][] {
    const s = this.fitted('inverseTransform()');
    const m = toMatrix('OneHotEncoder.inverseTransform', X);
    const width = s.categories.reduce((a, c) => a + c.length, 0);
    if (m.cols !== width)
      throw new ShapeError(`OneHotEncoder.inverseTransform: 'X' has ${m.cols} columns, expected ${width}.`);
    return Array.from({ length: m.rows }, (_, i) => {
      let off = 0;
      return s.categories.map((cats) => {
        let best = -1;
        for (let c = 0; c < cats.length; c++) if (m.data[i * m.cols + off + c] > 0 && best < 0) best = c;
        off += cats.length;
        return best < 0 ? null : cats[best];
      });
    });
  }
}
