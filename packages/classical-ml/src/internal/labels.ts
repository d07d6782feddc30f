import { ShapeError, ValueError } from '../errors';

export type Label = number | string;

/** Class labels in sklearn's order (np.unique: numbers ascending, or strings by code unit) and each sample's class index. */
export interface EncodedLabels {
  classes: Label[];
  indices: Int32Array;
}

export function encodeLabels(op: string, y: readonly Label[], rows: number, minClasses = 1): EncodedLabels {
  if (!Array.isArray(y)) throw new ValueError(`${op}: 'y' must be an array of labels.`);
  if (y.length !== rows)
    throw new ShapeError(`${op}: 'y' has ${y.length} labels but 'X' has ${rows} samples.`);
  const numeric = y.every((v) => typeof v === 'number');
  const strings = y.every((v) => typeof v === 'string');
  if (!numeric && !strings) throw new ValueError(`${op}: 'y' must hold only numbers or only strings.`);
  if (numeric && y.some((v) => !Number.isFinite(v as number)))
    throw new ValueError(`${op}: 'y' must not contain NaN or infinite labels.`);
  const classes = [...new Set<Label>(y as Label[])].sort((a, b) =>
    numeric ? (a as number) - (b as number) : a < b ? -1 : a > b ? 1 : 0,
  );
  if (classes.length < minClasses) {
    throw new ValueError(
      `${op}: 'y' must contain at least ${minClasses} classes, got ${classes.length} (${classes.join(', ')}).`,
    );
  }
  const lookup = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const indices = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) indices[i] = lookup.get(y[i]) as number;
  return { classes, indices };
}
