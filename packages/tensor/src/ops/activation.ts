import { floatResult } from '../dtype';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { record, runKernel } from '../tensor';
import { add, div, erf, exp, gt, mul, neg, sub, where } from './elementwise';

function activation(
  name: string,
  op: 'sigmoid' | 'tanh' | 'relu' | 'gelu' | 'geluTanh' | 'silu' | 'softplus',
  x: Tensor,
  derivative: (x: Tensor, y: Tensor) => Tensor,
): Tensor {
  const dtype = floatResult(x.dtype);
  const y = runKernel('unary', [x], (k, [a]) => k(a, op, dtype), x.shape, dtype);
  return record(y, name, [x], (g) => [mul(g, derivative(x, y))]);
}

/** The logistic function 1 / (1 + exp(-x)), computed without overflow. */
export const sigmoid = (x: Tensor): Tensor =>
  activation('SigmoidBackward', 'sigmoid', x, (_, y) => mul(y, sub(1, y)));

/** Hyperbolic tangent. */
export const tanh = (x: Tensor): Tensor => activation('TanhBackward', 'tanh', x, (_, y) => sub(1, mul(y, y)));

/** max(x, 0); the gradient at 0 is 0, as in PyTorch. */
export const relu = (x: Tensor): Tensor =>
  activation('ReluBackward', 'relu', x, (_, y) => where(gt(y, 0), 1, 0));

/** SiLU / swish: x * sigmoid(x). */
export const silu = (x: Tensor): Tensor =>
  activation('SiluBackward', 'silu', x, (t) => {
    const s = sigmoidOf(t);
    return mul(s, add(1, mul(t, sub(1, s))));
  });

function sigmoidOf(x: Tensor): Tensor {
  return runKernel('unary', [x], (k, [a]) => k(a, 'sigmoid', x.dtype), x.shape, x.dtype);
}

export interface GeluOptions {
  /** `'none'` (exact, x * Phi(x)) or `'tanh'` (the Hendrycks & Gimpel approximation GPT-2 uses). */
  approximate?: 'none' | 'tanh';
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** GELU (https://arxiv.org/abs/1606.08415): x * Phi(x), or its tanh approximation. */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate === 'none') {
    // d/dx x*Phi(x) = Phi(x) + x * phi(x)
    return activation('GeluBackward', 'gelu', x, (t) => {
      const cdf = mul(add(erf(mul(t, Math.SQRT1_2)), 1), 0.5);
      const pdf = mul(exp(mul(mul(t, t), -0.5)), INV_SQRT_2PI);
      return add(cdf, mul(t, pdf));
    });
  }
  if (approximate === 'tanh') {
    return activation('GeluBackward', 'geluTanh', x, (t) => {
      const inner = mul(add(t, mul(mul(mul(t, t), t), 0.044715)), SQRT_2_OVER_PI);
      const th = runKernel('unary', [inner], (k, [a]) => k(a, 'tanh', inner.dtype), inner.shape, inner.dtype);
      const dInner = mul(add(mul(mul(t, t), 3 * 0.044715), 1), SQRT_2_OVER_PI);
      return add(mul(add(th, 1), 0.5), mul(mul(mul(t, sub(1, mul(th, th))), dInner), 0.5));
    });
  }
  throw new ValueError(`gelu: 'approximate' must be 'none' or 'tanh', got ${String(approximate)}.`);
}

export interface SoftplusOptions {
  /** Sharpness: softplus(x) = log(1 + exp(beta * x)) / beta. Default 1. */
  beta?: number;
  /** Above `beta * x > threshold` the result is x itself (linear regime). Default 20. */
  threshold?: number;
}

/** Smooth ReLU log(1 + exp(beta * x)) / beta, linear above the threshold as in PyTorch. */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  const beta = options.beta ?? 1;
  const threshold = options.threshold ?? 20;
  if (!(beta > 0)) throw new ValueError(`softplus: 'beta' must be positive, got ${beta}.`);
  if (beta === 1 && threshold === 20) {
    return activation('SoftplusBackward', 'softplus', x, (t) => where(gt(t, 20), 1, sigmoidOf(t)));
  }
  const bx = mul(x, beta);
  const soft = div(logOnePlusExp(bx), beta);
  return where(gt(bx, threshold), x, soft);
}

/** log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)), stable for any x and differentiable by composition. */
function logOnePlusExp(x: Tensor): Tensor {
  const pos = where(gt(x, 0), x, 0);
  const negAbs = neg(where(gt(x, 0), x, neg(x)));
  return add(pos, exp(negAbs).log1p());
}
