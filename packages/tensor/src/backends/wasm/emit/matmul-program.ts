// The f32 matmul module, written as instruction lists for wasm-assembler.ts. It is a GotoBLAS/BLIS-style
// GEMM on 128-bit SIMD:
//   for pc in K by KC:            pack op(b)[pc:pc+KC, :] into NR-wide column panels  (packB)
//     for ic in M by MC:          pack op(a)[ic:ic+MC, pc:pc+KC] into MR-tall row panels (packA)
//       for jr in N by NR:        one B panel (KC x NR, stays in L1)
//         for ir in MC by MR:     micro-kernel: an MR x NR tile of C in MR*NR/4 f32x4 registers
// Packing reads each operand through (lane, k) strides, so transposed operands cost nothing extra and
// the micro-kernel always streams both panels contiguously. Panels are zero-padded to MR/NR, so the
// micro-kernel always computes a full tile; edge tiles go through a scratch tile and a scalar copy.

import { assemble, type Instr, type ValType, type WasmFunction } from './wasm-assembler';

/** Tile sizes baked into the module; the JS side sizes its buffers from the same numbers. */
export interface MatmulTiling {
  /** Rows of C per micro-kernel tile (the A panel height). */
  readonly mr: number;
  /** Columns of C per micro-kernel tile (the B panel width), a multiple of 4. */
  readonly nr: number;
  /** Depth of one packed block (the B panel is KC x NR floats, sized for L1). */
  readonly kc: number;
  /** Rows of A packed at once (MC x KC floats, sized for L2), a multiple of MR. */
  readonly mc: number;
  /** Micro-kernel k-loop unroll factor. */
  readonly unroll: number;
  /**
   * Multiply-add as `f32x4.relaxed_madd` (one fused FMA where the engine has relaxed SIMD and the CPU
   * has FMA) instead of `f32x4.mul` + `f32x4.add` (baseline SIMD, every engine with SIMD).
   */
  readonly relaxed: boolean;
}

// Measured on a 2-core Xeon (Node 20): 4 x 12 tiles (12 accumulators + 3 B vectors + 1 A broadcast
// nearly fill the 16 xmm registers) with the k loop unrolled twice beat 4 x 8, 3 x 12, 5 x 8 and 6 x 8.
export const defaultTiling: MatmulTiling = { mr: 4, nr: 12, kc: 256, mc: 64, unroll: 2, relaxed: false };

/** Bytes at address 0 reserved for the micro-kernel's edge tile (MR x NR floats). */
export const scratchBytes = 1024;

const get = (name: string): Instr => ['local.get', name];
const set = (name: string): Instr => ['local.set', name];
const i32 = (value: number): Instr => ['i32.const', value];
const op = (name: string): Instr => [name];
const end = op('end');
/** `name += value` on an i32 local. */
const inc = (name: string, ...value: Instr[]): Instr[] => [get(name), ...value, op('i32.add'), set(name)];
/** `min(x, y)` of two i32 expressions. */
const min = (x: Instr[], y: Instr[]): Instr[] => [...x, ...y, ...x, ...y, op('i32.lt_s'), op('select')];
const zeroV128: Instr[] = [['f32.const', 0], op('f32x4.splat')];

/** `for (v = from; v < limit; v += step) body` (signed compare); labels are named after `v`. */
function forRange(v: string, from: Instr[], limit: Instr[], step: Instr[], body: Instr[]): Instr[] {
  return [
    ...from,
    set(v),
    ['block', `$${v}.end`],
    ['loop', `$${v}.top`],
    get(v),
    ...limit,
    op('i32.ge_s'),
    ['br_if', `$${v}.end`],
    ...body,
    ...inc(v, ...step),
    ['br', `$${v}.top`],
    end,
    end,
  ];
}

const i32Params = (...names: string[]) => names.map((n) => [n, 'i32'] as const);

/**
 * `pack{R}(src, ls, ks, count, kc, dst)`: copies the `count x kc` block whose element (lane l, depth k)
 * is at `src + l*ls + k*ks` (byte strides) into panels of R lanes: panel p, depth k, lane r at
 * `dst + ((p*kc + k)*R + r)*4`. Lanes past `count` are zero.
 */
function packFunction(name: string, R: number): WasmFunction {
  const perK = (body: Instr[]): Instr[] =>
    forRange(
      'k',
      [i32(0)],
      [get('kc')],
      [i32(1)],
      [...body, ...inc('row', get('ks')), ...inc('dst', i32(R * 4))],
    );
  // Full panel, lanes contiguous (ls == 4): vector copies.
  const vectorCopy: Instr[] = [
    ...Array.from({ length: Math.floor(R / 4) }, (_, v): Instr[] => [
      get('dst'),
      get('row'),
      ['v128.load', 16 * v],
      ['v128.store', 16 * v],
    ]).flat(),
    ...Array.from({ length: R % 4 }, (_, i): Instr[] => {
      const offset = 4 * (R - (R % 4) + i);
      return [get('dst'), get('row'), ['f32.load', offset], ['f32.store', offset]];
    }).flat(),
  ];
  // Full panel, strided lanes: R scalar copies, unrolled.
  const gather: Instr[] = [
    get('row'),
    set('q'),
    ...Array.from({ length: R }, (_, r): Instr[] => [
      get('dst'),
      get('q'),
      ['f32.load', 0],
      ['f32.store', 4 * r],
      ...inc('q', get('ls')),
    ]).flat(),
  ];
  // Edge panel: zero it (rounded up to whole vectors: the overrun lands in the next k row, written
  // later, or in the buffer's 16-byte tail), then copy the `lanes` real lanes.
  const edge: Instr[] = [
    ...Array.from({ length: Math.ceil(R / 4) }, (_, v): Instr[] => [
      get('dst'),
      ...zeroV128,
      ['v128.store', 16 * v],
    ]).flat(),
    get('row'),
    set('q'),
    ...forRange(
      'r',
      [i32(0)],
      [get('lanes')],
      [i32(1)],
      [
        get('dst'),
        get('r'),
        i32(4),
        op('i32.mul'),
        op('i32.add'),
        get('q'),
        ['f32.load', 0],
        ['f32.store', 0],
        ...inc('q', get('ls')),
      ],
    ),
  ];
  return {
    name,
    params: i32Params('src', 'ls', 'ks', 'count', 'kc', 'dst'),
    locals: i32Params('p', 'lanes', 'row', 'k', 'q', 'r'),
    body: forRange(
      'p',
      [i32(0)],
      [get('count')],
      [i32(R)],
      [
        ...min([i32(R)], [get('count'), get('p'), op('i32.sub')]),
        set('lanes'),
        get('src'),
        get('p'),
        get('ls'),
        op('i32.mul'),
        op('i32.add'),
        set('row'),
        get('lanes'),
        i32(R),
        op('i32.eq'),
        ['if'],
        get('ls'),
        i32(4),
        op('i32.eq'),
        ['if'],
        ...perK(vectorCopy),
        op('else'),
        ...perK(gather),
        end,
        op('else'),
        ...perK(edge),
        end,
      ],
    ),
  };
}

/**
 * `kernel(ap, bp, kc, cp, ldc, mr, nr, accumulate)`: C[0:mr, 0:nr] (row stride `ldc` bytes at `cp`)
 * = (accumulate ? C : 0) + Apanel (kc x MR) . Bpanel (kc x NR), accumulating in f32x4 registers.
 */
function kernelFunction({ mr: MR, nr: NR, unroll, relaxed }: MatmulTiling): WasmFunction {
  const NV = NR / 4;
  const acc = (r: number, v: number) => `acc${r}_${v}`;
  const bv = (v: number) => `b${v}`;
  const tile = (f: (r: number, v: number) => Instr[]): Instr[] =>
    Array.from({ length: MR }, (_, r) => Array.from({ length: NV }, (_, v) => f(r, v)).flat()).flat();
  // One k step u of the unrolled loop: NV vector loads of B, MR broadcasts of A, MR*NV mul+add.
  const step = (u: number): Instr[] => [
    ...Array.from({ length: NV }, (_, v): Instr[] => [
      get('bp'),
      ['v128.load', (u * NR + 4 * v) * 4],
      set(bv(v)),
    ]).flat(),
    ...Array.from({ length: MR }, (_, r): Instr[] => [
      get('ap'),
      ['v128.load32_splat', (u * MR + r) * 4],
      set('a'),
      ...Array.from({ length: NV }, (_, v): Instr[] =>
        relaxed
          ? [get('a'), get(bv(v)), get(acc(r, v)), op('f32x4.relaxed_madd'), set(acc(r, v))]
          : [get(acc(r, v)), get('a'), get(bv(v)), op('f32x4.mul'), op('f32x4.add'), set(acc(r, v))],
      ).flat(),
    ]).flat(),
  ];
  const kLoop = (label: string, u: number): Instr[] => [
    ['block', `$${label}.end`],
    ['loop', `$${label}.top`],
    get('k'),
    i32(u),
    op('i32.lt_s'),
    ['br_if', `$${label}.end`],
    ...Array.from({ length: u }, (_, i) => step(i)).flat(),
    ...inc('ap', i32(u * MR * 4)),
    ...inc('bp', i32(u * NR * 4)),
    ...inc('k', i32(-u)),
    ['br', `$${label}.top`],
    end,
    end,
  ];
  const storeRows = (accumulate: boolean): Instr[] => [
    get('cp'),
    set('crow'),
    ...Array.from({ length: MR }, (_, r): Instr[] => [
      ...Array.from({ length: NV }, (_, v): Instr[] =>
        accumulate
          ? [
              get('crow'),
              get('crow'),
              ['v128.load', 16 * v],
              get(acc(r, v)),
              op('f32x4.add'),
              ['v128.store', 16 * v],
            ]
          : [get('crow'), get(acc(r, v)), ['v128.store', 16 * v]],
      ).flat(),
      ...inc('crow', get('ldc')),
    ]).flat(),
  ];
  // Edge tile: spill to the scratch tile at address 0, then copy the mr x nr corner scalar by scalar.
  const storeEdge: Instr[] = [
    ...tile((r, v) => [i32(0), get(acc(r, v)), ['v128.store', (r * NR + 4 * v) * 4]]),
    ...forRange(
      'i',
      [i32(0)],
      [get('mr')],
      [i32(1)],
      [
        get('cp'),
        get('i'),
        get('ldc'),
        op('i32.mul'),
        op('i32.add'),
        set('crow'),
        get('i'),
        i32(NR * 4),
        op('i32.mul'),
        set('t'),
        ...forRange(
          'j',
          [i32(0)],
          [get('nr')],
          [i32(1)],
          [
            get('crow'),
            get('t'),
            ['f32.load', 0],
            get('crow'),
            ['f32.load', 0],
            ['f32.const', 0],
            get('accumulate'),
            op('select'),
            op('f32.add'),
            ['f32.store', 0],
            ...inc('crow', i32(4)),
            ...inc('t', i32(4)),
          ],
        ),
      ],
    ),
  ];
  return {
    name: 'kernel',
    params: i32Params('ap', 'bp', 'kc', 'cp', 'ldc', 'mr', 'nr', 'accumulate'),
    locals: [
      ...i32Params('k', 'crow', 'i', 'j', 't'),
      ...Array.from(
        { length: MR * NV },
        (_, i) => [acc(Math.floor(i / NV), i % NV), 'v128' as ValType] as const,
      ),
      ...Array.from({ length: NV }, (_, v) => [bv(v), 'v128' as ValType] as const),
      ['a', 'v128'],
    ],
    body: [
      ...tile((r, v) => [...zeroV128, set(acc(r, v))]),
      get('kc'),
      set('k'),
      ...kLoop('main', unroll),
      ...kLoop('rest', 1),
      get('mr'),
      i32(MR),
      op('i32.eq'),
      get('nr'),
      i32(NR),
      op('i32.eq'),
      op('i32.and'),
      ['if'],
      get('accumulate'),
      ['if'],
      ...storeRows(true),
      op('else'),
      ...storeRows(false),
      end,
      op('else'),
      ...storeEdge,
      end,
    ],
  };
}

/**
 * `gemm(a, b, c, M, N, K, sai, sak, sbk, sbj, pa, pb)`: C (M x N, row-major at `c`) = op(A) . op(B),
 * where op(A)[i, k] is the f32 at `a + (i*sai + k*sak)*4` and op(B)[k, j] at `b + (k*sbk + j*sbj)*4`.
 * `pa` and `pb` are packing buffers of MC*KC and ceil(N/NR)*NR*KC floats. Requires K >= 1.
 */
function gemmFunction({ mr: MR, nr: NR, kc: KC, mc: MC }: MatmulTiling): WasmFunction {
  return {
    name: 'gemm',
    exported: true,
    params: i32Params('a', 'b', 'c', 'M', 'N', 'K', 'sai', 'sak', 'sbk', 'sbj', 'pa', 'pb'),
    locals: i32Params('pc', 'kc', 'ic', 'mc', 'jr', 'ir'),
    body: [
      // Element strides to byte strides.
      ...['sai', 'sak', 'sbk', 'sbj'].flatMap((s): Instr[] => [get(s), i32(4), op('i32.mul'), set(s)]),
      ...forRange(
        'pc',
        [i32(0)],
        [get('K')],
        [i32(KC)],
        [
          ...min([i32(KC)], [get('K'), get('pc'), op('i32.sub')]),
          set('kc'),
          // packB(b + pc*sbk, ls = sbj, ks = sbk, N, kc, pb)
          get('b'),
          get('pc'),
          get('sbk'),
          op('i32.mul'),
          op('i32.add'),
          get('sbj'),
          get('sbk'),
          get('N'),
          get('kc'),
          get('pb'),
          ['call', 'packB'],
          ...forRange(
            'ic',
            [i32(0)],
            [get('M')],
            [i32(MC)],
            [
              ...min([i32(MC)], [get('M'), get('ic'), op('i32.sub')]),
              set('mc'),
              // packA(a + ic*sai + pc*sak, ls = sai, ks = sak, mc, kc, pa)
              get('a'),
              get('ic'),
              get('sai'),
              op('i32.mul'),
              op('i32.add'),
              get('pc'),
              get('sak'),
              op('i32.mul'),
              op('i32.add'),
              get('sai'),
              get('sak'),
              get('mc'),
              get('kc'),
              get('pa'),
              ['call', 'packA'],
              ...forRange(
                'jr',
                [i32(0)],
                [get('N')],
                [i32(NR)],
                [
                  ...forRange(
                    'ir',
                    [i32(0)],
                    [get('mc')],
                    [i32(MR)],
                    [
                      // kernel(pa + ir*kc*4, pb + jr*kc*4, kc, c + ((ic + ir)*N + jr)*4, N*4, mr, nr, pc > 0)
                      get('pa'),
                      get('ir'),
                      get('kc'),
                      op('i32.mul'),
                      i32(4),
                      op('i32.mul'),
                      op('i32.add'),
                      get('pb'),
                      get('jr'),
                      get('kc'),
                      op('i32.mul'),
                      i32(4),
                      op('i32.mul'),
                      op('i32.add'),
                      get('kc'),
                      get('c'),
                      get('ic'),
                      get('ir'),
                      op('i32.add'),
                      get('N'),
                      op('i32.mul'),
                      get('jr'),
                      op('i32.add'),
                      i32(4),
                      op('i32.mul'),
                      op('i32.add'),
                      get('N'),
                      i32(4),
                      op('i32.mul'),
                      ...min([i32(MR)], [get('mc'), get('ir'), op('i32.sub')]),
                      ...min([i32(NR)], [get('N'), get('jr'), op('i32.sub')]),
                      get('pc'),
                      i32(0),
                      op('i32.gt_s'),
                      ['call', 'kernel'],
                    ],
                  ),
                ],
              ),
            ],
          ),
        ],
      ),
    ],
  };
}

/** Assembles the matmul module for `tiling`. */
export function buildMatmulModule(tiling: MatmulTiling): Uint8Array {
  if (tiling.nr % 4 !== 0 || tiling.mc % tiling.mr !== 0 || tiling.mr * tiling.nr * 4 > scratchBytes)
    throw new Error(`buildMatmulModule: bad tiling ${JSON.stringify(tiling)}.`);
  return assemble({
    memory: { initialPages: 1 },
    functions: [
      gemmFunction(tiling),
      kernelFunction(tiling),
      packFunction('packA', tiling.mr),
      packFunction('packB', tiling.nr),
    ],
  });
}
