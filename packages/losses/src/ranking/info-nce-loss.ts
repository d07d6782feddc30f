import { add, arange, div, matmul, mul, ShapeError, type Tensor, transpose } from '@llm/tensor';
import { crossEntropy } from '../classification/cross-entropy';
import { normalizeRows } from '../internal/distance';
import { checkReduction } from '../internal/reduction';
import { checkBoolean, checkFloat, checkNumber, checkOptions, fmt } from '../internal/validate';
import type { ReductionOptions } from '../reduction';

export interface InfoNceLossOptions extends ReductionOptions {
  /** Divides the similarities: smaller is sharper. Default 0.07 (CLIP's initial value; SimCSE uses 0.05). */
  temperature?: number;
  /** Averages the query-to-key and key-to-query losses, as CLIP does. Default false. */
  symmetric?: boolean;
  /** Compares cosine similarities (L2-normalised rows, default true) instead of raw dot products. */
  normalize?: boolean;
}

/**
 * InfoNCE with in-batch negatives (van den Oord et al. 2018; SimCLR, SimCSE, CLIP): row i of `query`
 * [N, D] should match row i of `key` [N, D] among all N keys, `l_i = -log softmax(q_i . K^T / t)_i`.
 * `'none'` gives the N per-pair losses (averaged over both directions when `symmetric`).
 */
export function infoNceLoss(query: Tensor, key: Tensor, options: InfoNceLossOptions = {}): Tensor {
  const op = 'infoNceLoss';
  checkOptions(op, options, ['reduction', 'temperature', 'symmetric', 'normalize']);
  checkFloat(op, 'query', query);
  checkFloat(op, 'key', key);
  if (query.ndim !== 2)
    throw new ShapeError(`${op}: 'query' must have shape [N, D], got ${fmt(query.shape)}.`);
  if (key.ndim !== 2 || key.shape[0] !== query.shape[0] || key.shape[1] !== query.shape[1]) {
    throw new ShapeError(
      `${op}: 'key' must have shape ${fmt(query.shape)} to match 'query' ${fmt(query.shape)}, got ${fmt(key.shape)}.`,
    );
  }
  const reduction = checkReduction(op, options.reduction);
  const temperature = checkNumber(
    op,
    'temperature',
    options.temperature,
    0.07,
    (v) => v > 0 && v < Infinity,
    'a positive number',
  );
  const symmetric = checkBoolean(op, 'symmetric', options.symmetric, false);
  const normalize = checkBoolean(op, 'normalize', options.normalize, true);
  const q = normalize ? normalizeRows(query) : query;
  const k = normalize ? normalizeRows(key) : key;
  const logits = div(matmul(q, transpose(k, 0, 1)), temperature); // (N, N)
  const labels = arange(0, query.shape[0], 1, { dtype: 'int32' });
  const forward = crossEntropy(logits, labels, { reduction });
  if (!symmetric) return forward;
  const backward = crossEntropy(transpose(logits, 0, 1), labels, { reduction });
  return mul(add(forward, backward), 0.5);
}
