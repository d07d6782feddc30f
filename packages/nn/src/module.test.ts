import {
  Generator,
  manualSeed,
  randn,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
  zeros,
} from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import {
  Dropout,
  Embedding,
  LayerNorm,
  Linear,
  MLP,
  Module,
  ModuleList,
  Parameter,
  ReLU,
  RMSNorm,
  Sequential,
} from './index';

class Block extends Module {
  fc = new Linear(4, 4, { generator: new Generator(1) });
  norm = new LayerNorm(4);
  forward(x: Tensor): Tensor {
    return this.norm.forward(this.fc.forward(x));
  }
}

class Net extends Module {
  embed = new Embedding(10, 4, { generator: new Generator(2) });
  blocks = new ModuleList([new Block(), new Block()]);
  head: Linear;
  constructor() {
    super();
    this.head = new Linear(4, 10, { bias: false });
    this.head.weight = this.embed.weight; // weight tying
  }
  forward(ids: Tensor): Tensor {
    let h = this.embed.forward(ids);
    for (const b of this.blocks) h = b.forward(h);
    return this.head.forward(h);
  }
}

describe('Module', () => {
  it('names parameters by field path, in definition order, tied weights once', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'embed.weight',
      'blocks.0.fc.weight',
      'blocks.0.fc.bias',
      'blocks.0.norm.weight',
      'blocks.0.norm.bias',
      'blocks.1.fc.weight',
      'blocks.1.fc.bias',
      'blocks.1.norm.weight',
      'blocks.1.norm.bias',
    ]);
    expect(net.numParameters()).toBe(40 + 2 * (16 + 4 + 4 + 4));
    expect(Object.keys(net.stateDict())).toContain('head.weight');
  });

  it('round-trips a state dict into a fresh model and checks keys and shapes', () => {
    const a = new Net();
    const b = new Net();
    manualSeed(5);
    for (const p of b.parameters()) p.assign(randn([...p.shape]));
    b.loadStateDict(a.stateDict());
    const ids = tensor([[1, 2, 3]], { dtype: 'int32' });
    expect(b.forward(ids).toArray()).toEqual(a.forward(ids).toArray());

    const dict = a.stateDict();
    delete dict['blocks.1.fc.bias'];
    expect(() => b.loadStateDict(dict)).toThrow(/missing: blocks\.1\.fc\.bias; unexpected: none/);
    expect(b.loadStateDict(dict, { strict: false }).missingKeys).toEqual(['blocks.1.fc.bias']);
    expect(() => b.loadStateDict({ ...a.stateDict(), 'embed.weight': zeros([3, 4]) })).toThrow(ShapeError);
  });

  it('switches train/eval recursively and prints a tree', () => {
    const net = new Sequential(new Linear(2, 3), new ReLU(), new Dropout(0.1));
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    expect(net.toString()).toBe(
      'Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n  (1): ReLU()\n  (2): Dropout(p=0.1)\n)',
    );
  });

  it('gives gradients to every parameter and zeroGrad clears them', () => {
    const net = new Net();
    net
      .forward(tensor([[1, 2]], { dtype: 'int32' }))
      .sum()
      .backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

describe('layers', () => {
  it('Linear computes x W^T + b and validates its input', () => {
    const fc = new Linear(2, 1);
    fc.weight.assign(tensor([[2, -1]]));
    fc.bias?.assign(tensor([0.5]));
    expect(
      fc
        .forward(
          tensor([
            [1, 1],
            [3, 2],
          ]),
        )
        .toArray(),
    ).toEqual([[1.5], [4.5]]);
    expect(() => fc.forward(zeros([2, 3]))).toThrow(
      /Linear.forward: 'input' must end in 2 features, got shape \[2, 3\]/,
    );
    expect(() => new Linear(0, 2)).toThrow(ValueError);
    const bound = 1 / Math.sqrt(2);
    const init = new Linear(2, 50).weight.data;
    expect(Math.max(...init)).toBeLessThanOrEqual(bound);
    expect(Math.min(...init)).toBeGreaterThanOrEqual(-bound);
  });

  it('Embedding looks rows up, keeps the padding row at zero with no gradient, and rejects bad ids', () => {
    const e = new Embedding(5, 3, { paddingIdx: 0 });
    expect(e.weight.toArray()).toContainEqual([0, 0, 0]);
    const ids = tensor(
      [
        [0, 2],
        [2, 4],
      ],
      { dtype: 'int32' },
    );
    const out = e.forward(ids);
    expect(out.shape).toEqual([2, 2, 3]);
    out.sum().backward();
    const g = e.weight.grad?.toArray() as number[][];
    expect(g[0]).toEqual([0, 0, 0]);
    expect(g[2]).toEqual([2, 2, 2]);
    expect(() => e.forward(tensor([5], { dtype: 'int32' }))).toThrow(/id 5 is out of range for 5 embeddings/);
    expect(() => e.forward(tensor([1]))).toThrow(/must be int32 token ids, got float32/);
  });

  it('LayerNorm and RMSNorm normalise the trailing dims', () => {
    const x = randn([3, 8]).mul(5).add(2);
    const y = new LayerNorm(8).forward(x);
    expect(Math.abs(y.mean(1).abs().max().item())).toBeLessThan(1e-5);
    expect(y.var(1, { unbiased: false }).sub(1).abs().max().item()).toBeLessThan(1e-3);
    const r = new RMSNorm(8).forward(x);
    expect(r.square().mean(1).sub(1).abs().max().item()).toBeLessThan(1e-3);
    expect(() => new LayerNorm(4).forward(zeros([2, 3]))).toThrow(/must end in the normalized shape \[4\]/);
  });

  it('Dropout is seeded, scales kept values, and is the identity in eval mode', () => {
    const x = zeros([1000]).add(1);
    const d = new Dropout(0.25, new Generator(0));
    const y = d.forward(x).data;
    const kept = Array.from(y).filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(kept.length / 1000).toBeGreaterThan(0.7);
    expect(kept.length / 1000).toBeLessThan(0.8);
    d.eval();
    expect(d.forward(x)).toBe(x);
  });

  it('MLP stacks Linear layers with activations', () => {
    const mlp = new MLP([4, 8, 8, 2], { activation: 'gelu' });
    expect(mlp.forward(zeros([5, 4])).shape).toEqual([5, 2]);
    expect(mlp.namedParameters().map(([n]) => n)).toEqual([
      '0.weight',
      '0.bias',
      '2.weight',
      '2.bias',
      '4.weight',
      '4.bias',
    ]);
  });

  it('Parameter wraps a tensor as a learnable leaf', () => {
    const p = new Parameter(tensor([1, 2]));
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    expect(new Parameter(tensor([1]), false).requiresGrad).toBe(false);
  });
});
