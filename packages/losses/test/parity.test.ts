// PyTorch parity: every case in parity/fixtures (made by parity/generate.py) is replayed here, forward and
// gradients: in float64 within 1e-5 relative, and again in float32 within float32's precision.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as losses from '@llm/losses';
import { type DType, type Tensor, tensor } from '@llm/tensor';
import { afterAll, describe, expect, it } from 'vitest';

interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | boolean)[];
}
interface Case {
  id: string;
  fn: string;
  args: (Encoded & { name: string; grad: boolean })[];
  options: Record<string, unknown>;
  output: Encoded;
  gradOutput: Encoded;
  grads: Record<string, Encoded>;
}

const TOLERANCE = {
  float64: { rtol: 1e-5, atol: 1e-9 },
  float32: { rtol: 2e-4, atol: 1e-5 },
} as const;
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'parity', 'fixtures');

function decode(e: Encoded, requiresGrad = false, floatType: 'float32' | 'float64' = 'float64'): Tensor {
  const data = e.data.map(Number);
  const dtype = e.dtype === 'float64' ? floatType : e.dtype;
  const typed =
    dtype === 'float64'
      ? Float64Array.from(data)
      : dtype === 'float32'
        ? Float32Array.from(data)
        : dtype === 'int32'
          ? Int32Array.from(data)
          : Uint8Array.from(data);
  return tensor(typed, { shape: e.shape, dtype, requiresGrad });
}

/** Largest |actual - expected| / max(|expected|, atol / rtol): the relative error, floored near zero. */
function relativeError(actual: Tensor, expected: Encoded, floor: number): number {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.data;
  let worst = 0;
  expected.data.forEach((v, i) => {
    const e = Number(v);
    worst = Math.max(worst, Math.abs(a[i] - e) / Math.max(Math.abs(e), floor));
  });
  return worst;
}

let worstRelativeError = 0;
let worstCase = '';

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const { cases } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] };
  describe.each(['float64', 'float32'] as const)(`parity: ${file} (%s)`, (floatType) => {
    const { rtol, atol } = TOLERANCE[floatType];
    it.each(cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
      const fn = (losses as unknown as Record<string, (...args: unknown[]) => Tensor>)[c.fn];
      expect(fn, `${c.fn} is exported`).toBeTypeOf('function');
      const named = new Map<string, Tensor>();
      const args = c.args.map((a) => {
        const t = decode(a, a.grad, floatType);
        named.set(a.name, t);
        return t;
      });
      const options: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.options)) {
        if (v && typeof v === 'object' && 'tensor' in v) {
          const enc = (v as { tensor: Encoded & { grad: boolean } }).tensor;
          const t = decode(enc, enc.grad, floatType);
          named.set(k, t);
          options[k] = t;
        } else options[k] = v;
      }
      const out = fn(...args, options);
      const errors = [relativeError(out, c.output, atol / rtol)];
      if (Object.keys(c.grads).length > 0) {
        out
          .mul(decode(c.gradOutput, false, floatType))
          .sum()
          .backward();
        for (const [name, expected] of Object.entries(c.grads)) {
          const t = named.get(name)!;
          const g = t.grad ?? tensor(new Float64Array(t.numel), { shape: t.shape, dtype: 'float64' });
          expect(g.dtype).toBe(t.dtype);
          errors.push(relativeError(g, expected, atol / rtol));
        }
      }
      const worst = Math.max(...errors);
      if (floatType === 'float64' && worst > worstRelativeError)
        [worstRelativeError, worstCase] = [worst, c.id];
      expect(worst, `relative error of ${c.id}`).toBeLessThanOrEqual(rtol);
    });
  });
}

afterAll(() => {
  console.log(`parity: worst float64 relative error ${worstRelativeError.toExponential(2)} (${worstCase})`);
});
