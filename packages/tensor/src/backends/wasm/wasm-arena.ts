// Addresses are i32 inside the modules; stay well clear of 2 GiB.
const maxBytes = 2 ** 31 - 2 ** 20;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * The linear memory of a kernels instance, reused by every call: `layout` places a call's regions
 * one after another from address 0 (16-byte aligned), growing the memory when needed and never
 * shrinking it. Views are rebuilt after a grow (which detaches the old buffer).
 */
export class WasmArena {
  private f32View: Float32Array;
  private f64View: Float64Array;
  private u8View: Uint8Array;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.f32View = new Float32Array(memory.buffer);
    this.f64View = new Float64Array(memory.buffer);
    this.u8View = new Uint8Array(memory.buffer);
  }

  /**
   * Byte addresses of regions of `bytes[i]` bytes each, or undefined if they do not fit in 32-bit
   * wasm memory or the memory cannot grow that far.
   */
  layout(...bytes: number[]): number[] | undefined {
    const at: number[] = [];
    let end = 0;
    for (const b of bytes) {
      at.push(end);
      end = align16(end + b);
    }
    if (end > maxBytes) return undefined;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / 65_536));
      } catch {
        return undefined; // the engine refused the memory: the caller takes the cpu kernel
      }
    }
    if (this.f32View.buffer !== this.memory.buffer) {
      this.f32View = new Float32Array(this.memory.buffer);
      this.f64View = new Float64Array(this.memory.buffer);
      this.u8View = new Uint8Array(this.memory.buffer);
    }
    return at;
  }

  /**
   * A fresh Float32Array holding the `n` floats at byte address `at`. new + set(subarray) measured
   * 1.3-2x faster than TypedArray.prototype.slice on Node 20 for 32 KB - 2 MB results.
   */
  copyOut(at: number, n: number): Float32Array {
    const out = new Float32Array(n);
    out.set(this.f32View.subarray(at / 4, at / 4 + n));
    return out;
  }

  /** The memory as float32 (valid until the next `layout`). */
  get f32(): Float32Array {
    return this.f32View;
  }

  /** The memory as bytes (valid until the next `layout`). */
  get u8(): Uint8Array {
    return this.u8View;
  }

  /** The memory as float64 (valid until the next `layout`). */
  get f64(): Float64Array {
    return this.f64View;
  }
}
