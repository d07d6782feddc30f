import { ValueError } from '../errors';
import { encodeLabels, type Label } from '../internal/labels';

/**
 * Encodes labels as 0..nClasses−1 in sklearn's class order (numbers ascending, strings by code
 * unit), like sklearn's LabelEncoder. It works on a 1-D label array, so it is not an `Estimator`, but
 * it has the same `fit` / `toJSON` / `fromJSON` shape.
 *
 * @example
 * new LabelEncoder().fit(['b', 'a', 'c']).transform(['c', 'a']); // [2, 0]
 */
export class LabelEncoder {
  private state: { classes: Label[] } | null = null;

  fit(y: readonly Label[]): this {
    this.state = { classes: encodeLabels('LabelEncoder.fit', y, y.length).classes };
    return this;
  }

  private fitted(what: string): { classes: Label[] } {
    if (!this.state) throw new ValueError(`LabelEncoder: call fit() before ${what}.`);
    return this.state;
  }

  /** The distinct labels, sorted; a label's code is its position here. */
  get classes(): Label[] {
    return [...this.fitted('reading classes').classes];
  }

  transform(y: readonly Label[]): number[] {
    const { classes } = this.fitted('transform()');
    const lookup = new Map(classes.map((c, i) => [c, i]));
    return y.map((v, i) => {
      const code = lookup.get(v);
      if (code === undefined)
        throw new ValueError(
          `LabelEncoder.transform: 'y' has the unseen label ${JSON.stringify(v)} at index ${i}.`,
        );
      return code;
    });
  }

  fitTransform(y: readonly Label[]): number[] {
    return this.fit(y).transform(y);
  }

  inverseTransform(codes: readonly number[]): Label[] {
    const { classes } = this.fitted('inverseTransform()');
    return codes.map((c, i) => {
      if (!Number.isInteger(c) || c < 0 || c >= classes.length)
        throw new ValueError(
          `LabelEncoder.inverseTransform: code ${c} at index ${i} is not in [0, ${classes.length - 1}].`,
        );
      return classes[c];
    });
  }

  toJSON(): {
    type: 'LabelEncoder';
    version: 1;
    params: Record<string, never>;
    state: { classes: Label[] } | null;
  } {
    return {
      type: 'LabelEncoder',
      version: 1,
      params: {},
      state: this.state ? structuredClone(this.state) : null,
    };
  }

  static fromJSON(json: unknown): LabelEncoder {
    const obj = (typeof json === 'string' ? JSON.parse(json) : json) as {
      type?: string;
      state?: { classes: Label[] };
    };
    if (obj?.type !== 'LabelEncoder')
      throw new ValueError("LabelEncoder.fromJSON: the JSON does not hold a 'LabelEncoder'.");
    const enc = new LabelEncoder();
    enc.state = obj.state ? structuredClone(obj.state) : null;
    return enc;
  }
}
