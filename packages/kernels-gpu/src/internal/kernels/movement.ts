import { around, decompose, kernelSource, lit, offset, sizeOf, stridesOf } from '../codegen';
import type { KernelSpec } from '../device';

/** Copies `x` read at `base + sum(coord[d] * strides[d])` for every coordinate of `outShape`. */
function stridedSpec(
  name: string,
  outShape: readonly number[],
  strides: readonly number[],
  base: number,
): KernelSpec {
  const { lines, coords } = decompose(outShape, 'i', 'c');
  const at = offset(coords, strides, base);
  return { name, source: kernelSource(1, [...lines, `return a0[${at}];`]), size: sizeOf(outShape) };
}

/** `x` with its dims reordered by `perm`. */
export function permuteSpec(shape: readonly number[], perm: readonly number[]): KernelSpec {
  const strides = stridesOf(shape);
  return stridedSpec(
    'permute',
    perm.map((p) => shape[p]),
    perm.map((p) => strides[p]),
    0,
  );
}

/** `x` broadcast to `outShape` (same rank; size-1 dims repeat). */
export function expandSpec(shape: readonly number[], outShape: readonly number[]): KernelSpec {
  const own = stridesOf(shape);
  const lead = outShape.length - shape.length;
  const strides = outShape.map((_, d) => (d < lead || shape[d - lead] === 1 ? 0 : own[d - lead]));
  return stridedSpec('expand', outShape, strides, 0);
}

/** The box `begin .. begin + size` of `x`. */
export function sliceSpec(
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): KernelSpec {
  const strides = stridesOf(shape);
  const base = begin.reduce((s, b, d) => s + b * strides[d], 0);
  return stridedSpec('slice', size, strides, base);
}

/** Constant padding (negative pads crop): out-of-range source coordinates give `value`. */
export function padSpec(
  shape: readonly number[],
  pads: readonly (readonly [number, number])[],
  value: number,
): KernelSpec {
  const outShape = shape.map((d, i) => d + pads[i][0] + pads[i][1]);
  const { lines, coords } = decompose(outShape, 'i', 'c');
  const strides = stridesOf(shape);
  const src = coords.map((c, d) => (pads[d][0] === 0 ? c : `(${c} - ${lit(pads[d][0])})`));
  const checks: string[] = [];
  src.forEach((s, d) => {
    // A coordinate can leave the source only on a side that was padded.
    if (pads[d][0] > 0) checks.push(`${s} < 0`);
    if (pads[d][1] > 0) checks.push(`${s} > ${shape[d] - 1}`);
  });
  const body = [...lines];
  if (checks.length) body.push(`if (${checks.join(' || ')}) { return ${lit(value)}; }`);
  body.push(`return a0[${offset(src, strides)}];`);
  return { name: 'pad', source: kernelSource(1, body), size: sizeOf(outShape) };
}

/** Concatenation of `shapes` (all non-empty) along `axis`; input k is argument k. */
export function concatSpec(shapes: readonly (readonly number[])[], axis: number): KernelSpec {
  const total = shapes.reduce((s, x) => s + x[axis], 0);
  const outShape = shapes[0].slice();
  outShape[axis] = total;
  const [outer, , inner] = around(outShape, axis);
  const { lines, coords } = decompose([outer, total, inner], 'i', 'c');
  const [o, c, r] = coords;
  const body = [...lines];
  let start = 0;
  shapes.forEach((x, k) => {
    const len = x[axis];
    const at = offset([o, `(${c} - ${start})`, r], [len * inner, inner, 1]);
    const read = `return a${k}[${start === 0 ? offset([o, c, r], [len * inner, inner, 1]) : at}];`;
    if (k === shapes.length - 1) body.push(read);
    else body.push(`if (${c} < ${start + len}) { ${read} }`);
    start += len;
  });
  return { name: 'concat', source: kernelSource(shapes.length, body), size: sizeOf(outShape) };
}
