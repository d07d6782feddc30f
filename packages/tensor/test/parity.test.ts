// Replays the PyTorch fixtures written by parity/generate.py: forward values, the gradient of
// sum(out * upstream) for every float input, and printed text.
import { readFileSync } from 'node:fs';
import {
  abs,
  add,
  argmax,
  argmin,
  cat,
  ceil,
  chunk,
  clamp,
  cos,
  type DType,
  div,
  eq,
  erf,
  exp,
  expand,
  expm1,
  flatten,
  floor,
  gather,
  ge,
  gelu,
  gt,
  indexSelect,
  isinf,
  isnan,
  layerNorm,
  le,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  logSoftmax,
  logsumexp,
  lt,
  maskedFill,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  narrow,
  ne,
  neg,
  oneHot,
  ones,
  pad,
  permute,
  pow,
  reciprocal,
  relu,
  reshape,
  round,
  rsqrt,
  scatterAdd,
  sigmoid,
  sign,
  silu,
  sin,
  slice,
  softmax,
  softplus,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  std,
  sub,
  sum,
  Tensor,
  type TensorLike,
  t,
  tanh,
  tensor,
  transpose,
  tril,
  triu,
  unsqueeze,
  variance,
  view,
  where,
} from '@llm/tensor';
import { afterAll, describe, expect, it } from 'vitest';

// ---- fixture format (see parity/generate.py) ----

type Num = number | boolean | 'nan' | 'inf' | '-inf';

interface EncodedTensor {
  shape: number[];
  dtype: DType;
  data: Num[];
  requiresGrad?: boolean;
}

interface OpCase {
  id: string;
  op: string;
  args: Record<string, unknown>;
  inputs: EncodedTensor[];
  output: EncodedTensor | EncodedTensor[];
  upstream?: EncodedTensor | EncodedTensor[];
  grads?: (EncodedTensor | null)[];
  /** A looser tolerance for this case, with the reason (see generate.py). */
  tol?: { rtol?: number; atol?: number; why: string };
  /** 'float64' when the reference was computed in float64 because torch's float32 result is inexact. */
  reference?: 'float64';
}

interface PrintCase {
  id: string;
  tensor: EncodedTensor;
  str: string;
}

const FIXTURES = new URL('../parity/fixtures/', import.meta.url);
const GROUPS = [
  'unary',
  'binary',
  'compare',
  'dtype',
  'activation',
  'reduce',
  'softmax',
  'matmul',
  'shape',
  'indexing',
  'composite',
  'normalization',
] as const;

function load<T>(name: string): { meta: { torch: string }; cases: T[] } {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));
}

function decodeValue(v: Num): number {
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(v);
}

function decode(e: EncodedTensor): Tensor {
  const values = e.data.map(decodeValue);
  const shape = e.shape;
  switch (e.dtype) {
    case 'float32':
      return tensor(Float32Array.from(values), { shape, requiresGrad: e.requiresGrad ?? false });
    case 'float64':
      return tensor(Float64Array.from(values), { shape, requiresGrad: e.requiresGrad ?? false });
    case 'int32':
      return tensor(Int32Array.from(values), { shape });
    case 'bool':
      return tensor(Uint8Array.from(values), { shape, dtype: 'bool' });
  }
}

// ---- the op table: fixture op name -> @llm/tensor call ----

type Args = Record<string, unknown>;
type OpFn = (xs: Tensor[], args: Args) => Tensor | Tensor[];

const num = (v: unknown): number => decodeValue(v as Num);
const dimArg = (a: Args): number | number[] | undefined => a.dim as number | number[] | undefined;

/** Binary op with an optional JS scalar operand (`args.scalar`, on the left when `args.lhs`). */
function binary(f: (a: TensorLike, b: TensorLike) => Tensor): OpFn {
  return ([x, y], a) => {
    if (a.scalar === undefined) return f(x, y);
    return a.lhs ? f(num(a.scalar), x) : f(x, num(a.scalar));
  };
}

const unaryOp =
  (f: (x: Tensor) => Tensor): OpFn =>
  ([x]) =>
    f(x);

const OPS: Record<string, OpFn> = {
  neg: unaryOp(neg),
  exp: unaryOp(exp),
  expm1: unaryOp(expm1),
  log: unaryOp(log),
  log1p: unaryOp(log1p),
  sqrt: unaryOp(sqrt),
  rsqrt: unaryOp(rsqrt),
  abs: unaryOp(abs),
  sign: unaryOp(sign),
  sin: unaryOp(sin),
  cos: unaryOp(cos),
  square: unaryOp(square),
  reciprocal: unaryOp(reciprocal),
  erf: unaryOp(erf),
  floor: unaryOp(floor),
  ceil: unaryOp(ceil),
  round: unaryOp(round),
  isnan: unaryOp(isnan),
  isinf: unaryOp(isinf),
  logicalNot: unaryOp(logicalNot),
  add: binary(add),
  sub: binary(sub),
  mul: binary(mul),
  div: binary(div),
  pow: binary(pow),
  maximum: binary(maximum),
  minimum: binary(minimum),
  eq: binary(eq),
  ne: binary(ne),
  lt: binary(lt),
  le: binary(le),
  gt: binary(gt),
  ge: binary(ge),
  logicalAnd: binary(logicalAnd),
  logicalOr: binary(logicalOr),
  where: ([c, x, y], a) => where(c, x, a.scalar === undefined ? y : num(a.scalar)),
  clamp: ([x], a) => clamp(x, a.min as number | undefined, a.max as number | undefined),
  sigmoid: unaryOp(sigmoid),
  tanh: unaryOp(tanh),
  relu: unaryOp(relu),
  silu: unaryOp(silu),
  gelu: ([x], a) => gelu(x, { approximate: a.approximate as 'none' | 'tanh' }),
  softplus: ([x], a) => softplus(x, { beta: a.beta as number, threshold: a.threshold as number }),
  sum: ([x], a) => sum(x, dimArg(a), (a.keepdim as boolean) ?? false),
  mean: ([x], a) => mean(x, dimArg(a), (a.keepdim as boolean) ?? false),
  max: ([x], a) => max(x, a.dim as number | undefined, (a.keepdim as boolean) ?? false),
  min: ([x], a) => min(x, a.dim as number | undefined, (a.keepdim as boolean) ?? false),
  argmax: ([x], a) => argmax(x, a.dim as number | undefined, (a.keepdim as boolean) ?? false),
  argmin: ([x], a) => argmin(x, a.dim as number | undefined, (a.keepdim as boolean) ?? false),
  var: ([x], a) => variance(x, dimArg(a), varOptions(a)),
  std: ([x], a) => std(x, dimArg(a), varOptions(a)),
  logsumexp: ([x], a) => logsumexp(x, dimArg(a)!, (a.keepdim as boolean) ?? false),
  softmax: ([x], a) => softmax(x, a.dim as number),
  logSoftmax: ([x], a) => logSoftmax(x, a.dim as number),
  matmul: ([x, y]) => matmul(x, y),
  reshape: ([x], a) => reshape(x, a.shape as number[]),
  view: ([x], a) => view(x, a.shape as number[]),
  flatten: ([x], a) => flatten(x, a.startDim as number | undefined, a.endDim as number | undefined),
  squeeze: ([x], a) => squeeze(x, a.dim as number | undefined),
  unsqueeze: ([x], a) => unsqueeze(x, a.dim as number),
  expand: ([x], a) => expand(x, a.shape as number[]),
  permute: ([x], a) => permute(x, a.dims as number[]),
  transpose: ([x], a) => transpose(x, a.dim0 as number, a.dim1 as number),
  t: ([x]) => t(x),
  cat: (xs, a) => cat(xs, a.dim as number),
  stack: (xs, a) => stack(xs, a.dim as number),
  split: ([x], a) => split(x, a.splitSize as number | number[], a.dim as number | undefined),
  chunk: ([x], a) => chunk(x, a.chunks as number, a.dim as number | undefined),
  narrow: ([x], a) => narrow(x, a.dim as number, a.start as number, a.length as number),
  slice: ([x], a) => slice(x, a.dim as number, a.start as number, a.end as number),
  pad: ([x], a) => pad(x, a.pad as number[], a.value === undefined ? 0 : num(a.value)),
  gather: ([x, i], a) => gather(x, a.dim as number, i),
  scatterAdd: ([x, i, s], a) => scatterAdd(x, a.dim as number, i, s),
  indexSelect: ([x, i], a) => indexSelect(x, a.dim as number, i),
  maskedFill: ([x, m], a) => maskedFill(x, m, num(a.value)),
  tril: ([x], a) => tril(x, a.diagonal as number | undefined),
  triu: ([x], a) => triu(x, a.diagonal as number | undefined),
  oneHot: ([i], a) => oneHot(i, a.numClasses as number | undefined),
  mlpLoss: ([x, w1, b1, w2, b2, target]) => {
    const h = relu(add(matmul(x, w1), b1)); // (N, H)
    const logp = logSoftmax(add(matmul(h, w2), b2), -1); // (N, C)
    return neg(mean(gather(logp, 1, unsqueeze(target, 1))));
  },
  attention: ([q, k, v]) => {
    const d = q.shape[q.ndim - 1];
    const T = q.shape[q.ndim - 2];
    const scores = div(matmul(q, transpose(k, -2, -1)), Math.sqrt(d)); // (B, T, T)
    const causal = triu(ones([T, T]), 1).to('bool');
    return matmul(softmax(maskedFill(scores, causal, Number.NEGATIVE_INFINITY), -1), v);
  },
  layerNorm: ([x, g, b]) => {
    const mu = mean(x, -1, true);
    const v = variance(x, -1, { unbiased: false, keepdim: true });
    return add(mul(div(sub(x, mu), sqrt(add(v, 1e-5))), g), b);
  },
  // F.layer_norm as one fused op (the composite `layerNorm` case above composes it from primitives).
  layer_norm: ([x, ...affine], a) =>
    layerNorm(
      x,
      a.normalizedShape as number[],
      a.weight ? affine[0] : null,
      a.bias ? affine[affine.length - 1] : null,
      a.eps as number,
    ),
  geluMlp: ([x, w1, w2]) => matmul(gelu(matmul(x, w1), { approximate: 'tanh' }), w2),
  crossEntropyLse: ([logits, target]) => {
    const picked = squeeze(gather(logits, 1, unsqueeze(target, 1)), 1);
    return mean(sub(logsumexp(logits, 1), picked));
  },
};

function varOptions(a: Args) {
  return {
    correction: a.correction as number | undefined,
    unbiased: a.unbiased as boolean | undefined,
    keepdim: a.keepdim as boolean | undefined,
  };
}

// ---- comparison with a combined tolerance, tracking the worst error per op ----

const RTOL = 1e-5;
const ATOL = 1e-6;

interface Stat {
  cases: number;
  /** max |a - b| / max(|b|, ATOL / RTOL) over forward values: relative error, absolute near 0. */
  forwardRel: number;
  gradRel: number;
  /** max |a - b| / (ATOL + RTOL |b|): below 1 passes. */
  budget: number;
  worstCase: string;
}

const stats = new Map<string, Stat>();

function stat(op: string): Stat {
  let s = stats.get(op);
  if (!s) {
    s = { cases: 0, forwardRel: 0, gradRel: 0, budget: 0, worstCase: '' };
    stats.set(op, s);
  }
  return s;
}

function compare(
  what: string,
  actual: Tensor,
  expected: EncodedTensor,
  s: Stat,
  kind: 'forward' | 'grad',
  c: OpCase,
) {
  const rtol = c.tol?.rtol ?? RTOL;
  const atol = c.tol?.atol ?? ATOL;
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype);
  const a = actual.data;
  // Fixtures hold the shortest decimal of each float32; round it back to that float32 exactly.
  const b = expected.data.map((v) =>
    expected.dtype === 'float32' ? Math.fround(decodeValue(v)) : decodeValue(v),
  );
  const bad: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = Number(a[i]);
    const y = b[i];
    if (Number.isNaN(y) || !Number.isFinite(y) || expected.dtype === 'int32' || expected.dtype === 'bool') {
      if (!Object.is(x, y) && !(x === y)) bad.push(`[${i}] ${x} vs ${y}`);
      continue;
    }
    const diff = Math.abs(x - y);
    const rel = diff / Math.max(Math.abs(y), ATOL / RTOL);
    if (kind === 'forward') s.forwardRel = Math.max(s.forwardRel, rel);
    else s.gradRel = Math.max(s.gradRel, rel);
    const used = diff / (atol + rtol * Math.abs(y));
    if (!(used <= s.budget)) {
      s.budget = Number.isNaN(used) ? Number.POSITIVE_INFINITY : used;
      s.worstCase = `${c.id} ${what}`;
    }
    if (!(used <= 1)) bad.push(`[${i}] ${x} vs ${y} (diff ${diff.toExponential(2)})`);
  }
  expect(bad, `${what}: elements outside |a-b| <= ${atol} + ${rtol}|b|`).toEqual([]);
}

function runCase(c: OpCase): void {
  const fn = OPS[c.op];
  if (!fn) throw new Error(`no @llm/tensor mapping for fixture op '${c.op}'`);
  const s = stat(c.op);
  s.cases++;
  const inputs = c.inputs.map(decode);
  const out = fn(inputs, c.args);
  if (Array.isArray(c.output)) {
    const outs = out as Tensor[];
    expect(outs.length, 'number of outputs').toBe(c.output.length);
    c.output.forEach((e, i) => {
      compare(`output ${i}`, outs[i], e, s, 'forward', c);
    });
  } else {
    expect(out).toBeInstanceOf(Tensor);
    compare('output', out as Tensor, c.output, s, 'forward', c);
  }
  if (!c.upstream || !c.grads) return;
  if (Array.isArray(c.upstream)) {
    const ups = c.upstream.map(decode);
    const outs = out as Tensor[];
    outs
      .map((o, i) => sum(mul(o, ups[i])))
      .reduce((acc, term) => add(acc, term))
      .backward();
  } else {
    (out as Tensor).backward(decode(c.upstream));
  }
  c.grads.forEach((g, k) => {
    if (!g) return;
    const actual = inputs[k].grad ?? tensor(new Float32Array(inputs[k].numel), { shape: inputs[k].shape });
    compare(`grad of input ${k}`, actual, g, s, 'grad', c);
  });
}

let meta = '';
for (const group of GROUPS) {
  const fixture = load<OpCase>(group);
  meta = fixture.meta.torch;
  describe(`parity with torch ${meta}: ${group}`, () => {
    for (const c of fixture.cases) it(c.id, () => runCase(c));
  });
}

afterAll(() => {
  const rows = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines = rows.map(
    ([op, s]) =>
      `${op.padEnd(16)} ${String(s.cases).padStart(3)}  fwd ${s.forwardRel.toExponential(1)}  grad ${s.gradRel.toExponential(1)}  budget ${s.budget.toFixed(3)}  (${s.worstCase})`,
  );
  console.log(
    `parity with torch ${meta}: worst relative error |a-b|/max(|b|,0.1) per op, and the share of the tolerance ${ATOL} + ${RTOL}|b| used\n${lines.join('\n')}`,
  );
});

// ---- printing ----

/**
 * Splits `tensor(body, suffix, ...)` into its body and suffixes and rewrites torch's suffix
 * spelling into ours: `dtype=torch.int32` -> `dtype=int32`, `size=(2, 0)` -> `size=[2, 0]`,
 * `requires_grad=True` -> `requiresGrad=true`. `grad_fn=<...>`/`gradFn=<...>` are dropped
 * (op names differ), and so is the line break torch puts before a suffix that would pass
 * 80 columns (our suffixes are shorter, so they wrap at other places).
 */
function normalise(text: string): { body: string; suffixes: string[] } {
  const re =
    /,\s*(size=\([^)]*\)|size=\[[^\]]*\]|dtype=[\w.]+|requires_grad=True|requiresGrad=true|grad_fn=<\w+>|gradFn=<\w+>)/g;
  const suffixes = [...text.matchAll(re)]
    .map((m) => m[1])
    .filter((s) => !s.startsWith('grad_fn') && !s.startsWith('gradFn'))
    .map((s) =>
      s
        .replace(/^size=\((.*)\)$/, 'size=[$1]')
        .replace('dtype=torch.', 'dtype=')
        .replace('requires_grad=True', 'requiresGrad=true'),
    );
  return { body: text.replace(re, ''), suffixes };
}

describe('printing matches torch str()', () => {
  const fixture = load<PrintCase>('printing');
  for (const c of fixture.cases) {
    it(c.id, () => {
      const x = decode(c.tensor);
      const ours = normalise(x.toString());
      const theirs = normalise(c.str);
      expect(ours.body).toBe(theirs.body);
      expect(ours.suffixes).toEqual(theirs.suffixes);
    });
  }
});
