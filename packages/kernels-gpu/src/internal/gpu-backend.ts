import {
  type Backend,
  cpuBackend,
  type DType,
  IndexError,
  type KernelName,
  type Kernels,
  type KernelTensor,
  type ReduceOp,
  type TypedArray,
} from '@llm/tensor';
import { AsyncReadbackError } from '../errors';
import { around, sizeOf } from './codegen';
import type { KernelSpec } from './device';
import type { Executor, Slot } from './executor';
import { GpuHandle, HOST_COPY_LIMIT, handleOf, hostMatches, toHost } from './handle';
import { shadowHostIntegers } from './host-shadow';
import { binarySpec, castSpec, clampSpec, unarySpec, whereSpec } from './kernels/elementwise';
import { gatherSpec, indexSelectSpec, scatterAddSpec } from './kernels/indexing';
import { matmulSpec } from './kernels/matmul';
import { concatSpec, expandSpec, padSpec, permuteSpec, sliceSpec } from './kernels/movement';
import { argPassSpec, emptyReduction, fillSpec, foldPassSpec, REDUCE_GROUP } from './kernels/reduce';
import { shiftedExpSpec, softmaxFinishSpec } from './kernels/softmax';

/** The tensor `Backend` over one executor, with its per-op CPU fallback counts. */
export interface GpuBackendParts {
  readonly backend: Backend;
  /** `kernel (reason)` -> how many calls ran on the CPU inside this backend. */
  readonly fallbacks: Map<string, number>;
}

/**
 * Builds the `@llm/tensor` backend named `name` whose kernels run through `executor`. Buffers are
 * freed by `dispose` and, for tensors that are simply dropped, by a FinalizationRegistry on the
 * handle objects.
 */
export function createGpuBackend(name: string, executor: Executor, modeLabel: string): GpuBackendParts {
  const fallbacks = new Map<string, number>();
  const registry = new FinalizationRegistry<Slot>((slot) => executor.release(slot));

  const wrap = (slot: Slot | null, host: TypedArray | null = null): GpuHandle => {
    const handle = new GpuHandle(slot, host);
    if (slot) registry.register(handle, slot, handle);
    return handle;
  };

  const syncReadError = (what: string) =>
    new AsyncReadbackError(
      `${what}: the '${name}' backend runs on ${modeLabel}, whose results can only be read asynchronously; ` +
        'use `await t.dataAsync()` / `await t.itemAsync()` (or `await flush()`), not `t.data`, `toArray()` or `item()`.',
    );

  const upload = (data: TypedArray, dtype: DType): GpuHandle => {
    if (dtype === 'float64') return wrap(null, data.slice());
    const f32 = data instanceof Float32Array ? data : Float32Array.from(data);
    const keep = dtype !== 'float32' && data.length <= HOST_COPY_LIMIT ? data.slice() : null;
    return wrap(executor.upload(f32), keep);
  };

  const download = (data: unknown, dtype: DType): TypedArray => {
    const h = data as GpuHandle;
    if (h.host && hostMatches(h.host, dtype)) return h.host.slice();
    if (executor.deferred) throw syncReadError('data');
    return toHost(executor.readSync(h.slot!), dtype);
  };

  const downloadAsync = async (data: unknown, dtype: DType): Promise<TypedArray> => {
    const h = data as GpuHandle;
    if (h.host && hostMatches(h.host, dtype)) return h.host.slice();
    return toHost(await executor.read(h.slot!), dtype);
  };

  /** The device buffer of a float32/int32/bool input. */
  const slotOf = (x: KernelTensor): Slot => handleOf(x).slot!;

  /** Runs `spec` and wraps its result as a new tensor handle. */
  const run = (spec: KernelSpec, inputs: readonly KernelTensor[]): GpuHandle =>
    wrap(executor.run(spec, inputs.map(slotOf)));

  /**
   * Runs the cpu kernel `kernel` on host copies of the inputs (float64 data never goes to the
   * device). On a deferred executor a device input cannot be read synchronously, so that throws.
   */
  const onCpu = (kernel: KernelName, reason: string, inputs: readonly KernelTensor[], outDtype: DType) => {
    const hosted = inputs.map((x): KernelTensor => {
      const h = handleOf(x);
      if (h.host && hostMatches(h.host, x.dtype)) return { ...x, data: h.host };
      if (executor.deferred)
        throw new AsyncReadbackError(
          `${kernel}: on the '${name}' backend (${modeLabel}) every op must have a GPU kernel, but this call ` +
            `has ${reason} operands, which run on the CPU and need a synchronous readback. ` +
            "Cast to float32 first (`t.to('float32')`).",
        );
      return { ...x, data: toHost(executor.readSync(h.slot!), x.dtype) };
    });
    const key = `${kernel} (${reason})`;
    fallbacks.set(key, (fallbacks.get(key) ?? 0) + 1);
    return (call: (cpu: Kernels, xs: KernelTensor[]) => unknown): GpuHandle => {
      const out = call(cpuBackend.kernels as Kernels, hosted) as TypedArray;
      return upload(out, outDtype);
    };
  };
  const f64 = (xs: readonly KernelTensor[], outDtype?: DType) =>
    outDtype === 'float64' || xs.some((x) => x.dtype === 'float64');

  /** Checks host-known index values the way the cpu kernels do (device-made indices are trusted). */
  const checkIndex = (op: string, index: KernelTensor, size: number, axis: number) => {
    const host = handleOf(index).host;
    if (!host) return;
    for (const v of host) {
      if (!(v >= 0 && v < size))
        throw new IndexError(`${op}: 'index' value ${v} is out of range for dim ${axis} of size ${size}.`);
    }
  };

  /** The reduction of `slot` (shape `[outer, n, inner]`) along its middle dim, as a new slot. */
  const reduceSlot = (slot: Slot, op: ReduceOp, outer: number, n: number, inner: number): Slot => {
    if (n === 0) return executor.run(fillSpec('reduce', outer * inner, emptyReduction(op)), []);
    if (op === 'argmax' || op === 'argmin') return executor.run(argPassSpec(op, outer, n, inner), [slot]);
    let cur = slot;
    // Tree passes keep every sequential float32 fold at most REDUCE_GROUP long.
    while (n > REDUCE_GROUP) {
      const next = executor.run(foldPassSpec(op, outer, n, inner, REDUCE_GROUP), [cur]);
      if (cur !== slot) executor.release(cur);
      cur = next;
      n = Math.ceil(n / REDUCE_GROUP);
    }
    const out = executor.run(foldPassSpec(op, outer, n, inner, n), [cur]);
    if (cur !== slot) executor.release(cur);
    return out;
  };

  const kernels: Kernels = {
    unary: (x, op, outDtype) =>
      f64([x], outDtype)
        ? onCpu('unary', 'float64', [x], outDtype)((k, [h]) => k.unary(h, op, outDtype))
        : run(unarySpec(x.shape, op, outDtype), [x]),
    clamp: (x, lo, hi) =>
      f64([x])
        ? onCpu('clamp', 'float64', [x], x.dtype)((k, [h]) => k.clamp(h, lo, hi))
        : run(clampSpec(x.shape, lo, hi, x.dtype), [x]),
    binary: (a, b, op, outShape, outDtype) =>
      f64([a, b], outDtype)
        ? onCpu('binary', 'float64', [a, b], outDtype)((k, [x, y]) => k.binary(x, y, op, outShape, outDtype))
        : run(binarySpec(a.shape, b.shape, op, outShape, outDtype), [a, b]),
    where: (cond, a, b, outShape, outDtype) =>
      f64([cond, a, b], outDtype)
        ? onCpu(
            'where',
            'float64',
            [cond, a, b],
            outDtype,
          )((k, [c, x, y]) => k.where(c, x, y, outShape, outDtype))
        : run(whereSpec([cond.shape, a.shape, b.shape], outShape, outDtype), [cond, a, b]),
    cast: (x, dtype) =>
      f64([x], dtype)
        ? onCpu('cast', 'float64', [x], dtype)((k, [h]) => k.cast(h, dtype))
        : run(castSpec(x.shape, dtype), [x]),
    reduce: (x, op, axis, outDtype) => {
      if (f64([x], outDtype))
        return onCpu('reduce', 'float64', [x], outDtype)((k, [h]) => k.reduce(h, op, axis, outDtype));
      const [outer, n, inner] = around(x.shape, axis);
      return wrap(reduceSlot(slotOf(x), op, outer, n, inner));
    },
    matmul: (a, b, transA, transB) => {
      if (f64([a, b]))
        return onCpu('matmul', 'float64', [a, b], 'float64')((k, [x, y]) => k.matmul(x, y, transA, transB));
      const inner = transA ? a.shape[1] : a.shape[2];
      // An empty inner dim gives zeros without reading either operand.
      return run(matmulSpec(a.shape, b.shape, transA, transB), inner === 0 ? [] : [a, b]);
    },
    softmax: (x, axis, log) => {
      if (f64([x])) return onCpu('softmax', 'float64', [x], x.dtype)((k, [h]) => k.softmax(h, axis, log));
      const [outer, n, inner] = around(x.shape, axis);
      if (outer * n * inner === 0) return wrap(executor.run(fillSpec('softmax', 0, 0), []));
      const xs = slotOf(x);
      const max = reduceSlot(xs, 'max', outer, n, inner);
      const e = executor.run(shiftedExpSpec(outer, n, inner), [xs, max]);
      const sum = reduceSlot(e, 'sum', outer, n, inner);
      executor.release(e);
      const out = executor.run(softmaxFinishSpec(outer, n, inner, log), [xs, max, sum]);
      executor.release(max);
      executor.release(sum);
      return wrap(out);
    },
    permute: (x, perm) =>
      f64([x])
        ? onCpu('permute', 'float64', [x], x.dtype)((k, [h]) => k.permute(h, perm))
        : run(permuteSpec(x.shape, perm), [x]),
    expand: (x, shape) =>
      f64([x])
        ? onCpu('expand', 'float64', [x], x.dtype)((k, [h]) => k.expand(h, shape))
        : run(expandSpec(x.shape, shape), [x]),
    slice: (x, begin, size) =>
      f64([x])
        ? onCpu('slice', 'float64', [x], x.dtype)((k, [h]) => k.slice(h, begin, size))
        : run(sliceSpec(x.shape, begin, size), [x]),
    pad: (x, pads, value) => {
      if (f64([x])) return onCpu('pad', 'float64', [x], x.dtype)((k, [h]) => k.pad(h, pads, value));
      if (sizeOf(x.shape) === 0) {
        const size = sizeOf(x.shape.map((d, i) => d + pads[i][0] + pads[i][1]));
        return wrap(executor.run(fillSpec('pad', size, value), []));
      }
      return run(padSpec(x.shape, pads, value), [x]);
    },
    concat: (xs, axis) => {
      if (f64(xs)) return onCpu('concat', 'float64', xs, 'float64')((k, hs) => k.concat(hs, axis));
      const parts = xs.filter((x) => sizeOf(x.shape) > 0);
      if (parts.length === 0) return wrap(executor.run(fillSpec('concat', 0, 0), []));
      return run(
        concatSpec(
          parts.map((x) => x.shape),
          axis,
        ),
        parts,
      );
    },
    gather: (x, index, axis) => {
      if (f64([x]))
        return onCpu('gather', 'float64', [x, index], x.dtype)((k, [h, i]) => k.gather(h, i, axis));
      checkIndex('gather', index, x.shape[axis], axis);
      return run(gatherSpec(x.shape, index.shape, axis), [x, index]);
    },
    scatterAdd: (x, index, src, axis) => {
      if (f64([x, src]))
        return onCpu(
          'scatterAdd',
          'float64',
          [x, index, src],
          x.dtype,
        )((k, [h, i, s]) => k.scatterAdd(h, i, s, axis));
      checkIndex('scatterAdd', index, x.shape[axis], axis);
      if (sizeOf(index.shape) === 0) return run(castSpec(x.shape, x.dtype), [x]);
      return run(scatterAddSpec(x.shape, index.shape, src.shape, axis), [x, index, src]);
    },
    indexSelect: (x, index, axis) => {
      if (f64([x]))
        return onCpu('indexSelect', 'float64', [x, index], x.dtype)((k, [h, i]) => k.indexSelect(h, i, axis));
      checkIndex('indexSelect', index, x.shape[axis], axis);
      if (sizeOf(index.shape) === 0) return wrap(executor.run(fillSpec('indexSelect', 0, 0), []));
      return run(indexSelectSpec(x.shape, index.shape[0], axis), [x, index]);
    },
  };

  shadowHostIntegers(kernels);

  const backend: Backend = {
    name,
    upload,
    download,
    downloadAsync,
    dispose: (data) => {
      const h = data as GpuHandle;
      registry.unregister(h);
      if (h.slot) executor.release(h.slot);
    },
    kernels,
  };
  return { backend, fallbacks };
}
