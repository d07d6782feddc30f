import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm } from '../src/index';
import { compare, loadFixture } from './fixtures';

interface ClipCase {
  normType: number | 'inf';
  maxNorm: number;
  shapes: number[][];
  grads: number[][];
  totalNorm: number;
  clipped: number[][];
}

const { cases } = loadFixture<{ cases: ClipCase[] }>('clip');

describe('clipGradNorm matches torch.nn.utils.clip_grad_norm_', () => {
  for (const c of cases) {
    it(`normType ${c.normType}, maxNorm ${c.maxNorm}`, () => {
      const params = c.shapes.map((s, i) => {
        const p = tensor(new Float32Array(c.grads[i].length), { shape: s, requiresGrad: true });
        p.grad = tensor(Float32Array.from(c.grads[i]), { shape: s });
        return p;
      });
      const normType = c.normType === 'inf' ? Number.POSITIVE_INFINITY : c.normType;
      const total = clipGradNorm(params, c.maxNorm, normType);
      expect(Math.abs(total - c.totalNorm) / c.totalNorm).toBeLessThanOrEqual(1e-6);
      params.forEach((p, i) => {
        expect(compare(p.grad!.data, c.clipped[i]).maxRel).toBeLessThanOrEqual(1e-6);
      });
    });
  }
});
