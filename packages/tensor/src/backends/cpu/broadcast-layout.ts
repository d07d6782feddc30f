import { type Shape, sizeOf } from '../../internal/shape';

/**
 * How an operand of shape `shape` sits inside `outShape` when broadcast: 'same', 'suffix' (it repeats
 * along leading dims: bias vectors, scalars), 'prefix' (one value per block of trailing dims: per-row
 * scales), or 'other'. For suffix/prefix, `inner` is the number of contiguous output elements per
 * input block.
 */
export interface BroadcastLayout {
  readonly kind: 'same' | 'suffix' | 'prefix' | 'other';
  readonly inner: number;
}

/** Classifies `shape` broadcast to `outShape` (see BroadcastLayout); shared by the cpu and wasm kernels. */
export function broadcastLayout(shape: Shape, outShape: Shape): BroadcastLayout {
  const rank = outShape.length;
  const pad = [...new Array(rank - shape.length).fill(1), ...shape];
  if (pad.every((d, i) => d === outShape[i])) return { kind: 'same', inner: 1 };
  let k = 0;
  while (k < rank && pad[k] === 1) k++;
  if (pad.slice(k).every((d, i) => d === outShape[k + i]))
    return { kind: 'suffix', inner: sizeOf(outShape.slice(k)) };
  let e = rank;
  while (e > 0 && pad[e - 1] === 1) e--;
  if (pad.slice(0, e).every((d, i) => d === outShape[i]))
    return { kind: 'prefix', inner: sizeOf(outShape.slice(e)) };
  return { kind: 'other', inner: 0 };
}
