import { around, decompose, kernelSource, offset, sizeOf, stridesOf } from '../codegen';
import type { KernelSpec } from '../device';

/** `out[c] = x[c with c[axis] = index[c]]` over `index`'s shape (PyTorch `gather`). */
export function gatherSpec(
  xShape: readonly number[],
  indexShape: readonly number[],
  axis: number,
): KernelSpec {
  const { lines, coords } = decompose(indexShape, 'i', 'c');
  const xs = stridesOf(xShape);
  const at = coords.map((c, d) => (d === axis ? 'j' : c));
  const body = [...lines, 'const j = a1[i];', `return a0[${offset(at, xs)}];`];
  return { name: 'gather', source: kernelSource(2, body), size: sizeOf(indexShape) };
}

/** Slices of `x` along `axis` picked by the 1-D `index` (argument 1). */
export function indexSelectSpec(xShape: readonly number[], length: number, axis: number): KernelSpec {
  const [outer, n, inner] = around(xShape, axis);
  const { lines, coords } = decompose([outer, length, inner], 'i', 'c');
  const [o, j, r] = coords;
  const body = [...lines, `const k = a1[${j}];`, `return a0[${offset([o, 'k', r], [n * inner, inner, 1])}];`];
  return { name: 'indexSelect', source: kernelSource(2, body), size: outer * length * inner };
}

/**
 * `out = x` plus, for every position p of `index`, `src[p]` added at `p` with `p[axis] = index[p]`
 * (PyTorch `scatter_add`). Written gather-style: each output value scans the index entries that
 * could land on it (the `axis` column of `index` at its other coordinates), in index order.
 */
export function scatterAddSpec(
  xShape: readonly number[],
  indexShape: readonly number[],
  srcShape: readonly number[],
  axis: number,
): KernelSpec {
  const { lines, coords } = decompose(xShape, 'i', 'c');
  const is = stridesOf(indexShape);
  const ss = stridesOf(srcShape);
  const others = coords.map((c, d) => (d === axis ? '0' : c));
  // Output positions beyond index's extent in a non-axis dim receive nothing.
  const inside = coords
    .map((c, d) => (d !== axis && indexShape[d] < xShape[d] ? `${c} < ${indexShape[d]}` : ''))
    .filter(Boolean);
  const body = [...lines, 'let acc = a0[i];'];
  if (sizeOf(indexShape) > 0) {
    body.push(
      inside.length ? `if (${inside.join(' && ')}) {` : '{',
      `  const ib = ${offset(others, is)};`,
      `  const sb = ${offset(others, ss)};`,
      `  for (let t = 0; t < ${indexShape[axis]}; t++) {`,
      `    if (a1[ib + t * ${is[axis]}] === ${coords[axis]}) {`,
      `      acc = acc + a2[sb + t * ${ss[axis]}];`,
      '    }',
      '  }',
      '}',
    );
  }
  body.push('return acc;');
  return { name: 'scatterAdd', source: kernelSource(3, body), size: sizeOf(xShape) };
}
