// Helpers that write gpu.js kernel sources. Every kernel computes one element of a flat,
// row-major output (`this.thread.x` is the flat index) and reads its inputs as flat 1-D arrays;
// gpu.js lays long 1-D buffers out as near-square 2-D textures on the GL backends, so no buffer
// dimension ever exceeds MAX_TEXTURE_SIZE while kernels still index flat.

/** Row-major strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Strides that read `shape` broadcast (NumPy rules, aligned right) to `outShape`: 0 on repeated dims. */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const lead = outShape.length - shape.length;
  return outShape.map((_, d) => {
    const k = d - lead;
    return k < 0 || shape[k] === 1 ? 0 : own[k];
  });
}

/** `[outer, n, inner]`: `shape` viewed around `axis`. */
export function around(shape: readonly number[], axis: number): [number, number, number] {
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/**
 * A number as kernel source. Integers print bare; other values keep every float64 digit so the
 * float32 the shader parses is the one the CPU would round to. gpu.js maps `Infinity` itself.
 */
export function lit(v: number): string {
  if (Number.isNaN(v)) return '(0.0 / 0.0)';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '(-Infinity)';
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) return v < 0 ? `(${v})` : `${v}`;
  const s = v.toString();
  const text = /[.e]/.test(s) ? s : `${s}.0`;
  return v < 0 ? `(${text})` : text;
}

/**
 * Source lines that split the flat index `index` into coordinates of `shape`, plus the
 * coordinate expressions (`'0'` for size-1 dims). Division is done as `floor((i + 0.5) / s)`:
 * the half keeps the quotient away from an integer boundary, so the approximate division of
 * GL drivers can never round it to the wrong side (exact below 2^24 elements).
 */
export function decompose(
  shape: readonly number[],
  index: string,
  prefix: string,
): { lines: string[]; coords: string[] } {
  const strides = stridesOf(shape);
  const lines: string[] = [];
  const coords: string[] = [];
  let rest = index;
  const last = shape.length - 1;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) {
      coords.push('0');
      continue;
    }
    const isLastUseful = shape.slice(d + 1).every((s) => s === 1);
    if (isLastUseful || d === last) {
      coords.push(rest);
      break;
    }
    const c = `${prefix}${d}`;
    lines.push(`const ${c} = Math.floor((${rest} + 0.5) / ${strides[d]});`);
    const r = `${prefix}r${d}`;
    lines.push(`const ${r} = ${rest} - ${c} * ${strides[d]};`);
    coords.push(c);
    rest = r;
  }
  while (coords.length < shape.length) coords.push('0');
  return { lines, coords };
}

/** `sum_d coords[d] * strides[d]` as source, skipping zero terms; `base` is added when non-zero. */
export function offset(coords: readonly string[], strides: readonly number[], base = 0): string {
  const terms: string[] = [];
  if (base !== 0) terms.push(lit(base));
  coords.forEach((c, d) => {
    if (strides[d] === 0 || c === '0') return;
    terms.push(strides[d] === 1 ? c : `${c} * ${strides[d]}`);
  });
  return terms.length ? terms.join(' + ') : '0';
}

/** A kernel source `function(a0, a1, ...) { body }` whose flat output index is `i`. */
export function kernelSource(args: number, body: readonly string[]): string {
  const params = Array.from({ length: args }, (_, k) => `a${k}`).join(', ');
  return `function(${params}) {\n  const i = this.thread.x;\n  ${body.join('\n  ')}\n}`;
}

/**
 * A NaN test for kernel source. `v !== v` is folded to false by some shader compilers (WGSL lets
 * them assume NaN never occurs, and SwiftShader does); an ordered comparison keeps its IEEE meaning.
 */
export function isNaNExpr(v: string): string {
  return `!(${v} < 0 || ${v} >= 0)`;
}
