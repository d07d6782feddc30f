import { Generator, gradcheck, randn, ShapeError, type Tensor, tensor, ValueError, zeros } from '@llm/tensor';
import { describe, expect, it } from 'vitest';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from './index';

const g = (seed = 0) => new Generator(seed);

describe('RNN / LSTM / GRU', () => {
  it("names and shapes parameters exactly like PyTorch's state dict", () => {
    const lstm = new LSTM(3, 5, { numLayers: 2, bidirectional: true, generator: g() });
    const shapes = Object.fromEntries(Object.entries(lstm.stateDict()).map(([k, v]) => [k, v.shape]));
    expect(Object.keys(shapes)).toEqual([
      'weight_ih_l0',
      'weight_hh_l0',
      'bias_ih_l0',
      'bias_hh_l0',
      'weight_ih_l0_reverse',
      'weight_hh_l0_reverse',
      'bias_ih_l0_reverse',
      'bias_hh_l0_reverse',
      'weight_ih_l1',
      'weight_hh_l1',
      'bias_ih_l1',
      'bias_hh_l1',
      'weight_ih_l1_reverse',
      'weight_hh_l1_reverse',
      'bias_ih_l1_reverse',
      'bias_hh_l1_reverse',
    ]);
    expect(shapes.weight_ih_l0).toEqual([20, 3]);
    expect(shapes.weight_ih_l1).toEqual([20, 10]);
    expect(shapes.weight_hh_l1_reverse).toEqual([20, 5]);
    expect(Object.keys(new GRU(2, 4, { bias: false }).stateDict())).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    expect(new GRU(2, 4).weight_ih_l0.shape).toEqual([12, 2]);
    expect(new RNN(2, 4).weight_hh_l0.shape).toEqual([4, 4]);
    expect(lstm.numParameters()).toBe(2 * (20 * 3 + 20 * 5 + 40) + 2 * (20 * 10 + 20 * 5 + 40));
  });

  it('initialises U(-1/sqrt(hidden), 1/sqrt(hidden)), reproducibly from a generator', () => {
    const a = new GRU(8, 16, { numLayers: 2, generator: g(3) });
    const b = new GRU(8, 16, { numLayers: 2, generator: g(3) });
    for (const [name, p] of a.namedParameters()) {
      const data = Array.from(p.data);
      expect(Math.max(...data.map(Math.abs))).toBeLessThanOrEqual(0.25);
      expect(data).toEqual(Array.from((b as unknown as Record<string, Tensor>)[name].data));
    }
    expect(Math.max(...Array.from(a.weight_hh_l1.data))).toBeGreaterThan(0.24);
  });

  it('returns PyTorch-shaped outputs for every layout', () => {
    const x = randn([7, 3, 4], { generator: g() }); // (L, N, H_in)
    const [out, [h, c]] = new LSTM(4, 5, { numLayers: 2, bidirectional: true }).forward(x);
    expect([out.shape, h.shape, c.shape]).toEqual([
      [7, 3, 10],
      [4, 3, 5],
      [4, 3, 5],
    ]);
    const bf = new GRU(4, 6, { batchFirst: true, numLayers: 3 });
    const [o2, h2] = bf.forward(randn([3, 7, 4]), zeros([3, 3, 6]));
    expect([o2.shape, h2.shape]).toEqual([
      [3, 7, 6],
      [3, 3, 6],
    ]);
    const [o3, h3] = new RNN(4, 2, { numLayers: 2 }).forward(randn([5, 4])); // unbatched
    expect([o3.shape, h3.shape]).toEqual([
      [5, 2],
      [2, 2],
    ]);
  });

  it('the last output step equals the final hidden state of the last layer', () => {
    const gru = new GRU(3, 4, { numLayers: 2, batchFirst: true, generator: g(1) });
    const [out, h] = gru.forward(randn([2, 5, 3], { generator: g(2) }));
    expect(Array.from(out.narrow(1, 4, 1).reshape(-1).data)).toEqual(
      Array.from(h.narrow(0, 1, 1).reshape(-1).data),
    );
  });

  it('gives gradients that match finite differences (input and initial state)', () => {
    const lstm = new LSTM(3, 2, { numLayers: 2, bidirectional: true, generator: g(4) });
    const x = randn([4, 2, 3], { generator: g(5) }).requiresGrad_();
    const h0 = randn([4, 2, 2], { generator: g(6) }).requiresGrad_();
    const c0 = randn([4, 2, 2], { generator: g(7) }).requiresGrad_();
    expect(
      gradcheck(
        (xi, hi, ci) => {
          const [o, [hn, cn]] = lstm.forward(xi, [hi, ci]);
          return o.sum().add(hn.mul(2).sum()).add(cn.mul(3).sum());
        },
        [x, h0, c0],
      ),
    ).toBe(true);
    const gru = new GRU(3, 2, { batchFirst: true, generator: g(8) });
    expect(
      gradcheck((xi) => gru.forward(xi)[0], [randn([2, 3, 3], { generator: g(9) }).requiresGrad_()]),
    ).toBe(true);
  });

  it('applies dropout between layers only in training mode', () => {
    const rnn = new RNN(4, 8, { numLayers: 2, dropout: 0.5, generator: g(10) });
    const x = randn([6, 2, 4], { generator: g(11) });
    const evalOut = rnn.eval().forward(x)[0];
    expect(Array.from(rnn.forward(x)[0].data)).toEqual(Array.from(evalOut.data));
    const trainOut = rnn.train().forward(x)[0];
    expect(Array.from(trainOut.data)).not.toEqual(Array.from(evalOut.data));
    const single = new RNN(4, 8, { dropout: 0.5, generator: g(12) }); // one layer: nothing to drop
    expect(Array.from(single.train().forward(x)[0].data)).toEqual(
      Array.from(single.eval().forward(x)[0].data),
    );
  });

  it('learns: an LSTM fits a tiny sequence task with plain SGD', () => {
    const lstm = new LSTM(1, 8, { generator: g(13) });
    // target: the running sum of the inputs at the last step
    const x = randn([5, 8, 1], { generator: g(14) });
    const y = x.sum(0).reshape(8, 1);
    const readout = randn([8, 1], { generator: g(15) })
      .mul(0.1)
      .requiresGrad_();
    const loss = () => {
      const [, [h]] = lstm.forward(x);
      return h.reshape(8, 8).matmul(readout).sub(y).square().mean();
    };
    const first = loss().item();
    for (let step = 0; step < 60; step++) {
      lstm.zeroGrad();
      readout.grad = null;
      loss().backward();
      for (const p of [...lstm.parameters(), readout]) p.assign(p.sub(p.grad!.mul(0.3)));
    }
    expect(loss().item()).toBeLessThan(first * 0.5);
  });

  it('gives clear errors for wrong inputs and options', () => {
    const lstm = new LSTM(4, 3, { numLayers: 2 });
    expect(() => lstm.forward(zeros([5, 2, 3]))).toThrow(
      new ShapeError("LSTM.forward: 'input' must have 4 features in its last dim, got [5, 2, 3]."),
    );
    expect(() => lstm.forward(zeros([5]))).toThrow(/must be \(L, N, H_in\) or unbatched \(L, H_in\)/);
    expect(() => lstm.forward(zeros([5, 2, 4]), [zeros([2, 2, 3]), zeros([1, 2, 3])])).toThrow(
      new ShapeError("LSTM.forward: 'c0' must have shape [2, 2, 3], got [1, 2, 3]."),
    );
    expect(() => lstm.forward(zeros([5, 2, 4]), zeros([2, 2, 3]) as never)).toThrow(/pair \[h0, c0\]/);
    expect(() => new GRU(4, 3, { batchFirst: true }).forward(zeros([2, 5, 4]), zeros([1, 5, 3]))).toThrow(
      /'h0' must have shape \[1, 2, 3\]/,
    );
    expect(() => new RNN(4, 3).forward(zeros([0, 2, 4]))).toThrow(/at least one time step/);
    expect(() => new RNN(4, 3).forward(tensor([[1, 2, 3, 4]], { dtype: 'int32' }))).toThrow(/float tensor/);
    expect(() => new RNN(4, 0)).toThrow(
      new ValueError("RNN: 'hiddenSize' must be a positive integer, got 0."),
    );
    expect(() => new GRU(4, 3, { numLayers: 1.5 })).toThrow(/'numLayers'/);
    expect(() => new LSTM(4, 3, { dropout: 2 })).toThrow(/'dropout' must be in \[0, 1\]/);
    expect(() => new RNN(4, 3, { nonlinearity: 'sigmoid' as never })).toThrow(/'nonlinearity'/);
  });

  it('prints like PyTorch', () => {
    expect(new LSTM(10, 20, { numLayers: 2, batchFirst: true }).toString()).toBe(
      'LSTM(10, 20, numLayers=2, batchFirst=true)',
    );
    expect(new RNN(3, 4, { nonlinearity: 'relu' }).toString()).toBe("RNN(3, 4, nonlinearity='relu')");
  });
});

describe('RNNCell / LSTMCell / GRUCell', () => {
  it('one cell step equals a one-step sequence through the full layer with the same weights', () => {
    const x = randn([3, 4], { generator: g(20) });
    const h = randn([3, 5], { generator: g(21) });
    const c = randn([3, 5], { generator: g(22) });
    const pairs = [
      [new RNNCell(4, 5, { generator: g(1) }), new RNN(4, 5)],
      [new LSTMCell(4, 5, { generator: g(2) }), new LSTM(4, 5)],
      [new GRUCell(4, 5, { generator: g(3) }), new GRU(4, 5)],
    ] as const;
    for (const [cell, layer] of pairs) {
      const state = Object.fromEntries(Object.entries(cell.stateDict()).map(([k, v]) => [`${k}_l0`, v]));
      layer.loadStateDict(state);
      if (cell instanceof LSTMCell) {
        const [h1, c1] = cell.forward(x, [h, c]);
        const [, [hn, cn]] = (layer as LSTM).forward(x.unsqueeze(0), [h.unsqueeze(0), c.unsqueeze(0)]);
        expect(Array.from(hn.data)).toEqual(Array.from(h1.data));
        expect(Array.from(cn.data)).toEqual(Array.from(c1.data));
      } else {
        const h1 = (cell as GRUCell).forward(x, h);
        const [, hn] = (layer as GRU).forward(x.unsqueeze(0), h.unsqueeze(0));
        expect(Array.from(hn.data)).toEqual(Array.from(h1.data));
      }
    }
  });

  it('checks shapes', () => {
    expect(() => new GRUCell(4, 5).forward(zeros([2, 3]))).toThrow(
      new ShapeError("GRUCell.forward: 'input' must be (N, 4) or unbatched (4), got [2, 3]."),
    );
    expect(() => new LSTMCell(4, 5).forward(zeros([2, 4]), [zeros([2, 5]), zeros([5])])).toThrow(
      /'c' must have shape \[2, 5\]/,
    );
    expect(new RNNCell(4, 5, { bias: false }).toString()).toBe('RNNCell(4, 5, bias=false)');
  });
});
