import { Generator, rand, randint, randn, softmax, type Tensor, tensor } from '@llm/tensor';

/** Seeded float64 test data, so every run checks the same numbers. */
export function makeData(seed = 7) {
  const generator = new Generator(seed);
  return {
    randn: (shape: number[], scale = 1): Tensor => randn(shape, { generator, dtype: 'float64' }).mul(scale),
    rand: (shape: number[], lo = 0, hi = 1): Tensor =>
      rand(shape, { generator, dtype: 'float64' })
        .mul(hi - lo)
        .add(lo),
    classes: (high: number, shape: number[]): Tensor => randint(0, high, shape, { generator }),
    signs: (shape: number[]): Tensor =>
      rand(shape, { generator, dtype: 'float64' }).lt(0.5).to('float64').mul(2).sub(1),
    probs: (shape: number[], dim = -1): Tensor => softmax(randn(shape, { generator, dtype: 'float64' }), dim),
  };
}

export const int32 = (values: number[] | number[][]): Tensor => tensor(values, { dtype: 'int32' });
