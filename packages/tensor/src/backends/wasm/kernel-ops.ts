import type { BinaryOp, UnaryOp } from '../../backend';

// What the kernels module (emit/kernels-program.ts) implements, by name: the runtime side reads these
// lists instead of the emitter, which stays out of the bundle.

/** The float32 unary ops with a vector kernel; the module exports `unary_<op>` for each. */
export const wasmUnaryOps = [
  'neg',
  'abs',
  'relu',
  'square',
  'sqrt',
  'rsqrt',
  'reciprocal',
  'exp',
  'expm1',
  'log',
  'tanh',
  'sigmoid',
  'silu',
  'gelu',
  'geluGrad',
  'geluTanh',
  'geluTanhGrad',
] as const satisfies readonly UnaryOp[];

export type WasmUnaryOp = (typeof wasmUnaryOps)[number];

/** The unary ops cheap enough in JS that wasm pays only on bigger tensors (see MinElements). */
export const cheapUnaryOps: readonly WasmUnaryOp[] = [
  'neg',
  'abs',
  'relu',
  'square',
  'sqrt',
  'rsqrt',
  'reciprocal',
];

/** The float32 binary ops with a vector kernel; the module exports `binary_<op>_<form>` for each form. */
export const wasmBinaryOps = [
  'add',
  'sub',
  'mul',
  'div',
  'maximum',
  'minimum',
] as const satisfies readonly BinaryOp[];

export type WasmBinaryOp = (typeof wasmBinaryOps)[number];

/** The operand layouts of a binary kernel: both read along the row, b splatted, a splatted. */
export const binaryForms = {
  vv: ['vector', 'vector'],
  vs: ['vector', 'splat'],
  sv: ['splat', 'vector'],
} as const;

export type BinaryForm = keyof typeof binaryForms;

/** The layouts of `where`'s a and b (the condition is always read along the row); exports `where_<form>`. */
export const whereForms = { ...binaryForms, ss: ['splat', 'splat'] } as const;

export type WhereForm = keyof typeof whereForms;
