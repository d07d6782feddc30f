import type { BinaryOp, DType, UnaryOp } from '@llm/tensor';
import { broadcastStrides, decompose, isNaNExpr, kernelSource, lit, offset, sizeOf } from '../codegen';
import type { KernelSpec } from '../device';

// Multi-step ops are written as straight-line statements in the kernel body rather than helper
// functions: gpu.js cannot trace a helper that declares locals and then reads its parameter.
// Constants and formulas mirror @llm/tensor's cpu math (see its internal/math.ts).

/**
 * erfc of `z` into `out` with fractional error < 1.2e-7 everywhere (Numerical Recipes' erfcc, a
 * Chebyshev fit), so GELU's tails keep their relative accuracy where 1 - erf(x) would cancel.
 */
function erfc(z: string, out: string): string[] {
  return [
    `const ${out}t = 1 / (1 + 0.5 * Math.abs(${z}));`,
    `const ${out}a = ${out}t * Math.exp(0 - ${z} * ${z} - 1.26551223 + ${out}t * (1.00002368 + ${out}t * (0.37409196 + ${out}t * (0.09678418 + ${out}t * (-0.18628806 + ${out}t * (0.27886807 + ${out}t * (-1.13520398 + ${out}t * (1.48851587 + ${out}t * (-0.82215223 + ${out}t * 0.17087277)))))))));`,
    `const ${out} = ${z} >= 0 ? ${out}a : 2 - ${out}a;`,
  ];
}

/** erf of `x` into `out`: its Maclaurin series near 0 (where 1 - erfc loses digits), 1 - erfc elsewhere. */
function erf(x: string, out: string): string[] {
  return [
    `const ${out}x2 = ${x} * ${x};`,
    `let ${out}term = ${x};`,
    `let ${out}sum = ${x};`,
    'for (let n = 1; n < 12; n++) {',
    `  ${out}term = ${out}term * (0 - ${out}x2) / n;`,
    `  ${out}sum = ${out}sum + ${out}term / (2 * n + 1);`,
    '}',
    ...erfc(x, `${out}c`),
    `const ${out} = Math.abs(${x}) < 0.5 ? 1.1283791670955126 * ${out}sum : 1 - ${out}c;`,
  ];
}

/** The logistic function of `x` into `out`, with exp() only of non-positive values. */
function sigmoid(x: string, out: string): string[] {
  return [
    `const ${out}e = Math.exp(0 - Math.abs(${x}));`,
    `const ${out} = ${x} >= 0 ? 1 / (1 + ${out}e) : ${out}e / (1 + ${out}e);`,
  ];
}

/**
 * sin (or cos, `shift` = 1 quarter turn) of `x` into `out`, accurate to ~1e-7 on any driver: Cody-Waite
 * reduction by pi/2 (pi/2 split in three float32-exact parts) and Taylor polynomials on [-pi/4, pi/4].
 * Shader sin/cos are only approximately specified (SwiftShader's are off by 2e-5 near 3).
 */
function sinCos(x: string, out: string, shift: 0 | 1): string[] {
  return [
    `const ${out}k = Math.floor(${x} * ${lit(2 / Math.PI)} + 0.5);`,
    `const ${out}r = ((${x} - ${out}k * 1.5703125) - ${out}k * ${lit(4.837512969970703e-4)}) - ${out}k * ${lit(7.549789954891882e-8)};`,
    `const ${out}r2 = ${out}r * ${out}r;`,
    `const ${out}s = ${out}r + ${out}r * ${out}r2 * (${lit(-1 / 6)} + ${out}r2 * (${lit(1 / 120)} + ${out}r2 * (${lit(-1 / 5040)} + ${out}r2 * ${lit(1 / 362880)})));`,
    `const ${out}c = 1 + ${out}r2 * (-0.5 + ${out}r2 * (${lit(1 / 24)} + ${out}r2 * (${lit(-1 / 720)} + ${out}r2 * ${lit(1 / 40320)})));`,
    `const ${out}q = ${out}k + ${shift} - 4 * Math.floor((${out}k + ${shift}) * 0.25);`,
    `const ${out} = ${out}q === 0 ? ${out}s : (${out}q === 1 ? ${out}c : (${out}q === 2 ? 0 - ${out}s : 0 - ${out}c));`,
  ];
}

/** tanh that saturates to +-1 past |x| = 10 (as float32 does) instead of overflowing exp() on GL. */
const tanh = (x: string) => `Math.tanh(Math.min(Math.max(${x}, -10), 10))`;

const SQRT1_2 = lit(Math.SQRT1_2);
const INV_SQRT_2PI = lit(1 / Math.sqrt(2 * Math.PI));
const GELU_TANH_C = lit(Math.sqrt(2 / Math.PI));
const FLT_MAX = lit(3.4028234663852886e38);

/** Each unary op as statements ending in an expression of the float `x` (a bare string: no statements). */
const UNARY: Record<UnaryOp, (x: string) => string | { lines: string[]; expr: string }> = {
  neg: (x) => `0 - ${x}`,
  exp: (x) => `Math.exp(${x})`,
  expm1: (x) => `Math.expm1(${x})`,
  // Shader log() of 0 or a negative is driver-defined (SwiftShader: log(0) = -88, log(-1) = 0):
  // spell out -Infinity (a runtime 1/0) and NaN (sqrt of a negative) as the cpu gives them.
  log: (x) => `(${x} > 0 ? Math.log(${x}) : (${x} === 0 ? -1 / (${x} - ${x}) : Math.sqrt(-1 - ${x} * ${x})))`,
  log1p: (x) =>
    `(${x} > -1 ? Math.log1p(${x}) : (${x} === -1 ? -1 / (${x} - ${x}) : Math.sqrt(-1 - ${x} * ${x})))`,
  sqrt: (x) => `Math.sqrt(${x})`,
  rsqrt: (x) => `1 / Math.sqrt(${x})`,
  abs: (x) => `Math.abs(${x})`,
  sign: (x) => `(${x} > 0 ? 1 : (${x} < 0 ? -1 : 0))`,
  sin: (x) => ({ lines: sinCos(x, 'sn', 0), expr: 'sn' }),
  cos: (x) => ({ lines: sinCos(x, 'cs', 1), expr: 'cs' }),
  tanh: (x) => tanh(x),
  sigmoid: (x) => ({ lines: sigmoid(x, 'sg'), expr: 'sg' }),
  relu: (x) => `(${x} > 0 ? ${x} : 0)`,
  erf: (x) => ({ lines: erf(x, 'ef'), expr: 'ef' }),
  gelu: (x) => ({ lines: erfc(`(0 - ${x}) * ${SQRT1_2}`, 'ec'), expr: `0.5 * ${x} * ec` }),
  geluTanh: (x) => `0.5 * ${x} * (1 + ${tanh(`${GELU_TANH_C} * (${x} + 0.044715 * ${x} * ${x} * ${x})`)})`,
  geluGrad: (x) => ({
    lines: erfc(`(0 - ${x}) * ${SQRT1_2}`, 'ec'),
    expr: `0.5 * ec + ${x} * ${INV_SQRT_2PI} * Math.exp(-0.5 * ${x} * ${x})`,
  }),
  geluTanhGrad: (x) => ({
    lines: [`const th = ${tanh(`${GELU_TANH_C} * (${x} + 0.044715 * ${x} * ${x} * ${x})`)};`],
    expr: `0.5 * (1 + th) + 0.5 * ${x} * (1 - th * th) * ${GELU_TANH_C} * (1 + 3 * 0.044715 * ${x} * ${x})`,
  }),
  silu: (x) => ({ lines: sigmoid(x, 'sg'), expr: `${x} * sg` }),
  softplus: (x) => `(${x} > 20 ? ${x} : Math.log(1 + Math.exp(Math.min(${x}, 20))))`,
  reciprocal: (x) => `1 / ${x}`,
  square: (x) => `${x} * ${x}`,
  floor: (x) => `Math.floor(${x})`,
  ceil: (x) => `Math.ceil(${x})`,
  // Round half to even, as torch.round.
  round: (x) => ({
    lines: [`const rn = Math.floor(${x} + 0.5);`],
    expr: `(rn - ${x} === 0.5 && rn - 2 * Math.floor(rn * 0.5) !== 0 ? rn - 1 : rn)`,
  }),
  logicalNot: (x) => `(${x} === 0 ? 1 : 0)`,
  isnan: (x) => `(${isNaNExpr(x)} ? 1 : 0)`,
  isinf: (x) => `(Math.abs(${x}) > ${FLT_MAX} ? 1 : 0)`,
};

/** Each binary op as a kernel expression of the floats `a` and `b`. */
const BINARY: Record<BinaryOp, (a: string, b: string) => string> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  // GLSL leaves pow() of a negative base undefined: take |a| and restore the sign for odd integer b.
  pow: (a, b) =>
    `(${b} === 0 ? 1 : (${a} < 0 && Math.floor(${b}) === ${b} ? ` +
    `(${b} - 2 * Math.floor(${b} * 0.5) !== 0 ? 0 - Math.pow(0 - ${a}, ${b}) : Math.pow(0 - ${a}, ${b})) : Math.pow(${a}, ${b})))`,
  // NaN propagates through maximum/minimum, as in PyTorch.
  maximum: (a, b) => `(${a} > ${b} || ${isNaNExpr(a)} ? ${a} : ${b})`,
  minimum: (a, b) => `(${a} < ${b} || ${isNaNExpr(a)} ? ${a} : ${b})`,
  eq: (a, b) => `(${a} === ${b} ? 1 : 0)`,
  ne: (a, b) => `(${a} !== ${b} ? 1 : 0)`,
  lt: (a, b) => `(${a} < ${b} ? 1 : 0)`,
  le: (a, b) => `(${a} <= ${b} ? 1 : 0)`,
  gt: (a, b) => `(${a} > ${b} ? 1 : 0)`,
  ge: (a, b) => `(${a} >= ${b} ? 1 : 0)`,
  logicalAnd: (a, b) => `(${a} !== 0 && ${b} !== 0 ? 1 : 0)`,
  logicalOr: (a, b) => `(${a} !== 0 || ${b} !== 0 ? 1 : 0)`,
};

/**
 * The value stored for `outDtype`: int32 truncates toward zero and bool is `!= 0`, as the cpu
 * backend's typed arrays do on assignment, so later kernels see what the CPU would.
 */
export function storeAs(outDtype: DType, expr: string): string[] {
  if (outDtype === 'int32') return [`const y = ${expr};`, 'return y < 0 ? Math.ceil(y) : Math.floor(y);'];
  if (outDtype === 'bool') return [`const y = ${expr};`, 'return y !== 0 ? 1 : 0;'];
  return [`return ${expr};`];
}

/** Builds a kernel whose body reads each input broadcast to `outShape` as a local, then `expr`. */
export function broadcastSpec(
  name: string,
  inputs: readonly (readonly number[])[],
  outShape: readonly number[],
  expr: (vars: string[]) => string | { lines: string[]; expr: string },
  outDtype: DType,
): KernelSpec {
  const { lines, coords } = decompose(outShape, 'i', 'c');
  const vars = inputs.map((_, k) => `v${k}`);
  const reads = inputs.map((shape, k) => {
    const same = shape.length === outShape.length && shape.every((d, j) => d === outShape[j]);
    const at = same ? 'i' : sizeOf(shape) === 1 ? '0' : offset(coords, broadcastStrides(shape, outShape));
    return `const ${vars[k]} = a${k}[${at}];`;
  });
  const e = expr(vars);
  const steps = typeof e === 'string' ? { lines: [], expr: e } : e;
  const usesCoords = reads.some((r) => /\bc\d|\bcr\d/.test(r));
  const body = [...(usesCoords ? lines : []), ...reads, ...steps.lines, ...storeAs(outDtype, steps.expr)];
  return { name, source: kernelSource(inputs.length, body), size: sizeOf(outShape) };
}

/** `op(x)` elementwise. */
export function unarySpec(shape: readonly number[], op: UnaryOp, outDtype: DType): KernelSpec {
  return broadcastSpec('unary', [shape], shape, ([x]) => UNARY[op](x), outDtype);
}

/** `min(max(x, lo), hi)`; the upper bound wins when `lo > hi`, as in torch.clamp. */
export function clampSpec(shape: readonly number[], lo: number, hi: number, dtype: DType): KernelSpec {
  return broadcastSpec(
    'clamp',
    [shape],
    shape,
    ([x]) => {
      let e = x;
      if (lo !== Number.NEGATIVE_INFINITY) e = `Math.max(${e}, ${lit(lo)})`;
      if (hi !== Number.POSITIVE_INFINITY) e = `Math.min(${e}, ${lit(hi)})`;
      return e;
    },
    dtype,
  );
}

/** `op(a, b)` with NumPy broadcasting to `outShape`. */
export function binarySpec(
  aShape: readonly number[],
  bShape: readonly number[],
  op: BinaryOp,
  outShape: readonly number[],
  outDtype: DType,
): KernelSpec {
  return broadcastSpec('binary', [aShape, bShape], outShape, ([a, b]) => BINARY[op](a, b), outDtype);
}

/** `cond != 0 ? a : b` with broadcasting of all three. */
export function whereSpec(
  shapes: readonly [readonly number[], readonly number[], readonly number[]],
  outShape: readonly number[],
  outDtype: DType,
): KernelSpec {
  return broadcastSpec('where', shapes, outShape, ([c, a, b]) => `(${c} !== 0 ? ${a} : ${b})`, outDtype);
}

/** Conversion to `dtype`: float to int32 truncates toward zero; to bool is `!= 0`. */
export function castSpec(shape: readonly number[], dtype: DType): KernelSpec {
  return broadcastSpec('cast', [shape], shape, ([x]) => x, dtype);
}
