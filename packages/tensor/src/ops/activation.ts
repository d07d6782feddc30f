import type { UnaryOp } from '../backend';
import { floatResult } from '../dtype';
import { ValueError } from '../errors';
import type { Tensor } from '../tensor';
import { record, runKernel } from '../tensor';
import { add, div, exp, gt, mul, neg, sub, where } from './elementwise';

function activation(
  name: string,
  op: UnaryOp,
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

/** GELU (https://arxiv.org/abs/1606.08415): x * Phi(x), or its tanh approximation. */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ValueError(`gelu: 'approximate' must be 'none' or 'tanh', got ${String(approximate)}.`);
  }
  const [op, grad] =
    approximate === 'none' ? (['gelu', 'geluGrad'] as const) : (['geluTanh', 'geluTanhGrad'] as const);
  // The derivative is one fused kernel: composing it from tanh/mul/add costs ~10 passes over the data.
  return activation('GeluBackward', op, x, (t) =>
    runKernel('unary', [t], (k, [a]) => k(a, grad, t.dtype), t.shape, t.dtype),
  );
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
