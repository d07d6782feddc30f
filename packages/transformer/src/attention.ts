import { dropout } from '@llm/nn';
import { type Generator, matmul, ShapeError, softmax, type Tensor, tensor, ValueError } from '@llm/tensor';

export interface AttentionOptions {
  /**
   * Bool mask broadcastable to (..., Tq, Tk) where `true` means "may attend" (PyTorch's
   * `scaled_dot_product_attention` convention), or a float mask added to the scores.
   */
  mask?: Tensor | null;
  /** Causal masking: query i (at absolute position Tk - Tq + i) sees keys 0..Tk - Tq + i. */
  causal?: boolean;
  /** Dropout probability on the attention weights (only when `training`). */
  dropout?: number;
  training?: boolean;
  generator?: Generator;
  /** Scale of the scores; 1/sqrt(headDim) by default. */
  scale?: number;
}

export interface AttentionResult {
  /** (..., Tq, Dv) */
  output: Tensor;
  /** (..., Tq, Tk): the softmax weights, before dropout. */
  weights: Tensor;
}

/** A (Tq, Tk) bool mask letting query i see keys up to its absolute position when Tq queries follow Tk - Tq cached ones. */
export function causalMask(tq: number, tk: number): Tensor {
  const data = new Uint8Array(tq * tk);
  const offset = tk - tq;
  for (let i = 0; i < tq; i++) for (let j = 0; j <= Math.min(i + offset, tk - 1); j++) data[i * tk + j] = 1;
  return tensor(data, { shape: [tq, tk], dtype: 'bool' });
}

/**
 * softmax(Q K^T * scale + mask) V (Vaswani et al. 2017, https://arxiv.org/abs/1706.03762).
 * Shapes: q (..., Tq, D), k (..., Tk, D), v (..., Tk, Dv) -> output (..., Tq, Dv).
 */
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions = {},
): AttentionResult {
  const d = q.shape[q.ndim - 1];
  if (k.shape[k.ndim - 1] !== d) {
    throw new ShapeError(
      `scaledDotProductAttention: 'key' [${k.shape.join(', ')}] must have head size ${d} like 'query' [${q.shape.join(', ')}].`,
    );
  }
  if (k.shape[k.ndim - 2] !== v.shape[v.ndim - 2]) {
    throw new ShapeError(
      `scaledDotProductAttention: 'value' [${v.shape.join(', ')}] must have as many positions as 'key' [${k.shape.join(', ')}].`,
    );
  }
  const tq = q.shape[q.ndim - 2];
  const tk = k.shape[k.ndim - 2];
  let scores = matmul(q, k.transpose(-2, -1)).mul(options.scale ?? 1 / Math.sqrt(d)); // (..., Tq, Tk)
  if (options.causal) {
    if (tq > tk)
      throw new ValueError(
        `scaledDotProductAttention: causal attention needs Tq <= Tk, got ${tq} and ${tk}.`,
      );
    scores = scores.maskedFill(causalMask(tq, tk).logicalNot(), Number.NEGATIVE_INFINITY);
  }
  const mask = options.mask;
  if (mask) {
    scores =
      mask.dtype === 'bool'
        ? scores.maskedFill(mask.logicalNot(), Number.NEGATIVE_INFINITY)
        : scores.add(mask);
  }
  const weights = softmax(scores, -1);
  const p = options.dropout ?? 0;
  const dropped = p > 0 && options.training ? dropout(weights, p, true, options.generator) : weights;
  return { output: matmul(dropped, v), weights };
}
