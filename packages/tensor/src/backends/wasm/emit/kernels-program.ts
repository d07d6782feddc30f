// The f32 elementwise, reduction and softmax module, written as instruction lists for wasm-assembler.ts.
// Every kernel walks rows of contiguous floats: a vector loop over whole f32x4 groups, then a tail loop
// that runs the same vector code on one splatted lane and stores lane 0, so each op is written once.
// Addresses and strides are in bytes; the JS side (../elementwise.ts, ../reduce.ts) lays out memory.

import {
  binaryForms,
  type WasmBinaryOp,
  type WasmUnaryOp,
  wasmBinaryOps,
  wasmUnaryOps,
  whereForms,
} from '../kernel-ops';
import { abs, div, Emitter, gt, mul, ne, neg, type Operand, or, select, sqrt } from './simd-expr';
import * as S from './simd-math';
import { assemble, type Instr, type WasmFunction } from './wasm-assembler';

const get = (name: string): Instr => ['local.get', name];
const set = (name: string): Instr => ['local.set', name];
const i32 = (value: number): Instr => ['i32.const', value];
const inc = (name: string, step: Instr[]): Instr[] => [get(name), ...step, ['i32.add'], set(name)];

/** `while (cond) body`, with `cond` an i32 expression; labels are unique per `label`. */
function whileLoop(label: string, cond: Instr[], body: Instr[]): Instr[] {
  return [
    ['block', `$${label}.end`],
    ['loop', `$${label}.top`],
    ...cond,
    ['i32.eqz'],
    ['br_if', `$${label}.end`],
    ...body,
    ['br', `$${label}.top`],
    ['end'],
    ['end'],
  ];
}

/** `for (v = 0; v < count; v++) body` over an i32 local `v`. */
const forCount = (v: string, count: string, body: Instr[]): Instr[] => [
  i32(0),
  set(v),
  ...whileLoop(v, [get(v), get(count), ['i32.lt_s']], [...body, ...inc(v, [i32(1)])]),
];

/**
 * Walks `count` floats: whole vectors while at least 4 remain, then one float at a time. Each pointer
 * advances by its own step per vector / per float (0 for a pointer that stays put).
 */
function span(
  label: string,
  count: string,
  pointers: readonly (readonly [name: string, perVector: number, perFloat: number])[],
  vectorBody: Instr[],
  tailBody: Instr[],
): Instr[] {
  // Every function that walks spans declares the counter local `i`.
  const i = 'i';
  return [
    i32(0),
    set(i),
    ...whileLoop(
      `${label}.v`,
      [get(i), i32(4), ['i32.add'], get(count), ['i32.le_s']],
      [
        ...vectorBody,
        ...inc(i, [i32(4)]),
        ...pointers.flatMap(([p, step]) => (step ? inc(p, [i32(step)]) : [])),
      ],
    ),
    ...whileLoop(
      `${label}.s`,
      [get(i), get(count), ['i32.lt_s']],
      [
        ...tailBody,
        ...inc(i, [i32(1)]),
        ...pointers.flatMap(([p, , step]) => (step ? inc(p, [i32(step)]) : [])),
      ],
    ),
  ];
}

const i32Params = (...names: string[]) => names.map((n) => [n, 'i32'] as const);

/** The lanewise body of an elementwise kernel: its inputs' locals in, the result's local out. */
type Body = (e: Emitter, inputs: readonly string[]) => string;

/**
 * How an operand is read along a row: 'vector' floats, one float 'splat' over the row (a scalar, or a
 * per-row scale), or 'mask' bytes (a bool tensor) widened to i32 lanes, 0 where false.
 */
type OperandKind = 'vector' | 'splat' | 'mask';

/** Bytes an operand's pointer advances per element. */
const elementBytes = (kind: OperandKind) => (kind === 'mask' ? 1 : kind === 'vector' ? 4 : 0);

/**
 * `name(p0, s0, [p1, s1, ...] dst, outer, inner)`: for each of `outer` rows, dst[o, i] = body(in0,
 * in1, ...) over `inner` floats; operand k starts at `pk + o*sk` and is read as its kind says.
 */
function mapFunction(name: string, kinds: readonly OperandKind[], body: Body): WasmFunction {
  const e = new Emitter();
  const q = kinds.map((_, k) => e.local('i32', `q${k}`));
  const splat = kinds.map((kind, k) => (kind === 'splat' ? e.local('v128', `s${k}`) : ''));
  const d = e.local('i32', 'd');
  const o = e.local('i32', 'o');
  const lane = (k: number, vector: boolean): Operand => {
    if (kinds[k] === 'splat') return splat[k];
    if (kinds[k] === 'vector') return [get(q[k]), [vector ? 'v128.load' : 'v128.load32_splat', 0]];
    return vector
      ? [get(q[k]), ['v128.load32_zero', 0], ['i16x8.extend_low_i8x16_u'], ['i32x4.extend_low_i16x8_u']]
      : [get(q[k]), ['i32.load8_u', 0], ['i32x4.splat']];
  };
  const vectorResult = body(
    e,
    kinds.map((_, k) => e.let(lane(k, true))),
  );
  const vectorBody = [...e.take(), get(d), get(vectorResult), ['v128.store', 0] as Instr];
  const tailResult = body(
    e,
    kinds.map((_, k) => e.let(lane(k, false))),
  );
  const tailBody = [
    ...e.take(),
    get(d),
    get(tailResult),
    ['f32x4.extract_lane', 0] as Instr,
    ['f32.store', 0] as Instr,
  ];
  const rowStart: Instr[] = [
    ...kinds.flatMap((kind, k): Instr[] => [
      get(`p${k}`),
      get(o),
      get(`s${k}`),
      ['i32.mul'],
      ['i32.add'],
      set(q[k]),
      ...(kind === 'splat' ? [get(q[k]), ['v128.load32_splat', 0] as Instr, set(splat[k])] : []),
    ]),
    get('dst'),
    get(o),
    get('inner'),
    ['i32.mul'],
    i32(4),
    ['i32.mul'],
    ['i32.add'],
    set(d),
  ];
  const pointers = [
    ...kinds.flatMap((kind, k) =>
      kind === 'splat' ? [] : [[q[k], 4 * elementBytes(kind), elementBytes(kind)] as const],
    ),
    [d, 16, 4] as const,
  ];
  return {
    name,
    exported: true,
    params: [...kinds.flatMap((_, k) => i32Params(`p${k}`, `s${k}`)), ...i32Params('dst', 'outer', 'inner')],
    locals: [...e.locals, ['i', 'i32']],
    body: forCount(o, 'outer', [...rowStart, ...span('row', 'inner', pointers, vectorBody, tailBody)]),
  };
}

/** The unary float32 ops with a vector kernel, and how each lane is computed. */
const unaryBodies: Record<WasmUnaryOp, Body> = {
  neg: (e, [x]) => e.let(neg(x)),
  abs: (e, [x]) => e.let(abs(x)),
  // relu keeps NaN (x > 0 || x != x ? x : +0).
  relu: (e, [x]) => e.let(select(or(gt(x, 0), ne(x, x)), x, 0)),
  square: (e, [x]) => e.let(mul(x, x)),
  sqrt: (e, [x]) => e.let(sqrt(x)),
  rsqrt: (e, [x]) => e.let(div(1, sqrt(x))),
  reciprocal: (e, [x]) => e.let(div(1, x)),
  exp: (e, [x]) => S.exp(e, x),
  expm1: (e, [x]) => S.expm1(e, x),
  log: (e, [x]) => S.log(e, x),
  tanh: (e, [x]) => S.tanh(e, x),
  sigmoid: (e, [x]) => S.sigmoid(e, x),
  silu: (e, [x]) => S.silu(e, x),
  gelu: (e, [x]) => S.gelu(e, x),
  geluGrad: (e, [x]) => S.geluGrad(e, x),
  geluTanh: (e, [x]) => S.geluTanh(e, x),
  geluTanhGrad: (e, [x]) => S.geluTanhGrad(e, x),
};

const lanewise =
  (op: string): Body =>
  (e, [a, b]) =>
    e.let([get(a), get(b), [op]]);
// maximum/minimum: a wins when it is larger (smaller) or NaN, else b, exactly as the JS kernel.
const pick =
  (cmp: 'f32x4.gt' | 'f32x4.lt'): Body =>
  (e, [a, b]) =>
    e.let(select(or([get(a), get(b), [cmp]], ne(a, a)), a, b));

/** The binary float32 ops with a vector kernel. */
const binaryBodies: Record<WasmBinaryOp, Body> = {
  add: lanewise('f32x4.add'),
  sub: lanewise('f32x4.sub'),
  mul: lanewise('f32x4.mul'),
  div: lanewise('f32x4.div'),
  maximum: pick('f32x4.gt'),
  minimum: pick('f32x4.lt'),
};

/**
 * `where_{a}{b}(c, cs, a, as, b, bs, dst, outer, inner)`: dst = c != 0 ? a : b, with `c` a bool
 * mask read along the row and a, b each read along it or splatted.
 */
const whereFunction = (name: string, kinds: readonly ('vector' | 'splat')[]): WasmFunction =>
  mapFunction(name, ['mask', ...kinds], (e, [c, a, b]) =>
    e.let(select([get(c), ['i32x4.const', 0], ['i32x4.eq']], b, a)),
  );

const zero: Instr[] = [['f32x4.const', 0]];
const promoteLow = (v: Instr[]): Instr[] => [...v, ['f64x2.promote_low_f32x4']];
// Lanes 2, 3 of a f32x4 moved to lanes 0, 1.
const highHalf = (v: string): Instr[] => [get(v), get(v), ['i8x16.shuffle', ...range(8, 16), ...range(0, 8)]];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** The sum of both f64 lanes of two f64x2 locals plus an f64 local. */
const horizontalSum = (a: string, b: string, scalar: string): Instr[] => [
  get(scalar),
  get(a),
  ['f64x2.extract_lane', 0],
  ['f64.add'],
  get(a),
  ['f64x2.extract_lane', 1],
  ['f64.add'],
  get(b),
  ['f64x2.extract_lane', 0],
  ['f64.add'],
  get(b),
  ['f64x2.extract_lane', 1],
  ['f64.add'],
];

/**
 * The float32 max of `n` contiguous floats at local `p` into f32 local `m`, NaN if any is NaN. The
 * running max uses f32x4.pmax (one maxps; f32x4.max's NaN handling is a multi-instruction sequence on
 * the loop-carried chain) and NaNs are tracked on the side in `nan`. Advances `p`.
 */
function rowMax(label: string, p: string, n: string, mv: string, m: string): Instr[] {
  const fold = (load: Instr): Instr[] => [
    get(p),
    load,
    set('v'),
    get('nan'),
    get('v'),
    get('v'),
    ['f32x4.ne'],
    ['v128.or'],
    set('nan'),
    get(mv),
    get('v'),
    ['f32x4.pmax'],
    set(mv),
  ];
  return [
    get(p),
    ['v128.load32_splat', 0],
    set(mv),
    ...zero,
    set('nan'),
    ...span(label, n, [[p, 16, 4]], fold(['v128.load', 0]), fold(['v128.load32_splat', 0])),
    ['f32.const', Number.NaN],
    get(mv),
    ['f32x4.extract_lane', 0],
    get(mv),
    ['f32x4.extract_lane', 1],
    ['f32.max'],
    get(mv),
    ['f32x4.extract_lane', 2],
    get(mv),
    ['f32x4.extract_lane', 3],
    ['f32.max'],
    ['f32.max'],
    get('nan'),
    ['v128.any_true'],
    ['select'],
    set(m),
  ];
}

/** `rowAddress(base, r, n)`: base + r*n*4 (row r of n floats). */
const rowAddress = (base: string, r: string, n: string): Instr[] => [
  get(base),
  get(r),
  get(n),
  ['i32.mul'],
  i32(4),
  ['i32.mul'],
  ['i32.add'],
];

/** `sumRows(src, dst, rows, n)`: dst[r] = sum of row r (n floats), accumulated in f64. */
function sumRowsFunction(): WasmFunction {
  const accumulate = (v: Instr[]): Instr[] => [
    get('acc0'),
    ...promoteLow([...v]),
    ['f64x2.add'],
    set('acc0'),
  ];
  return {
    name: 'sumRows',
    exported: true,
    params: i32Params('src', 'dst', 'rows', 'n'),
    locals: [...i32Params('r', 'p', 'i'), ['acc0', 'v128'], ['acc1', 'v128'], ['acc', 'f64']],
    body: forCount('r', 'rows', [
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...zero,
      set('acc0'),
      ...zero,
      set('acc1'),
      ['f64.const', 0],
      set('acc'),
      ...span(
        'sum',
        'n',
        [['p', 16, 4]],
        [
          ...accumulate([get('p'), ['v128.load64_zero', 0]]),
          get('acc1'),
          get('p'),
          ['v128.load64_zero', 8],
          ['f64x2.promote_low_f32x4'],
          ['f64x2.add'],
          set('acc1'),
        ],
        [get('acc'), get('p'), ['f32.load', 0], ['f64.promote_f32'], ['f64.add'], set('acc')],
      ),
      get('dst'),
      get('r'),
      i32(4),
      ['i32.mul'],
      ['i32.add'],
      ...horizontalSum('acc0', 'acc1', 'acc'),
      ['f32.demote_f64'],
      ['f32.store', 0],
    ]),
  };
}

/**
 * `sumColumns(src, dst, outer, n, inner, acc)`: for [outer, n, inner] input, dst[o, j] = sum over k
 * of src[o, k, j], accumulated in f64 at `acc` (inner doubles, rounded up to 4) row by row, so the
 * source streams through once.
 */
function sumColumnsFunction(): WasmFunction {
  return {
    name: 'sumColumns',
    exported: true,
    params: i32Params('src', 'dst', 'outer', 'n', 'inner', 'acc'),
    locals: i32Params('o', 'k', 'p', 'a', 'd', 'i', 'quads'),
    body: [
      get('inner'),
      i32(3),
      ['i32.add'],
      i32(2),
      ['i32.shr_s'],
      set('quads'),
      i32(0),
      set('o'),
      get('src'),
      set('p'),
      ...forCount('o', 'outer', [
        // acc[0 .. 4*quads) = 0
        get('acc'),
        set('a'),
        ...forCount('k', 'quads', [
          get('a'),
          ...zero,
          ['v128.store', 0],
          get('a'),
          ...zero,
          ['v128.store', 16],
          ...inc('a', [i32(32)]),
        ]),
        ...forCount('k', 'n', [
          get('acc'),
          set('a'),
          ...span(
            'col',
            'inner',
            [
              ['p', 16, 4],
              ['a', 32, 8],
            ],
            [
              get('a'),
              get('a'),
              ['v128.load', 0],
              get('p'),
              ['v128.load64_zero', 0],
              ['f64x2.promote_low_f32x4'],
              ['f64x2.add'],
              ['v128.store', 0],
              get('a'),
              get('a'),
              ['v128.load', 16],
              get('p'),
              ['v128.load64_zero', 8],
              ['f64x2.promote_low_f32x4'],
              ['f64x2.add'],
              ['v128.store', 16],
            ],
            [
              get('a'),
              get('a'),
              ['f64.load', 0],
              get('p'),
              ['f32.load', 0],
              ['f64.promote_f32'],
              ['f64.add'],
              ['f64.store', 0],
            ],
          ),
        ]),
        // dst[o, :] = f32(acc)
        ...rowAddress('dst', 'o', 'inner'),
        set('d'),
        get('acc'),
        set('a'),
        ...forCount('k', 'inner', [
          get('d'),
          get('a'),
          ['f64.load', 0],
          ['f32.demote_f64'],
          ['f32.store', 0],
          ...inc('d', [i32(4)]),
          ...inc('a', [i32(8)]),
        ]),
      ]),
    ],
  };
}

/** `maxRows(src, dst, rows, n)`: dst[r] = max of row r (n >= 1 floats), NaN if the row has one. */
function maxRowsFunction(): WasmFunction {
  return {
    name: 'maxRows',
    exported: true,
    params: i32Params('src', 'dst', 'rows', 'n'),
    locals: [...i32Params('r', 'p', 'i'), ['mv', 'v128'], ['m', 'f32'], ['v', 'v128'], ['nan', 'v128']],
    body: forCount('r', 'rows', [
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowMax('max', 'p', 'n', 'mv', 'm'),
      get('dst'),
      get('r'),
      i32(4),
      ['i32.mul'],
      ['i32.add'],
      get('m'),
      ['f32.store', 0],
    ]),
  };
}

/**
 * `maxColumns(src, dst, outer, n, inner)`: for [outer, n, inner] input, dst[o, j] = max over k of
 * src[o, k, j] (n >= 1), NaN-propagating: row 0 is copied, then each later row is folded in.
 */
function maxColumnsFunction(): WasmFunction {
  const fold = (first: boolean): Instr[] =>
    span(
      'col',
      'inner',
      [
        ['p', 16, 4],
        ['d', 16, 4],
      ],
      [
        get('d'),
        ...(first ? [] : [get('d'), ['v128.load', 0] as Instr]),
        get('p'),
        ['v128.load', 0],
        ...(first ? [] : [['f32x4.max'] as Instr]),
        ['v128.store', 0],
      ],
      [
        get('d'),
        ...(first ? [] : [get('d'), ['f32.load', 0] as Instr]),
        get('p'),
        ['f32.load', 0],
        ...(first ? [] : [['f32.max'] as Instr]),
        ['f32.store', 0],
      ],
    );
  return {
    name: 'maxColumns',
    exported: true,
    params: i32Params('src', 'dst', 'outer', 'n', 'inner'),
    locals: i32Params('o', 'k', 'p', 'd', 'i'),
    body: [
      get('src'),
      set('p'),
      ...forCount('o', 'outer', [
        ...rowAddress('dst', 'o', 'inner'),
        set('d'),
        ...fold(true),
        i32(1),
        set('k'),
        ...whileLoop(
          'k',
          [get('k'), get('n'), ['i32.lt_s']],
          [...rowAddress('dst', 'o', 'inner'), set('d'), ...fold(false), ...inc('k', [i32(1)])],
        ),
      ]),
    ],
  };
}

/**
 * `softmaxRows(src, dst, rows, n, stats, normalize)`: per row of n floats, m = max (0 if it is
 * -Infinity, as the JS kernel does), dst = e^(x - m), s = sum of dst in f64; stats[r] = (f64 m, f64 s).
 * With `normalize`, dst is then divided by f32(s): the softmax. Without, the JS side turns the stats
 * into log-sum-exps for `logSoftmaxRows`.
 */
function softmaxRowsFunction(): WasmFunction {
  const e = new Emitter();
  const x = e.local('v128', 'x');
  const vectorExp = S.exp(e, [get('p'), ['v128.load', 0], get('mv'), ['f32x4.sub']]);
  const vectorBody: Instr[] = [
    ...e.take(),
    get('q'),
    get(vectorExp),
    ['v128.store', 0],
    get('acc0'),
    ...promoteLow([get(vectorExp)]),
    ['f64x2.add'],
    set('acc0'),
    get('acc1'),
    ...promoteLow(highHalf(vectorExp)),
    ['f64x2.add'],
    set('acc1'),
  ];
  const tailExp = S.exp(e, [get('p'), ['v128.load32_splat', 0], get('mv'), ['f32x4.sub']]);
  const tailBody: Instr[] = [
    ...e.take(),
    get('q'),
    get(tailExp),
    ['f32x4.extract_lane', 0],
    ['f32.store', 0],
    get('acc'),
    get(tailExp),
    ['f32x4.extract_lane', 0],
    ['f64.promote_f32'],
    ['f64.add'],
    set('acc'),
  ];
  const divide = span(
    'div',
    'n',
    [['q', 16, 4]],
    [get('q'), get('q'), ['v128.load', 0], get(x), ['f32x4.div'], ['v128.store', 0]],
    [get('q'), get('q'), ['f32.load', 0], get('m'), ['f32.div'], ['f32.store', 0]],
  );
  return {
    name: 'softmaxRows',
    exported: true,
    params: i32Params('src', 'dst', 'rows', 'n', 'stats', 'normalize'),
    locals: [
      ...i32Params('r', 'p', 'q', 'i'),
      ['mv', 'v128'],
      ['m', 'f32'],
      ['v', 'v128'],
      ['nan', 'v128'],
      ['acc0', 'v128'],
      ['acc1', 'v128'],
      ['acc', 'f64'],
      ...e.locals,
    ],
    body: forCount('r', 'rows', [
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowMax('max', 'p', 'n', 'mv', 'm'),
      // m = m == -Infinity ? 0 : m; mv = splat(m)
      ['f32.const', 0],
      get('m'),
      get('m'),
      ['f32.const', Number.NEGATIVE_INFINITY],
      ['f32.eq'],
      ['select'],
      set('m'),
      get('m'),
      ['f32x4.splat'],
      set('mv'),
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowAddress('dst', 'r', 'n'),
      set('q'),
      ...zero,
      set('acc0'),
      ...zero,
      set('acc1'),
      ['f64.const', 0],
      set('acc'),
      ...span(
        'exp',
        'n',
        [
          ['p', 16, 4],
          ['q', 16, 4],
        ],
        vectorBody,
        tailBody,
      ),
      // stats[r] = (m, s)
      get('stats'),
      get('r'),
      i32(16),
      ['i32.mul'],
      ['i32.add'],
      set('p'),
      get('p'),
      get('m'),
      ['f64.promote_f32'],
      ['f64.store', 0],
      get('p'),
      ...horizontalSum('acc0', 'acc1', 'acc'),
      ['f64.store', 8],
      get('normalize'),
      ['if'],
      get('p'),
      ['f64.load', 8],
      ['f32.demote_f64'],
      set('m'),
      get('m'),
      ['f32x4.splat'],
      set(x),
      ...rowAddress('dst', 'r', 'n'),
      set('q'),
      ...divide,
      ['end'],
    ]),
  };
}

/** `logSoftmaxRows(src, dst, rows, n, stats)`: dst = f32(f64(x) - stats[r]), stats[r] the row's log-sum-exp in f64. */
function logSoftmaxRowsFunction(): WasmFunction {
  const vectorBody: Instr[] = [
    get('p'),
    ['v128.load', 0],
    set('x'),
    get('q'),
    ...promoteLow([get('x')]),
    get('lse'),
    ['f64x2.sub'],
    ['f32x4.demote_f64x2_zero'],
    ...promoteLow(highHalf('x')),
    get('lse'),
    ['f64x2.sub'],
    ['f32x4.demote_f64x2_zero'],
    ['i8x16.shuffle', ...range(0, 8), ...range(16, 24)],
    ['v128.store', 0],
  ];
  const tailBody: Instr[] = [
    get('q'),
    get('p'),
    ['f32.load', 0],
    ['f64.promote_f32'],
    get('lse'),
    ['f64x2.extract_lane', 0],
    ['f64.sub'],
    ['f32.demote_f64'],
    ['f32.store', 0],
  ];
  return {
    name: 'logSoftmaxRows',
    exported: true,
    params: i32Params('src', 'dst', 'rows', 'n', 'stats'),
    locals: [...i32Params('r', 'p', 'q', 'i'), ['x', 'v128'], ['lse', 'v128']],
    body: forCount('r', 'rows', [
      get('stats'),
      get('r'),
      i32(16),
      ['i32.mul'],
      ['i32.add'],
      ['f64.load', 0],
      ['f64x2.splat'],
      set('lse'),
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowAddress('dst', 'r', 'n'),
      set('q'),
      ...span(
        'log',
        'n',
        [
          ['p', 16, 4],
          ['q', 16, 4],
        ],
        vectorBody,
        tailBody,
      ),
    ]),
  };
}

// ---- layer norm: rows of n floats, every per-element expression in f64 as the cpu kernel does ----

/** f64x2 of the two floats at byte `offset` from local `p` (a vector's low half at 0, high half at 8). */
const halfF64 = (p: string, offset: number): Instr[] => [
  get(p),
  ['v128.load64_zero', offset],
  ['f64x2.promote_low_f32x4'],
];
/** f64 of the float at local `p`. */
const scalarF64 = (p: string): Instr[] => [get(p), ['f32.load', 0], ['f64.promote_f32']];
/** `acc += value` for a local of either type (`add` is f64x2.add or f64.add). */
const accumulate = (acc: string, value: Instr[], add: 'f64x2.add' | 'f64.add'): Instr[] => [
  get(acc),
  ...value,
  [add],
  set(acc),
];
const clearSums = (...names: string[]): Instr[] =>
  names.flatMap((n) => (n.endsWith('0') || n.endsWith('1') ? [...zero, set(n)] : [['f64.const', 0], set(n)]));

/** The f64 locals every layer-norm function declares for its row statistics. */
const statsLocals = [
  ...i32Params('r', 'p', 'i'),
  ['acc0', 'v128'],
  ['acc1', 'v128'],
  ['acc', 'f64'],
  ['d0', 'v128'],
  ['d1', 'v128'],
  ['ds', 'f64'],
  ['mean', 'f64'],
  ['rstd', 'f64'],
  ['meanv', 'v128'],
  ['rstdv', 'v128'],
] as const;

/**
 * Mean and rstd = 1/sqrt(biased variance + eps) of row r of `src` into f64 locals (and their splats
 * `meanv`, `rstdv`), two passes like the cpu kernel's `rowStats` (sums split over the f64 lanes).
 */
function rowStatsInstrs(label: string): Instr[] {
  const squared = (d: string, v: Instr[]): Instr[] => [
    ...v,
    get('meanv'),
    ['f64x2.sub'],
    set(d),
    ...accumulate(d === 'd0' ? 'acc0' : 'acc1', [get(d), get(d), ['f64x2.mul']], 'f64x2.add'),
  ];
  return [
    ...rowAddress('src', 'r', 'n'),
    set('p'),
    ...clearSums('acc0', 'acc1', 'acc'),
    ...span(
      `${label}.sum`,
      'n',
      [['p', 16, 4]],
      [
        ...accumulate('acc0', halfF64('p', 0), 'f64x2.add'),
        ...accumulate('acc1', halfF64('p', 8), 'f64x2.add'),
      ],
      accumulate('acc', scalarF64('p'), 'f64.add'),
    ),
    ...horizontalSum('acc0', 'acc1', 'acc'),
    get('n'),
    ['f64.convert_i32_s'],
    ['f64.div'],
    set('mean'),
    get('mean'),
    ['f64x2.splat'],
    set('meanv'),
    ...rowAddress('src', 'r', 'n'),
    set('p'),
    ...clearSums('acc0', 'acc1', 'acc'),
    ...span(
      `${label}.var`,
      'n',
      [['p', 16, 4]],
      [...squared('d0', halfF64('p', 0)), ...squared('d1', halfF64('p', 8))],
      [
        ...scalarF64('p'),
        get('mean'),
        ['f64.sub'],
        set('ds'),
        ...accumulate('acc', [get('ds'), get('ds'), ['f64.mul']], 'f64.add'),
      ],
    ),
    ['f64.const', 1],
    ...horizontalSum('acc0', 'acc1', 'acc'),
    get('n'),
    ['f64.convert_i32_s'],
    ['f64.div'],
    get('eps'),
    ['f64.add'],
    ['f64.sqrt'],
    ['f64.div'],
    set('rstd'),
    get('rstd'),
    ['f64x2.splat'],
    set('rstdv'),
  ];
}

/** x̂ = (x - mean) * rstd of the f64 value(s) `x`, in f64x2 or f64. */
const normalized = (x: Instr[], vector: boolean): Instr[] =>
  vector
    ? [...x, get('meanv'), ['f64x2.sub'], get('rstdv'), ['f64x2.mul']]
    : [...x, get('mean'), ['f64.sub'], get('rstd'), ['f64.mul']];

/** Stores two f64x2 (lanes 0-1 and 2-3 of a vector) at local `q` as one f32x4. */
const storeDemoted = (q: string, low: Instr[], high: Instr[]): Instr[] => [
  get(q),
  ...low,
  ['f32x4.demote_f64x2_zero'],
  ...high,
  ['f32x4.demote_f64x2_zero'],
  ['i8x16.shuffle', ...range(0, 8), ...range(16, 24)],
  ['v128.store', 0],
];

/**
 * `layerNormRows(src, w, b, dst, rows, n, eps)`: per row of n floats, dst = f32((x - mean) * rstd *
 * w + b), with w and b rows of n floats (the JS side passes ones and zeros when there are none).
 */
function layerNormRowsFunction(): WasmFunction {
  const y = (off: number): Instr[] => [
    ...normalized(halfF64('p', off), true),
    ...halfF64('pw', off),
    ['f64x2.mul'],
    ...halfF64('pb', off),
    ['f64x2.add'],
  ];
  return {
    name: 'layerNormRows',
    exported: true,
    params: [...i32Params('src', 'w', 'b', 'dst', 'rows', 'n'), ['eps', 'f64']],
    locals: [...statsLocals, ...i32Params('q', 'pw', 'pb')],
    body: forCount('r', 'rows', [
      ...rowStatsInstrs('stats'),
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowAddress('dst', 'r', 'n'),
      set('q'),
      get('w'),
      set('pw'),
      get('b'),
      set('pb'),
      ...span(
        'y',
        'n',
        [
          ['p', 16, 4],
          ['q', 16, 4],
          ['pw', 16, 4],
          ['pb', 16, 4],
        ],
        storeDemoted('q', y(0), y(8)),
        [
          get('q'),
          ...normalized(scalarF64('p'), false),
          ...scalarF64('pw'),
          ['f64.mul'],
          ...scalarF64('pb'),
          ['f64.add'],
          ['f32.demote_f64'],
          ['f32.store', 0],
        ],
      ),
    ]),
  };
}

/**
 * `layerNormBackwardRows(src, w, dy, dst, rows, n, eps)`: per row, with a = dy * w and x̂ the
 * normalized input, dst = f32(rstd * ((a - mean(a)) - x̂ * mean(a * x̂))), all in f64.
 */
function layerNormBackwardRowsFunction(): WasmFunction {
  const a = (off: number): Instr[] => [...halfF64('pg', off), ...halfF64('pw', off), ['f64x2.mul']];
  const aScalar: Instr[] = [...scalarF64('pg'), ...scalarF64('pw'), ['f64.mul']];
  const sums = (off: number, h: 0 | 1): Instr[] => [
    ...a(off),
    set(`d${h}`),
    ...accumulate(`sa${h}`, [get(`d${h}`)], 'f64x2.add'),
    ...accumulate(
      `sx${h}`,
      [get(`d${h}`), ...normalized(halfF64('p', off), true), ['f64x2.mul']],
      'f64x2.add',
    ),
  ];
  const dx = (off: number): Instr[] => [
    get('rstdv'),
    ...a(off),
    get('c1v'),
    ['f64x2.sub'],
    ...normalized(halfF64('p', off), true),
    get('c2v'),
    ['f64x2.mul'],
    ['f64x2.sub'],
    ['f64x2.mul'],
  ];
  const rowPointers: Instr[] = [
    ...rowAddress('src', 'r', 'n'),
    set('p'),
    ...rowAddress('dy', 'r', 'n'),
    set('pg'),
    get('w'),
    set('pw'),
  ];
  const mean = (v0: string, v1: string, s: string, out: string): Instr[] => [
    ...horizontalSum(v0, v1, s),
    get('n'),
    ['f64.convert_i32_s'],
    ['f64.div'],
    set(out),
    get(out),
    ['f64x2.splat'],
    set(`${out}v`),
  ];
  const walked = [
    ['p', 16, 4],
    ['pg', 16, 4],
    ['pw', 16, 4],
  ] as const;
  return {
    name: 'layerNormBackwardRows',
    exported: true,
    params: [...i32Params('src', 'w', 'dy', 'dst', 'rows', 'n'), ['eps', 'f64']],
    locals: [
      ...statsLocals,
      ...i32Params('q', 'pw', 'pg'),
      ['sa0', 'v128'],
      ['sa1', 'v128'],
      ['sx0', 'v128'],
      ['sx1', 'v128'],
      ['sa', 'f64'],
      ['sx', 'f64'],
      ['c1', 'f64'],
      ['c2', 'f64'],
      ['c1v', 'v128'],
      ['c2v', 'v128'],
    ],
    body: forCount('r', 'rows', [
      ...rowStatsInstrs('stats'),
      ...rowPointers,
      ...clearSums('sa0', 'sa1', 'sx0', 'sx1', 'sa', 'sx'),
      ...span(
        'sums',
        'n',
        walked,
        [...sums(0, 0), ...sums(8, 1)],
        [
          ...aScalar,
          set('ds'),
          ...accumulate('sa', [get('ds')], 'f64.add'),
          ...accumulate('sx', [get('ds'), ...normalized(scalarF64('p'), false), ['f64.mul']], 'f64.add'),
        ],
      ),
      ...mean('sa0', 'sa1', 'sa', 'c1'),
      ...mean('sx0', 'sx1', 'sx', 'c2'),
      ...rowPointers,
      ...rowAddress('dst', 'r', 'n'),
      set('q'),
      ...span('dx', 'n', [...walked, ['q', 16, 4]], storeDemoted('q', dx(0), dx(8)), [
        get('q'),
        get('rstd'),
        ...aScalar,
        get('c1'),
        ['f64.sub'],
        ...normalized(scalarF64('p'), false),
        get('c2'),
        ['f64.mul'],
        ['f64.sub'],
        ['f64.mul'],
        ['f32.demote_f64'],
        ['f32.store', 0],
      ]),
    ]),
  };
}

/**
 * `layerNormParamRows(src, dy, sums, rows, n, eps)`: adds Σ dy * x̂ over rows into the n f64 at `sums`
 * and Σ dy into the n f64 after them (the JS side zeroes both and rounds them to f32).
 */
function layerNormParamRowsFunction(): WasmFunction {
  const add = (pointer: string, off: number, value: Instr[]): Instr[] => [
    get(pointer),
    get(pointer),
    ['v128.load', off],
    ...value,
    ['f64x2.add'],
    ['v128.store', off],
  ];
  const half = (off: number): Instr[] => [
    ...add('pa', off * 2, [...halfF64('pg', off), ...normalized(halfF64('p', off), true), ['f64x2.mul']]),
    ...add('pb', off * 2, halfF64('pg', off)),
  ];
  const addScalar = (pointer: string, value: Instr[]): Instr[] => [
    get(pointer),
    get(pointer),
    ['f64.load', 0],
    ...value,
    ['f64.add'],
    ['f64.store', 0],
  ];
  return {
    name: 'layerNormParamRows',
    exported: true,
    params: [...i32Params('src', 'dy', 'sums', 'rows', 'n'), ['eps', 'f64']],
    locals: [...statsLocals, ...i32Params('pg', 'pa', 'pb')],
    body: forCount('r', 'rows', [
      ...rowStatsInstrs('stats'),
      ...rowAddress('src', 'r', 'n'),
      set('p'),
      ...rowAddress('dy', 'r', 'n'),
      set('pg'),
      get('sums'),
      set('pa'),
      get('sums'),
      get('n'),
      i32(8),
      ['i32.mul'],
      ['i32.add'],
      set('pb'),
      ...span(
        'acc',
        'n',
        [
          ['p', 16, 4],
          ['pg', 16, 4],
          ['pa', 32, 8],
          ['pb', 32, 8],
        ],
        [...half(0), ...half(8)],
        [
          ...addScalar('pa', [...scalarF64('pg'), ...normalized(scalarF64('p'), false), ['f64.mul']]),
          ...addScalar('pb', scalarF64('pg')),
        ],
      ),
    ]),
  };
}

/** Assembles the kernels module: unary, binary (three forms each), reductions, softmax and layer norm. */
export function buildKernelsModule(): Uint8Array {
  return assemble({
    memory: { initialPages: 1 },
    functions: [
      ...wasmUnaryOps.map((op) => mapFunction(`unary_${op}`, ['vector'], unaryBodies[op])),
      ...wasmBinaryOps.flatMap((op) =>
        Object.entries(binaryForms).map(([form, kinds]) =>
          mapFunction(`binary_${op}_${form}`, kinds, binaryBodies[op]),
        ),
      ),
      ...Object.entries(whereForms).map(([form, kinds]) => whereFunction(`where_${form}`, kinds)),
      sumRowsFunction(),
      sumColumnsFunction(),
      maxRowsFunction(),
      maxColumnsFunction(),
      softmaxRowsFunction(),
      logSoftmaxRowsFunction(),
      layerNormRowsFunction(),
      layerNormBackwardRowsFunction(),
      layerNormParamRowsFunction(),
    ],
  });
}
