import { abs, exp, log, log1p, minimum, mul, neg, sub, type Tensor, where } from '@llm/tensor';

/**
 * log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)): never overflows, so logits of ±1e4 stay finite.
 * At x = 0 `minimum`'s tie rule gives the gradient 1/2, which is exactly 1 - sigmoid(0).
 */
export function logSigmoid(x: Tensor): Tensor {
  return sub(minimum(x, 0), log1p(exp(neg(abs(x)))));
}

/**
 * x * log(y) with 0 * log(0) = 0, for y >= 0. Where y = 0 the product runs on log(1) instead, so no
 * 0 * -inf reaches a gradient (a probability that underflowed to 0 must not turn gradients into NaN).
 */
export function xlogy(x: Tensor, y: Tensor): Tensor {
  const positive = y.gt(0);
  const product = mul(x, log(where(positive, y, 1)));
  return where(positive, product, where(x.eq(0), 0, Number.NEGATIVE_INFINITY));
}
