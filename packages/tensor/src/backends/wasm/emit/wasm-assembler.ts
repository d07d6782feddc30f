// A tiny WebAssembly binary assembler: a module is a list of functions whose bodies are readable
// instruction tuples (`['local.get', 'k']`, `['v128.load', 16]`, `['br_if', '$done']`), encoded with
// LEB128 into the type, function, memory, export and code sections. It knows only the opcodes the
// kernels use; add rows to OPS as kernels need more. Reference: the WebAssembly core spec, binary
// format (https://webassembly.github.io/spec/core/binary/) and the SIMD proposal's BinarySIMD.md.

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';

/** One instruction: the opcode name and its immediates (a local or label name, a constant, an offset). */
export type Instr = readonly [op: string, ...immediates: (number | string)[]];

export interface WasmFunction {
  readonly name: string;
  /** Parameters in order, by name. */
  readonly params: readonly (readonly [name: string, type: ValType])[];
  readonly result?: ValType;
  readonly locals: readonly (readonly [name: string, type: ValType])[];
  /** The body without its final `end`. */
  readonly body: readonly Instr[];
  readonly exported?: boolean;
}

export interface WasmModule {
  /** One memory of `initialPages` 64 KiB pages, exported as `memory`, growable from JS. */
  readonly memory: { readonly initialPages: number };
  readonly functions: readonly WasmFunction[];
}

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

type Immediate =
  | 'none'
  | 'local'
  | 'label'
  | 'block'
  | 'func'
  | 'i32'
  | 'f32'
  | 'f64'
  | 'memarg'
  | 'lane'
  | 'f32x4'
  | 'i32x4'
  | 'f64x2'
  | 'shuffle';

/** A SIMD opcode: the 0xfd prefix, then the LEB128 sub-opcode. */
const simd = (sub: number): number[] => [0xfd, ...uleb(sub)];

/** opcode name -> [encoding (SIMD ops: 0xfd then the LEB128 sub-opcode), immediate kind, log2 natural alignment]. */
const OPS: Record<string, readonly [number[], Immediate, number?]> = {
  block: [[0x02], 'block'],
  loop: [[0x03], 'block'],
  if: [[0x04], 'block'],
  else: [[0x05], 'none'],
  end: [[0x0b], 'none'],
  br: [[0x0c], 'label'],
  br_if: [[0x0d], 'label'],
  return: [[0x0f], 'none'],
  call: [[0x10], 'func'],
  drop: [[0x1a], 'none'],
  select: [[0x1b], 'none'],
  'local.get': [[0x20], 'local'],
  'local.set': [[0x21], 'local'],
  'local.tee': [[0x22], 'local'],
  'f32.load': [[0x2a], 'memarg', 2],
  'f32.store': [[0x38], 'memarg', 2],
  'i32.const': [[0x41], 'i32'],
  'f32.const': [[0x43], 'f32'],
  'i32.eqz': [[0x45], 'none'],
  'i32.eq': [[0x46], 'none'],
  'i32.ne': [[0x47], 'none'],
  'i32.lt_s': [[0x48], 'none'],
  'i32.gt_s': [[0x4a], 'none'],
  'i32.le_s': [[0x4c], 'none'],
  'i32.ge_s': [[0x4e], 'none'],
  'i32.add': [[0x6a], 'none'],
  'i32.sub': [[0x6b], 'none'],
  'i32.mul': [[0x6c], 'none'],
  'i32.and': [[0x71], 'none'],
  'f32.add': [[0x92], 'none'],
  'f64.load': [[0x2b], 'memarg', 3],
  'i32.load8_u': [[0x2d], 'memarg', 0],
  'f64.store': [[0x39], 'memarg', 3],
  'f64.const': [[0x44], 'f64'],
  'f32.eq': [[0x5b], 'none'],
  'f32.ne': [[0x5c], 'none'],
  'f32.lt': [[0x5d], 'none'],
  'f32.gt': [[0x5e], 'none'],
  'i32.shl': [[0x74], 'none'],
  'i32.shr_s': [[0x75], 'none'],
  'f32.mul': [[0x94], 'none'],
  'f32.div': [[0x95], 'none'],
  'f32.min': [[0x96], 'none'],
  'f32.max': [[0x97], 'none'],
  'f64.add': [[0xa0], 'none'],
  'f64.sub': [[0xa1], 'none'],
  'f64.mul': [[0xa2], 'none'],
  'f64.div': [[0xa3], 'none'],
  'f64.sqrt': [[0x9f], 'none'],
  'f64.convert_i32_s': [[0xb7], 'none'],
  'f32.demote_f64': [[0xb6], 'none'],
  'f64.promote_f32': [[0xbb], 'none'],
  'v128.load': [simd(0x00), 'memarg', 4],
  'v128.load32_splat': [simd(0x09), 'memarg', 2],
  'v128.store': [simd(0x0b), 'memarg', 4],
  // v128.const with four equal lanes, given as one f32 or one i32 value.
  'f32x4.const': [simd(0x0c), 'f32x4'],
  'i32x4.const': [simd(0x0c), 'i32x4'],
  'f64x2.const': [simd(0x0c), 'f64x2'],
  'i8x16.shuffle': [simd(0x0d), 'shuffle'],
  'f32x4.splat': [simd(0x13), 'none'],
  'i32x4.splat': [simd(0x11), 'none'],
  'f64x2.splat': [simd(0x14), 'none'],
  'f32x4.extract_lane': [simd(0x1f), 'lane'],
  'f64x2.extract_lane': [simd(0x21), 'lane'],
  'i32x4.eq': [simd(0x37), 'none'],
  'f32x4.eq': [simd(0x41), 'none'],
  'f32x4.ne': [simd(0x42), 'none'],
  'f32x4.lt': [simd(0x43), 'none'],
  'f32x4.gt': [simd(0x44), 'none'],
  'f32x4.le': [simd(0x45), 'none'],
  'f32x4.ge': [simd(0x46), 'none'],
  'v128.not': [simd(0x4d), 'none'],
  'v128.and': [simd(0x4e), 'none'],
  'v128.andnot': [simd(0x4f), 'none'],
  'v128.or': [simd(0x50), 'none'],
  'v128.xor': [simd(0x51), 'none'],
  'v128.bitselect': [simd(0x52), 'none'],
  'v128.any_true': [simd(0x53), 'none'],
  'v128.load32_zero': [simd(0x5c), 'memarg', 2],
  'v128.load64_zero': [simd(0x5d), 'memarg', 3],
  'f32x4.demote_f64x2_zero': [simd(0x5e), 'none'],
  'f64x2.promote_low_f32x4': [simd(0x5f), 'none'],
  'f32x4.nearest': [simd(0x6a), 'none'],
  'f64x2.nearest': [simd(0x94), 'none'],
  'i16x8.extend_low_i8x16_u': [simd(0x89), 'none'],
  'i32x4.extend_low_i16x8_u': [simd(0xa9), 'none'],
  'i32x4.shl': [simd(0xab), 'none'],
  'i32x4.shr_s': [simd(0xac), 'none'],
  'i32x4.shr_u': [simd(0xad), 'none'],
  'i32x4.add': [simd(0xae), 'none'],
  'i32x4.sub': [simd(0xb1), 'none'],
  'f32x4.abs': [simd(0xe0), 'none'],
  'f32x4.neg': [simd(0xe1), 'none'],
  'f32x4.sqrt': [simd(0xe3), 'none'],
  'f32x4.add': [simd(0xe4), 'none'],
  'f32x4.sub': [simd(0xe5), 'none'],
  'f32x4.mul': [simd(0xe6), 'none'],
  'f32x4.div': [simd(0xe7), 'none'],
  'f32x4.min': [simd(0xe8), 'none'],
  'f32x4.max': [simd(0xe9), 'none'],
  'f32x4.pmax': [simd(0xeb), 'none'],
  'f64x2.abs': [simd(0xec), 'none'],
  'f64x2.neg': [simd(0xed), 'none'],
  'f64x2.add': [simd(0xf0), 'none'],
  'f64x2.sub': [simd(0xf1), 'none'],
  'f64x2.mul': [simd(0xf2), 'none'],
  'f64x2.min': [simd(0xf4), 'none'],
  'f64x2.max': [simd(0xf5), 'none'],
  'i32x4.trunc_sat_f32x4_s': [simd(0xf8), 'none'],
  'f32x4.convert_i32x4_s': [simd(0xfa), 'none'],
  // Relaxed SIMD (Wasm 3.0): a*b + c, fused where the hardware has FMA.
  'f32x4.relaxed_madd': [simd(0x105), 'none'],
};

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`uleb: ${value} is not a u32.`);
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(value: number): number[] {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31)
    throw new RangeError(`sleb: ${value} is not an i32.`);
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

function encodeBody(fn: WasmFunction, funcIndex: Map<string, number>): number[] {
  const locals = new Map<string, number>();
  for (const [name] of [...fn.params, ...fn.locals]) {
    if (locals.has(name)) throw new Error(`${fn.name}: local '${name}' declared twice.`);
    locals.set(name, locals.size);
  }
  // Consecutive locals of one type share a run: (count, type).
  const runs: number[][] = [];
  let i = 0;
  while (i < fn.locals.length) {
    let j = i;
    while (j < fn.locals.length && fn.locals[j][1] === fn.locals[i][1]) j++;
    runs.push([...uleb(j - i), VALTYPE[fn.locals[i][1]]]);
    i = j;
  }
  const code: number[] = [];
  // Enclosing block labels, innermost last; the function body itself is the outermost block.
  const labels: (string | undefined)[] = [undefined];
  for (const instr of [...fn.body, ['end'] as Instr]) {
    if (labels.length === 0) throw new Error(`${fn.name}: instructions after the body's final end.`);
    const [op, ...imm] = instr;
    const spec = OPS[op];
    if (!spec) throw new Error(`${fn.name}: unknown opcode '${op}'.`);
    const [bytes, kind, align] = spec;
    code.push(...bytes);
    const where = `${fn.name}: ${op} ${imm.join(' ')}`;
    switch (kind) {
      case 'none':
        if (op === 'end') labels.pop();
        break;
      case 'block':
        code.push(0x40); // empty block type
        labels.push(imm[0] as string | undefined);
        break;
      case 'label': {
        const depth =
          typeof imm[0] === 'number' ? imm[0] : labels.length - 1 - labels.lastIndexOf(imm[0] as string);
        if (depth < 0 || depth >= labels.length) throw new Error(`${where}: no such enclosing label.`);
        code.push(...uleb(depth));
        break;
      }
      case 'local': {
        const index = locals.get(imm[0] as string);
        if (index === undefined) throw new Error(`${where}: undeclared local.`);
        code.push(...uleb(index));
        break;
      }
      case 'func': {
        const index = funcIndex.get(imm[0] as string);
        if (index === undefined) throw new Error(`${where}: no such function.`);
        code.push(...uleb(index));
        break;
      }
      case 'i32':
        code.push(...sleb(imm[0] as number));
        break;
      case 'f32':
        code.push(...new Uint8Array(new Float32Array([imm[0] as number]).buffer));
        break;
      case 'f64':
        code.push(...new Uint8Array(new Float64Array([imm[0] as number]).buffer));
        break;
      case 'f32x4':
        code.push(...new Uint8Array(new Float32Array(4).fill(imm[0] as number).buffer));
        break;
      case 'i32x4':
        code.push(...new Uint8Array(new Int32Array(4).fill(imm[0] as number).buffer));
        break;
      case 'f64x2':
        code.push(...new Uint8Array(new Float64Array(2).fill(imm[0] as number).buffer));
        break;
      case 'lane':
        code.push(imm[0] as number);
        break;
      case 'shuffle':
        if (imm.length !== 16 || imm.some((l) => typeof l !== 'number' || l < 0 || l > 31))
          throw new Error(`${where}: a shuffle takes 16 lane indices in 0..31.`);
        code.push(...(imm as number[]));
        break;
      case 'memarg':
        code.push(...uleb(align!), ...uleb((imm[0] as number | undefined) ?? 0));
        break;
    }
  }
  if (labels.length !== 0) throw new Error(`${fn.name}: ${labels.length} unclosed blocks.`);
  const body = [...vec(runs), ...code];
  return [...uleb(body.length), ...body];
}

/** Encodes `module` as a WebAssembly binary. */
export function assemble(module: WasmModule): Uint8Array {
  const funcIndex = new Map(module.functions.map((f, i) => [f.name, i]));
  const signature = (f: WasmFunction) => [
    0x60,
    ...vec(f.params.map(([, t]) => [VALTYPE[t]])),
    ...vec(f.result ? [[VALTYPE[f.result]]] : []),
  ];
  const types: number[][] = [];
  const typeOf = module.functions.map((f) => {
    const sig = signature(f);
    let index = types.findIndex((t) => t.join() === sig.join());
    if (index < 0) index = types.push(sig) - 1;
    return index;
  });
  const exports = [
    [...uleb(6), ...utf8('memory'), 0x02, 0x00],
    ...module.functions.flatMap((f, i) =>
      f.exported ? [[...uleb(utf8(f.name).length), ...utf8(f.name), 0x00, ...uleb(i)]] : [],
    ),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec(types)),
    ...section(3, vec(typeOf.map((t) => uleb(t)))),
    ...section(5, vec([[0x00, ...uleb(module.memory.initialPages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(module.functions.map((f) => encodeBody(f, funcIndex)))),
  ];
  return Uint8Array.from(bytes);
}
