import { hasKernel } from '../backend';
import { isFloat } from '../dtype';
import { ShapeError, ValueError } from '../errors';
import { fmt, sizeOf } from '../internal/shape';
import { record, runKernel, type Tensor } from '../tensor';
import { add, mul, rsqrt, square, sub } from './elementwise';
import { mean } from './reduce';
import { narrow, reshape } from './shape';

function checkAffine(name: 'weight' | 'bias', p: Tensor | null, x: Tensor, shape: readonly number[]): void {
  if (!p) return;
  if (p.shape.join() !== shape.join())
    throw new ShapeError(
      `layerNorm: '${name}' must have shape ${fmt(shape)} to match 'normalizedShape', got ${fmt(p.shape)}.`,
    );
  if (p.dtype !== x.dtype)
    throw new ValueError(`layerNorm: '${name}' must have dtype ${x.dtype} to match 'input', got ${p.dtype}.`);
}

function checkArgs(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): number[] {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d <= 0))
    throw new ValueError(`layerNorm: 'normalizedShape' must hold positive integers, got ${fmt(shape)}.`);
  if (!isFloat(x.dtype))
    throw new ValueError(`layerNorm: 'input' must be a float tensor, got dtype ${x.dtype}.`);
  const tail = x.shape.slice(Math.max(x.ndim - shape.length, 0));
  if (x.ndim < shape.length || tail.join() !== shape.join())
    throw new ShapeError(
      `layerNorm: 'input' ${fmt(x.shape)} must end in 'normalizedShape' ${fmt(shape)}, got trailing ${fmt(tail)}.`,
    );
  checkAffine('weight', weight, x, shape);
  checkAffine('bias', bias, x, shape);
  if (!Number.isFinite(eps) || eps < 0)
    throw new ValueError(`layerNorm: 'eps' must be a finite number >= 0, got ${eps}.`);
  return shape;
}

/** The composition every backend runs natively: mean, centre, biased variance, rsqrt, scale, shift. */
function composedLayerNorm(
  x: Tensor,
  dims: number[],
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const centered = sub(x, mean(x, dims, true));
  const variance = mean(square(centered), dims, true);
  let y = mul(centered, rsqrt(add(variance, eps)));
  if (weight) y = mul(y, weight);
  if (bias) y = add(y, bias);
  return y;
}

/**
 * Layer normalisation over the trailing `normalizedShape` dims (Ba et al., 2016,
 * https://arxiv.org/abs/1607.06450), like `torch.nn.functional.layer_norm`:
 * y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias, with the biased variance; `weight` and `bias`
 * have shape `normalizedShape`, y has x's shape and dtype (float32 or float64).
 *
 * One graph node: on a backend with the fused kernels (`cpu`, `wasm`) the forward is one kernel and
 * the backward is closed-form (dx = rstd * (g - mean(g) - x̂ * mean(g * x̂)) with g = dy * weight;
 * dweight = Σ dy * x̂, dbias = Σ dy over the leading dims). Other backends (e.g. WebGPU) run the same
 * math as primitive ops, whose gradients autograd chains.
 *
 * @example
 * const x = randn([4, 10, 32]);
 * const y = layerNorm(x, [32], ones([32]), zeros([32])); // (4, 10, 32), each row mean 0, var 1
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  const shape = checkArgs(x, normalizedShape, weight, bias, eps);
  if (!(hasKernel('layerNorm') && hasKernel('layerNormBackward') && hasKernel('layerNormParamGrad'))) {
    const dims = shape.map((_, i) => x.ndim - shape.length + i);
    return composedLayerNorm(x, dims, weight, bias, eps);
  }
  const cols = sizeOf(shape);
  const inputs = [x, weight, bias].filter((t): t is Tensor => t !== null);
  const y = runKernel(
    'layerNorm',
    inputs,
    (k, [a, ...affine]) => k!(a, weight ? affine[0] : null, bias ? affine[weight ? 1 : 0] : null, cols, eps),
    x.shape,
    x.dtype,
  );
  return record(y, 'LayerNormBackward', inputs, (dy) => {
    const dx = x.requiresGrad
      ? runKernel(
          'layerNormBackward',
          weight ? [x, weight, dy] : [x, dy],
          (k, xs) => k!(xs[0], weight ? xs[1] : null, xs[xs.length - 1], cols, eps),
          x.shape,
          x.dtype,
        )
      : null;
    const grads: (Tensor | null)[] = [dx];
    if (weight?.requiresGrad || bias?.requiresGrad) {
      // Row 0: Σ dy * x̂ (weight), row 1: Σ dy (bias), over every leading position.
      const both = runKernel(
        'layerNormParamGrad',
        [x, dy],
        (k, [a, g]) => k!(a, g, cols, eps),
        [2, cols],
        x.dtype,
      );
      if (weight) grads.push(weight.requiresGrad ? reshape(narrow(both, 0, 0, 1), shape) : null);
      if (bias) grads.push(bias.requiresGrad ? reshape(narrow(both, 0, 1, 1), shape) : null);
    } else {
      if (weight) grads.push(null);
      if (bias) grads.push(null);
    }
    return grads;
  });
}
