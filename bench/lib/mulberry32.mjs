/**
 * mulberry32: a tiny seeded generator of uniform floats in [0, 1), the same stream on every run and
 * on both sides of the Python boundary (the Python scripts read the data it made, never re-draw it).
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `length` seeded uniform float32 values in [low, high) (scaled by a power of two: exact). */
export function uniformFloats(length, seed, low, high) {
  const next = mulberry32(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = low + next() * (high - low);
  return out;
}
