import { describe, expect, it } from 'vitest';
import { WasmArena } from './wasm-arena';

describe('WasmArena', () => {
  it('lays regions out 16-byte aligned from 0 and grows the memory, with fresh views after a grow', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new WasmArena(memory);
    expect(arena.layout(4, 0, 20, 8)).toEqual([0, 16, 16, 48]);
    const [, big] = arena.layout(10, 200_000)!;
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 200_000);
    expect(arena.f32.buffer).toBe(memory.buffer);
    expect(arena.f64.buffer).toBe(memory.buffer);
    expect(arena.u8.buffer).toBe(memory.buffer);
    arena.f32.set([1.5, -2, 3], big / 4);
    expect(arena.copyOut(big, 3)).toEqual(Float32Array.of(1.5, -2, 3));
  });

  it('returns undefined (the caller falls back to cpu) when the memory cannot grow that far', () => {
    const arena = new WasmArena(new WebAssembly.Memory({ initial: 1, maximum: 2 }));
    expect(arena.layout(65_536, 65_536, 16)).toBeUndefined();
    expect(arena.layout(2 ** 31)).toBeUndefined();
    expect(arena.layout(65_536, 65_536)).toEqual([0, 65_536]);
  });
});
