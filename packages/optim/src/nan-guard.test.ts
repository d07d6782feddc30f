import { tensor } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { assertFiniteGrads, findNonFiniteGrads, NonFiniteGradError } from './nan-guard';

describe('NaN/Inf guard', () => {
  it('names the parameter whose gradient went bad', () => {
    const ok = tensor([1, 2], { requiresGrad: true });
    const bad = tensor([1, 2, 3], { requiresGrad: true });
    const none = tensor([1], { requiresGrad: true });
    ok.grad = tensor([0.1, 0.2]);
    bad.grad = tensor([0, Number.NaN, Number.NEGATIVE_INFINITY]);
    const named = new Map([
      ['embed.weight', ok],
      ['blocks.0.attn.qkv.weight', bad],
      ['head.bias', none],
    ]);
    expect(findNonFiniteGrads(named)).toEqual([
      { name: 'blocks.0.attn.qkv.weight', nanCount: 1, infCount: 1, firstIndex: 1 },
    ]);
    expect(() => assertFiniteGrads(named)).toThrow(
      "assertFiniteGrads: the gradient of 'blocks.0.attn.qkv.weight' has 1 NaN and 1 Inf values (first at flat index 1).",
    );
    expect(() => assertFiniteGrads({ a: bad })).toThrow(NonFiniteGradError);
    bad.grad = tensor([0, 0, 0]);
    expect(() => assertFiniteGrads(named)).not.toThrow();
  });
});
