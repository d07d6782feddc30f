import type { Device, KernelSpec, Resource } from './device';

/**
 * One device buffer and its bookkeeping. Tensor handles point at slots; queued ops point at
 * slots too, so a buffer whose tensors are gone stays until the last queued reader has run.
 */
export class Slot {
  resource: Resource | null = null;
  /** The buffer exists (its op ran, or it holds no values). */
  ready: boolean;
  /** No tensor refers to it any more (disposed or garbage-collected). */
  dead = false;
  /** Queued ops that still read it. */
  pending = 0;
  freed = false;
  /** Set when the op that should have produced it failed. */
  error: Error | null = null;

  constructor(
    readonly size: number,
    /** The kernel that produces it, for messages. */
    readonly origin: string,
  ) {
    this.ready = size === 0;
  }
}

/** Live device buffers and their bytes (float32 storage: 4 bytes per value). */
export interface ExecutorStats {
  liveBuffers: number;
  liveBytes: number;
}

/**
 * Runs kernels over slots. The eager executor calls gpu.js at once (WebGL, headless GL, WASM,
 * cpu); the deferred one queues every call and runs the queue in order on `flush()`, because
 * WebGPU kernels return Promises while tensor ops are synchronous.
 */
export abstract class Executor {
  readonly stats: ExecutorStats = { liveBuffers: 0, liveBytes: 0 };

  constructor(readonly device: Device) {}

  /** Whether results only become readable after `flush()` (sync reads throw). */
  abstract readonly deferred: boolean;
  /** Runs (or queues) `spec` over `inputs` and returns the slot of its result. */
  abstract run(spec: KernelSpec, inputs: readonly Slot[]): Slot;
  /** Moves host data to a new slot. */
  abstract upload(data: Float32Array, origin?: string): Slot;
  /** Runs everything queued; resolves when every queued result exists. */
  abstract flush(): Promise<void>;

  /** Reads `slot` synchronously; throws on a deferred executor. */
  readSync(slot: Slot): Float32Array {
    if (slot.size === 0) return new Float32Array(0);
    if (slot.error) throw slot.error;
    if (!slot.ready) throw new Error(`internal: slot of '${slot.origin}' read before it ran.`);
    const out = this.device.read(slot.resource, slot.size);
    if (out instanceof Promise) throw new Error('internal: a synchronous read returned a Promise.');
    return out;
  }

  /** Reads `slot` after running whatever it waits on. */
  async read(slot: Slot): Promise<Float32Array> {
    if (!slot.ready) await this.flush();
    if (slot.size === 0) return new Float32Array(0);
    if (slot.error) throw slot.error;
    return this.device.read(slot.resource, slot.size);
  }

  /** Marks `slot` as unreferenced; its buffer is freed now, or after its last queued reader. */
  release(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.collect(slot);
  }

  /** Frees `slot`'s buffer if nothing can read it any more. */
  protected collect(slot: Slot): void {
    if (!slot.dead || slot.pending > 0 || slot.freed || !slot.ready) return;
    slot.freed = true;
    if (slot.resource !== null) {
      this.device.free(slot.resource);
      slot.resource = null;
      this.stats.liveBuffers--;
      this.stats.liveBytes -= slot.size * 4;
    }
  }

  /** Stores a finished result in `slot`. */
  protected materialize(slot: Slot, resource: Resource): void {
    slot.resource = resource;
    slot.ready = true;
    this.stats.liveBuffers++;
    this.stats.liveBytes += slot.size * 4;
    this.collect(slot);
  }
}

/** Runs each kernel at once; for the synchronous gpu.js modes. */
export class EagerExecutor extends Executor {
  readonly deferred = false;

  run(spec: KernelSpec, inputs: readonly Slot[]): Slot {
    const slot = new Slot(spec.size, spec.name);
    if (spec.size === 0) return slot;
    const result = this.device.call(
      spec,
      inputs.map((s) => live(s, spec.name)),
    );
    if (result instanceof Promise)
      throw new Error(
        `${spec.name}: gpu.js returned a Promise on the synchronous '${this.device.mode}' mode.`,
      );
    this.materialize(slot, result);
    return slot;
  }

  upload(data: Float32Array, origin = 'upload'): Slot {
    const slot = new Slot(data.length, origin);
    if (data.length === 0) return slot;
    this.materialize(slot, this.device.upload(data) as Resource);
    return slot;
  }

  async flush(): Promise<void> {}
}

interface QueuedOp {
  readonly spec: KernelSpec | null;
  /** Host data for an upload (then `spec` is null). */
  readonly data: Float32Array | null;
  readonly inputs: readonly Slot[];
  readonly out: Slot;
}

/**
 * Queues every kernel call and runs the queue in order on `flush()`, awaiting each gpu.js call
 * (WebGPU kernels return Promises). Results stay device buffers until someone reads them.
 */
export class DeferredExecutor extends Executor {
  readonly deferred = true;
  #queue: QueuedOp[] = [];
  #running: Promise<void> = Promise.resolve();

  /** How many calls wait in the queue. */
  get queued(): number {
    return this.#queue.length;
  }

  run(spec: KernelSpec, inputs: readonly Slot[]): Slot {
    const out = new Slot(spec.size, spec.name);
    if (spec.size === 0) return out;
    for (const s of inputs) {
      live(s, spec.name);
      s.pending++;
    }
    this.#queue.push({ spec, data: null, inputs, out });
    return out;
  }

  upload(data: Float32Array, origin = 'upload'): Slot {
    const out = new Slot(data.length, origin);
    if (data.length === 0) return out;
    // Copy: the caller may reuse its array before the queue runs.
    this.#queue.push({ spec: null, data: data.slice(), inputs: [], out });
    return out;
  }

  flush(): Promise<void> {
    this.#running = this.#running.then(() => this.#drain());
    return this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const op = this.#queue.shift()!;
      try {
        const result = op.spec
          ? await this.device.call(
              op.spec,
              op.inputs.map((s) => live(s, op.spec!.name)),
            )
          : await this.device.upload(op.data!);
        this.materialize(op.out, result);
      } catch (e) {
        const error = new Error(`${op.out.origin}: the queued GPU kernel failed: ${(e as Error).message}`);
        op.out.error = error;
        op.out.ready = true;
        this.#fail(error);
        throw error;
      } finally {
        for (const s of op.inputs) {
          s.pending--;
          this.collect(s);
        }
      }
    }
  }

  /** After a failure nothing queued can run: every later result carries the error. */
  #fail(error: Error): void {
    for (const op of this.#queue) {
      op.out.error = error;
      op.out.ready = true;
      for (const s of op.inputs) {
        s.pending--;
        this.collect(s);
      }
    }
    this.#queue = [];
  }
}

function live(slot: Slot, op: string): Resource {
  if (slot.freed) throw new Error(`${op}: an input buffer was already released (a disposed tensor?).`);
  if (slot.error) throw slot.error;
  return slot.resource;
}
