import { compareCodePoints } from './python';
import type { Label } from './validate';

/** Orders labels as NumPy's `np.unique` does: numbers ascending, strings by code point. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareCodePoints(String(a), String(b));
}

/** The sorted union of the labels in every array (scikit-learn's `unique_labels`). */
export function uniqueLabels(...arrays: ReadonlyArray<readonly Label[]>): Label[] {
  const seen = new Set<Label>();
  for (const arr of arrays) for (const v of arr) seen.add(v);
  return [...seen].sort(compareLabels);
}

/** Formats a label the way Python's `str()` prints it in reports and messages. */
export function labelToString(label: Label): string {
  if (typeof label === 'string') return label;
  return Number.isInteger(label) ? String(label) : pyFloatRepr(label);
}

function pyFloatRepr(x: number): string {
  const s = String(x);
  return s.includes('e') || s.includes('.') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : `${s}.0`;
}
