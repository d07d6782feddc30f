// Small expression builders over wasm-assembler instructions, so the vector math in simd-math.ts reads
// like formulas: `add(mul(x, 2), 1)` instead of five stack instructions. An operand is a local's name,
// a number (an f32x4 constant with four equal lanes) or an instruction list that leaves one value.

import type { Instr, ValType } from './wasm-assembler';

/** A v128 operand: a local's name, an f32 constant splat over four lanes, or instructions leaving one value. */
export type Operand = string | number | readonly Instr[];

/** The instructions that push `x`. */
export function push(x: Operand): Instr[] {
  if (typeof x === 'string') return [['local.get', x]];
  if (typeof x === 'number') return [['f32x4.const', x]];
  return [...x];
}

const binaryOp =
  (op: string) =>
  (a: Operand, b: Operand): Instr[] => [...push(a), ...push(b), [op]];
const unaryOp =
  (op: string) =>
  (a: Operand): Instr[] => [...push(a), [op]];

export const add = binaryOp('f32x4.add');
export const sub = binaryOp('f32x4.sub');
export const mul = binaryOp('f32x4.mul');
export const div = binaryOp('f32x4.div');
/** Lanewise min/max; NaN in either lane gives NaN. */
export const min = binaryOp('f32x4.min');
export const max = binaryOp('f32x4.max');
export const lt = binaryOp('f32x4.lt');
export const gt = binaryOp('f32x4.gt');
export const ge = binaryOp('f32x4.ge');
export const le = binaryOp('f32x4.le');
export const eq = binaryOp('f32x4.eq');
export const ne = binaryOp('f32x4.ne');
export const and = binaryOp('v128.and');
export const or = binaryOp('v128.or');
export const xor = binaryOp('v128.xor');
export const iadd = binaryOp('i32x4.add');
export const isub = binaryOp('i32x4.sub');
export const abs = unaryOp('f32x4.abs');
export const neg = unaryOp('f32x4.neg');
export const sqrt = unaryOp('f32x4.sqrt');
export const nearest = unaryOp('f32x4.nearest');
/** f32 lanes to i32 lanes, truncating (NaN gives 0, out-of-range saturates). */
export const toInt = unaryOp('i32x4.trunc_sat_f32x4_s');
export const toFloat = unaryOp('f32x4.convert_i32x4_s');

/** An i32x4 constant with four equal lanes. */
export const int = (value: number): Instr[] => [['i32x4.const', value]];
export const shl = (a: Operand, bits: number): Instr[] => [...push(a), ['i32.const', bits], ['i32x4.shl']];
export const shr = (a: Operand, bits: number): Instr[] => [...push(a), ['i32.const', bits], ['i32x4.shr_s']];

/** Lanewise `mask ? a : b` (mask lanes all ones or all zeros, as comparisons give). */
export const select = (mask: Operand, a: Operand, b: Operand): Instr[] => [
  ...push(a),
  ...push(b),
  ...push(mask),
  ['v128.bitselect'],
];

/** `c[0] x^(k-1) + ... + c[k-1]` by Horner's rule. */
export function horner(x: Operand, coefficients: readonly number[]): Instr[] {
  let acc: Instr[] = push(coefficients[0]);
  for (const c of coefficients.slice(1)) acc = add(mul(acc, x), c);
  return acc;
}

/**
 * Collects the instructions and fresh locals of one function body: `let` evaluates an expression into
 * a new local and returns its name, so a formula's intermediate values are computed once.
 */
export class Emitter {
  readonly code: Instr[] = [];
  readonly locals: [name: string, type: ValType][] = [];
  private count = 0;

  /** A fresh local of `type`. */
  local(type: ValType = 'v128', hint = 't'): string {
    const name = `${hint}.${this.count++}`;
    this.locals.push([name, type]);
    return name;
  }

  /** Evaluates `value` into a fresh local and returns its name. */
  let(value: Operand, type: ValType = 'v128'): string {
    if (typeof value === 'string') return value;
    const name = this.local(type);
    this.code.push(...push(value), ['local.set', name]);
    return name;
  }

  /** Appends raw instructions. */
  emit(...instrs: Instr[]): void {
    this.code.push(...instrs);
  }

  /** Returns the instructions appended so far and starts over (the locals stay declared). */
  take(): Instr[] {
    return this.code.splice(0, this.code.length);
  }
}
